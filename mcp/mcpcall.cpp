#include "mcpcall.h"

#include "mcpsession.h"

#include <QEventLoop>
#include <QPointer>

namespace muxi::mcp {

McpCall::McpCall(McpSession *session, QString method, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_method(std::move(method))
{
}

void McpCall::cancel(const QString &reason)
{
    if (m_finished)
        return;
    m_session->cancel(this, reason);
}

void McpCall::waitForFinished()
{
    if (m_finished)
        return;
    QEventLoop loop;
    connect(this, &McpCall::finished, &loop, &QEventLoop::quit);
    loop.exec();
}

void McpCall::finishWith(const QJsonObject &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = result;
    Q_EMIT finished();
}

void McpCall::failWith(const Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
}

} // namespace muxi::mcp
