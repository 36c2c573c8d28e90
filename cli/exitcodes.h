#pragma once

#include <muxi/error.h>

namespace muxi::cli {

// The exit codes documented in docs/cli.md.
enum ExitCode {
    Ok = 0,
    Usage = 2,
    Authentication = 3,
    RateLimited = 4,
    Unavailable = 5,
    Rejected = 6,
    // A tool reported failure (isError), or the model's tool loop could not finish.
    ToolFailed = 7,
};

int exitCodeFor(const Error &error);

} // namespace muxi::cli
