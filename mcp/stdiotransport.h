#pragma once

#include "mcpserverconfig.h"
#include "mcptransport.h"

#include <QCoreApplication>
#include <QProcess>

namespace muxi::mcp {

// A server run as a child process: one JSON message per line on its stdin and
// stdout, its stderr kept as a log. The child gets a minimal environment.
class StdioTransport : public McpTransport
{
    Q_OBJECT

public:
    explicit StdioTransport(McpServerConfig config, QObject *parent = nullptr);
    ~StdioTransport() override;

    void open() override;
    void send(const QJsonObject &message) override;
    void close() override;
    QString diagnostics() const override;

    // The environment the child starts with, built from `parent` (normally this process's).
    static QProcessEnvironment childEnvironment(const McpServerConfig &config, const QProcessEnvironment &parent);

private:
    void onReadyRead();
    void onStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void fail(const QString &message);

    McpServerConfig m_config;
    QProcess m_process;
    QByteArray m_buffer;
    QByteArray m_stderr;
    bool m_closing = false;
    bool m_failed = false;
};

} // namespace muxi::mcp
