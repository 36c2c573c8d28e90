#include "loopbackreceiver.h"

#include <QTcpSocket>

namespace muxi::mcp {

namespace {
// A request line and headers; a redirect carries no body.
constexpr qsizetype maxRequestBytes = 16 * 1024;
const QString callbackPath = QStringLiteral("/callback");
}

LoopbackReceiver::LoopbackReceiver(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackReceiver::onConnection);
}

bool LoopbackReceiver::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl LoopbackReceiver::redirectUri() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(callbackPath));
}

void LoopbackReceiver::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        // Read the request line and headers; answer once they are complete.
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            if (buffer->size() > maxRequestBytes) {
                socket->abort();
                return;
            }
            if (!buffer->contains("\r\n\r\n"))
                return;
            const QList<QByteArray> requestLine = buffer->left(buffer->indexOf("\r\n")).split(' ');
            const QUrl target(QString::fromLatin1(requestLine.value(1)));
            const bool isCallback = requestLine.value(0) == "GET" && target.path() == callbackPath;
            const QByteArray page = isCallback ? tr("<html><body><p>Muxi is authorized. You can close this window.</p></body></html>").toUtf8()
                                               : QByteArray("<html><body><p>Not found</p></body></html>");
            socket->write((isCallback ? QByteArray("HTTP/1.1 200 OK\r\n") : QByteArray("HTTP/1.1 404 Not Found\r\n")) +
                          "Content-Type: text/html; charset=utf-8\r\nConnection: close\r\nContent-Length: " + QByteArray::number(page.size()) +
                          "\r\n\r\n" + page);
            socket->disconnectFromHost();
            if (isCallback) {
                m_server.close();
                Q_EMIT received(QUrlQuery(target));
            }
        });
    }
}

} // namespace muxi::mcp
