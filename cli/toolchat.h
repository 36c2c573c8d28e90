#pragma once

#include "commandcontext.h"

#include <QCoreApplication>

namespace muxi::cli {

class McpServerOptions;

// `muxi chat` with MCP servers: starts them, runs the tool-call loop and
// prints the final answer; tool calls and their results go to stderr.
class ToolChat
{
    Q_DECLARE_TR_FUNCTIONS(muxi::cli::ToolChat)

public:
    struct Options {
        QStringList tools;
        bool approveAll = false;
        int maxSteps = 10;
        bool printJson = false;
        bool verbose = false;
    };

    static int run(CommandContext &context, const QCommandLineParser &parser, McpServerOptions &servers, const ChatRequest &request,
                   const Options &options);
};

} // namespace muxi::cli
