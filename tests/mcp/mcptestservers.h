#pragma once

#include <mcpserverconfig.h>

#include <QProcess>
#include <QString>
#include <QUrl>

#include <memory>

namespace muxi::test {

// Where scripts/install-mcp-test-servers.sh put the npm packages.
QString mcpNpmDir();
// A file inside an installed package, e.g. "@modelcontextprotocol/server-everything/dist/index.js".
QString npmFile(const QString &relativePath);
// server-everything over stdio, run by the system's Node.
mcp::McpServerConfig everythingServer();
mcp::McpServerConfig filesystemServer(const QString &directory);
// tests/mcp/servers/scripted.mjs in one of its modes.
mcp::McpServerConfig scriptedServer(const QString &mode);
quint16 freePort();

// server-everything in its Streamable HTTP mode on a free loopback port, for one test.
class EverythingHttpServer
{
public:
    EverythingHttpServer();
    ~EverythingHttpServer();

    bool isListening() const { return m_listening; }
    QUrl url() const;
    // What the server logged, to see which requests it received.
    QByteArray log();

private:
    QProcess m_process;
    quint16 m_port = 0;
    bool m_listening = false;
    QByteArray m_log;
};

} // namespace muxi::test
