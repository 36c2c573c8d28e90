#pragma once

#include "commandcontext.h"

#include <QCoreApplication>

namespace muxi::cli {

// muxi models [PROVIDER] [--json] [--refresh]: the providers as configured
// with how many models each offers, or one provider's models with what they
// can do, their context window and prices. Never prints a key.
class ModelsCommand
{
    Q_DECLARE_TR_FUNCTIONS(muxi::cli::ModelsCommand)

public:
    static int run(CommandContext &context);
};

} // namespace muxi::cli
