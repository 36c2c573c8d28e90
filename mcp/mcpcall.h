#pragma once

#include <muxi/error.h>

#include <QJsonObject>
#include <QObject>

namespace muxi::mcp {

class McpSession;

// One request to a server in flight: its result, or the error naming server
// and method. Progress the server reports for it arrives as progress().
class McpCall : public QObject
{
    Q_OBJECT

public:
    McpCall(McpSession *session, QString method, QObject *parent = nullptr);

    QString method() const { return m_method; }
    bool isFinished() const { return m_finished; }
    bool hasError() const { return m_error.has_value(); }
    Error failure() const { return m_error.value_or(Error()); }
    QJsonObject result() const { return m_result; }

    // Sends notifications/cancelled; the call finishes with a Cancelled error.
    void cancel(const QString &reason = {});
    // Spins a local event loop until finished (the command line's blocking style).
    void waitForFinished();

Q_SIGNALS:
    void progress(double progress, double total, const QString &message);
    void finished();

private:
    friend class McpSession;
    void finishWith(const QJsonObject &result);
    void failWith(const Error &error);

    McpSession *m_session;
    QString m_method;
    bool m_finished = false;
    QJsonObject m_result;
    std::optional<Error> m_error;
};

} // namespace muxi::mcp
