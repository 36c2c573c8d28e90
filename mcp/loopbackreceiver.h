#pragma once

#include <QCoreApplication>
#include <QTcpServer>
#include <QUrlQuery>

namespace muxi::mcp {

// The redirect target of an authorization in the user's browser: listens on
// 127.0.0.1 at a free port, answers the one redirect with a short page and
// hands over its query (code and state, or an error).
class LoopbackReceiver : public QObject
{
    Q_OBJECT

public:
    explicit LoopbackReceiver(QObject *parent = nullptr);

    bool listen();
    QUrl redirectUri() const;

Q_SIGNALS:
    void received(const QUrlQuery &query);

private:
    void onConnection();

    QTcpServer m_server;
};

} // namespace muxi::mcp
