#pragma once

#include "commandcontext.h"

#include <QCoreApplication>

namespace muxi::cli {

// muxi mcp tools --server "CMD ARGS…" | --url URL
// muxi mcp call --server …|--url … TOOL 'JSON-ARGS'
class McpCommand
{
    Q_DECLARE_TR_FUNCTIONS(muxi::cli::McpCommand)

public:
    static int run(CommandContext &context);

private:
    static int tools(CommandContext &context);
    static int call(CommandContext &context);
};

} // namespace muxi::cli
