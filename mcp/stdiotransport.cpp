#include "stdiotransport.h"

#include <QJsonDocument>
#include <QTimer>

namespace muxi::mcp {

namespace {
// Enough of the server's log to explain a failure, not so much that it floods a dialog.
constexpr qsizetype stderrTailBytes = 4096;
// A server that ignores a closed stdin is stopped, then killed.
constexpr int terminateAfterMs = 2000;
constexpr int killAfterMs = 2000;
}

StdioTransport::StdioTransport(McpServerConfig config, QObject *parent)
    : McpTransport(parent)
    , m_config(std::move(config))
{
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &StdioTransport::onReadyRead);
    connect(&m_process, &QProcess::readyReadStandardError, this, &StdioTransport::onStderr);
    connect(&m_process, &QProcess::finished, this, &StdioTransport::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &StdioTransport::onError);
    connect(&m_process, &QProcess::started, this, &McpTransport::opened);
}

StdioTransport::~StdioTransport()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.disconnect(this);
        m_process.kill();
        m_process.waitForFinished(1000);
    }
}

QProcessEnvironment StdioTransport::childEnvironment(const McpServerConfig &config, const QProcessEnvironment &parent)
{
    QProcessEnvironment environment;
    for (const QString &name : McpServerConfig::inheritedVariables()) {
        if (parent.contains(name))
            environment.insert(name, parent.value(name));
    }
    for (auto it = config.environment.cbegin(); it != config.environment.cend(); ++it)
        environment.insert(it.key(), it.value());
    return environment;
}

void StdioTransport::open()
{
    m_process.setProcessEnvironment(childEnvironment(m_config, QProcessEnvironment::systemEnvironment()));
    if (!m_config.workingDirectory.isEmpty())
        m_process.setWorkingDirectory(m_config.workingDirectory);
    m_process.start(m_config.program, m_config.arguments);
}

void StdioTransport::send(const QJsonObject &message)
{
    if (m_process.state() != QProcess::Running)
        return;
    // Compact JSON has no raw newlines: they only appear escaped inside strings.
    m_process.write(QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n');
}

void StdioTransport::close()
{
    if (m_process.state() == QProcess::NotRunning) {
        m_closing = true;
        QTimer::singleShot(0, this, &McpTransport::closed);
        return;
    }
    m_closing = true;
    // The spec's shutdown: close stdin, then SIGTERM, then SIGKILL.
    m_process.closeWriteChannel();
    QTimer::singleShot(terminateAfterMs, this, [this] {
        if (m_process.state() != QProcess::NotRunning)
            m_process.terminate();
    });
    QTimer::singleShot(terminateAfterMs + killAfterMs, this, [this] {
        if (m_process.state() != QProcess::NotRunning)
            m_process.kill();
    });
}

QString StdioTransport::diagnostics() const
{
    return QString::fromUtf8(m_stderr).trimmed();
}

void StdioTransport::onReadyRead()
{
    m_buffer += m_process.readAllStandardOutput();
    qsizetype start = 0;
    while (!m_failed) {
        const qsizetype end = m_buffer.indexOf('\n', start);
        if (end < 0)
            break;
        const QByteArray line = m_buffer.mid(start, end - start).trimmed();
        start = end + 1;
        if (line.isEmpty())
            continue;
        if (line.size() > m_config.maxMessageBytes) {
            fail(tr("sent a message of %1 bytes, more than the limit of %2").arg(line.size()).arg(m_config.maxMessageBytes));
            return;
        }
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (!document.isObject()) {
            fail(tr("wrote something that is not a JSON-RPC message to its standard output: %1")
                     .arg(QString::fromUtf8(line.left(120)).simplified()));
            return;
        }
        Q_EMIT messageReceived(document.object());
    }
    m_buffer.remove(0, start);
    if (!m_failed && m_buffer.size() > m_config.maxMessageBytes)
        fail(tr("sent a message of more than %1 bytes, the limit").arg(m_config.maxMessageBytes));
}

void StdioTransport::onStderr()
{
    m_stderr += m_process.readAllStandardError();
    if (m_stderr.size() > stderrTailBytes)
        m_stderr = m_stderr.right(stderrTailBytes);
}

void StdioTransport::onFinished(int exitCode, QProcess::ExitStatus status)
{
    onStderr();
    if (m_closing) {
        Q_EMIT closed();
        return;
    }
    if (status == QProcess::CrashExit)
        fail(tr("crashed"));
    else
        fail(tr("exited with code %1").arg(exitCode));
}

void StdioTransport::onError(QProcess::ProcessError error)
{
    if (error == QProcess::FailedToStart)
        fail(tr("could not be started (%1): %2").arg(m_config.program, m_process.errorString()));
}

void StdioTransport::fail(const QString &message)
{
    if (m_failed)
        return;
    m_failed = true;
    QString text = message;
    const QString log = diagnostics();
    if (!log.isEmpty())
        text += tr("; its last output on stderr: %1").arg(log.right(800));
    Q_EMIT failed(Error(Error::Kind::Server, text));
    if (m_process.state() != QProcess::NotRunning) {
        m_closing = true;
        m_process.kill();
    }
}

} // namespace muxi::mcp
