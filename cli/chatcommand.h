#pragma once

#include "commandcontext.h"

namespace muxi::cli {

// muxi chat -m MODEL [-m FALLBACK]… [--stream] [--json] [--image F]… [--audio F]… PROMPT
class ChatCommand
{
public:
    static int run(CommandContext &context);
};

} // namespace muxi::cli
