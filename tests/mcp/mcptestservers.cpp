#include "mcptestservers.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QTcpServer>

namespace muxi::test {

QString mcpNpmDir()
{
    const QString configured = qEnvironmentVariable("MUXI_MCP_NPM_DIR");
    return configured.isEmpty() ? QDir::home().filePath(QStringLiteral(".cache/muxi/npm-mcp")) : configured;
}

QString npmFile(const QString &relativePath)
{
    return QDir(mcpNpmDir()).filePath(QStringLiteral("node_modules/") + relativePath);
}

mcp::McpServerConfig everythingServer()
{
    mcp::McpServerConfig config;
    config.program = QStringLiteral("node");
    config.arguments = {npmFile(QStringLiteral("@modelcontextprotocol/server-everything/dist/index.js")), QStringLiteral("stdio")};
    config.name = QStringLiteral("everything");
    return config;
}

mcp::McpServerConfig filesystemServer(const QString &directory)
{
    mcp::McpServerConfig config;
    config.program = QStringLiteral("node");
    config.arguments = {npmFile(QStringLiteral("@modelcontextprotocol/server-filesystem/dist/index.js")), directory};
    config.name = QStringLiteral("filesystem");
    return config;
}

mcp::McpServerConfig scriptedServer(const QString &mode)
{
    mcp::McpServerConfig config;
    config.program = QStringLiteral("node");
    config.arguments = {QStringLiteral(MUXI_MCP_SCRIPTED_SERVER), mode};
    config.name = QStringLiteral("scripted-") + mode;
    return config;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

EverythingHttpServer::EverythingHttpServer()
{
    m_port = freePort();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PORT"), QString::number(m_port));
    m_process.setProcessEnvironment(environment);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(QStringLiteral("node"), {npmFile(QStringLiteral("@modelcontextprotocol/server-everything/dist/index.js")),
                                             QStringLiteral("streamableHttp")});
    // The server says so on stderr once it accepts connections.
    while (!m_log.contains("listening on port") && m_process.waitForReadyRead(20'000))
        m_log += m_process.readAll();
    m_listening = m_log.contains("listening on port");
}

EverythingHttpServer::~EverythingHttpServer()
{
    m_process.kill();
    m_process.waitForFinished(5000);
}

QUrl EverythingHttpServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(m_port));
}

QByteArray EverythingHttpServer::log()
{
    m_log += m_process.readAll();
    return m_log;
}

} // namespace muxi::test
