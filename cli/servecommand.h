#pragma once

#include "commandcontext.h"

#include <QCoreApplication>

namespace muxi::cli {

// muxi serve — runs the OpenAI- and Anthropic-compatible gateway until killed.
class ServeCommand
{
    Q_DECLARE_TR_FUNCTIONS(muxi::cli::ServeCommand)

public:
    static int run(CommandContext &context);
};

} // namespace muxi::cli
