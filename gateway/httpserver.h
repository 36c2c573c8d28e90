#pragma once

#include "httpconnection.h"
#include "httplimits.h"

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

namespace muxi::gateway {

// HTTP/1.1 on the Qt event loop: QTcpServer accepts, an HttpConnection per
// client parses and answers, with keep-alive and pipelining.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    HttpServer(const HttpLimits &limits, HttpConnection::Handler handler, HttpConnection::ErrorBody errorBody, QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const { return m_server.errorString(); }
    quint16 port() const { return m_server.serverPort(); }

private:
    void onNewConnection();

    QTcpServer m_server;
    HttpLimits m_limits;
    HttpConnection::Handler m_handler;
    HttpConnection::ErrorBody m_errorBody;
};

} // namespace muxi::gateway
