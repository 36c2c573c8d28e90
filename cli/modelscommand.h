#pragma once

#include "commandcontext.h"

namespace muxi::cli {

// muxi models [--json] [--remote PROVIDER]: the provider table as configured,
// or one provider's own model listing. Never prints a key.
class ModelsCommand
{
public:
    static int run(CommandContext &context);
};

} // namespace muxi::cli
