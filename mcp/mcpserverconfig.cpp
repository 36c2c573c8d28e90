#include "mcpserverconfig.h"

#include <QFileInfo>
#include <QProcess>

namespace muxi::mcp {

McpServerConfig McpServerConfig::fromCommandLine(const QString &commandLine)
{
    McpServerConfig config;
    config.transport = Transport::Stdio;
    QStringList words = QProcess::splitCommand(commandLine);
    if (!words.isEmpty())
        config.program = words.takeFirst();
    config.arguments = words;
    return config;
}

McpServerConfig McpServerConfig::fromUrl(const QUrl &url)
{
    McpServerConfig config;
    config.transport = Transport::Http;
    config.url = url;
    return config;
}

QString McpServerConfig::displayName() const
{
    if (!name.isEmpty())
        return name;
    if (transport == Transport::Http)
        return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
    // "npx -y @scope/server-x" and "node dist/index.js" are named after what they run.
    QString shown = QFileInfo(program).fileName();
    static const QStringList launchers{QStringLiteral("node"), QStringLiteral("npx"), QStringLiteral("uvx"), QStringLiteral("python3"),
                                       QStringLiteral("python"), QStringLiteral("bun"), QStringLiteral("deno")};
    if (launchers.contains(shown)) {
        for (const QString &argument : arguments) {
            if (!argument.startsWith(QLatin1Char('-'))) {
                shown = QFileInfo(argument).fileName();
                break;
            }
        }
    }
    return shown;
}

bool McpServerConfig::isValid() const
{
    return transport == Transport::Stdio ? !program.isEmpty() : (url.isValid() && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")));
}

QStringList McpServerConfig::inheritedVariables()
{
    return {QStringLiteral("PATH"), QStringLiteral("HOME"), QStringLiteral("USER"), QStringLiteral("LOGNAME"),
            QStringLiteral("SHELL"), QStringLiteral("TERM"), QStringLiteral("LANG")};
}

} // namespace muxi::mcp
