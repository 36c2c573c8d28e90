#pragma once

#include "commandcontext.h"

namespace muxi::cli {

// muxi tokens -m MODEL [--json] TEXT… | --messages FILE — counts tokens
// locally, exactly for OpenAI models and as a labelled estimate otherwise.
class TokensCommand
{
public:
    static int run(CommandContext &context);
};

} // namespace muxi::cli
