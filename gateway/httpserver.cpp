#include "httpserver.h"

#include <QTcpSocket>

namespace muxi::gateway {

HttpServer::HttpServer(const HttpLimits &limits, HttpConnection::Handler handler, HttpConnection::ErrorBody errorBody, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_handler(std::move(handler))
    , m_errorBody(std::move(errorBody))
{
    // Connections are taken as they come; a burst of clients must not be refused by a short backlog.
    m_server.setMaxPendingConnections(1024);
    connect(&m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server.listen(address, port);
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        new HttpConnection(socket, m_limits, m_handler, m_errorBody, this);
    }
}

} // namespace muxi::gateway
