#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <utility>

namespace muxi::mcp {

// How to reach one MCP server: a command run over stdio, or a Streamable HTTP URL.
class McpServerConfig
{
public:
    enum class Transport { Stdio, Http };

    Transport transport = Transport::Stdio;
    // Shown in errors and prompts; derived from the command or URL when empty.
    QString name;
    QString program;
    QStringList arguments;
    // Variables the user configured for this server, on top of the minimal environment.
    QHash<QString, QString> environment;
    QString workingDirectory;
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;

    std::chrono::milliseconds initializeTimeout{20'000};
    std::chrono::milliseconds requestTimeout{120'000};
    // A larger message from the server is refused rather than buffered.
    qint64 maxMessageBytes = 16 * 1024 * 1024;

    // "CMD ARGS…" split the way a shell would (quotes respected).
    static McpServerConfig fromCommandLine(const QString &commandLine);
    static McpServerConfig fromUrl(const QUrl &url);

    QString displayName() const;
    bool isValid() const;

    // The variables a stdio server inherits from Muxi; nothing else (provider keys
    // included) crosses over unless the user configured it for this server.
    static QStringList inheritedVariables();
};

} // namespace muxi::mcp
