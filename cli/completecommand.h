#pragma once

#include "commandcontext.h"

namespace muxi::cli {

// muxi complete -m MODEL [--stream] [--max-tokens N] PROMPT (legacy completions)
class CompleteCommand
{
public:
    static int run(CommandContext &context);
};

} // namespace muxi::cli
