#pragma once

#include "commandcontext.h"
#include "filetokenstore.h"

#include <mcpserverconfig.h>
#include <mcpsession.h>

#include <QCommandLineOption>
#include <QCoreApplication>

#include <memory>
#include <vector>

namespace muxi::cli {

// The options that name MCP servers and how to treat them, shared by
// `muxi mcp` and `muxi chat --mcp`, and the sessions they start.
class McpServerOptions
{
    Q_DECLARE_TR_FUNCTIONS(muxi::cli::McpServerOptions)

public:
    // `prefix` is "mcp-" for chat, where the plain names would be ambiguous.
    McpServerOptions(const QString &serverOption, const QString &urlOption, const QString &prefix);

    void addTo(QCommandLineParser &parser) const;
    // The servers named on the command line, or a usage error.
    Expected<QList<mcp::McpServerConfig>> servers(const QCommandLineParser &parser) const;
    Expected<mcp::McpSession::ElicitationPolicy> elicitation(const QCommandLineParser &parser) const;
    bool verbose(const QCommandLineParser &parser) const { return parser.isSet(m_verbose); }

    // Starts every server and waits until all are ready; the first failure is returned.
    // Remote servers that ask for OAuth get it, with tokens kept in the user's data directory.
    std::optional<Error> start(CommandContext &context, const QCommandLineParser &parser,
                               std::vector<std::unique_ptr<mcp::McpSession>> &sessions);
    static void closeAll(std::vector<std::unique_ptr<mcp::McpSession>> &sessions);

private:
    QCommandLineOption m_server;
    QCommandLineOption m_url;
    QCommandLineOption m_env;
    QCommandLineOption m_header;
    QCommandLineOption m_initTimeout;
    QCommandLineOption m_callTimeout;
    QCommandLineOption m_elicit;
    QCommandLineOption m_verbose;
    QCommandLineOption m_clientId;
    QCommandLineOption m_clientMetadata;
    FileTokenStore m_tokens;
};

} // namespace muxi::cli
