#pragma once

#include "commandcontext.h"

namespace muxi::cli {

// muxi embed -m MODEL TEXT… — prints the OpenAI-shaped embedding list as JSON.
class EmbedCommand
{
public:
    static int run(CommandContext &context);
};

} // namespace muxi::cli
