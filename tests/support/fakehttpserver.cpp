#include "fakehttpserver.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace muxi::test {

QByteArray RecordedRequest::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

QUrl RecordedRequest::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1") + QString::fromLatin1(target));
}

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

ScriptedResponse ScriptedResponse::json(int status, const QByteArray &body, Headers extraHeaders)
{
    ScriptedResponse r;
    r.status = status;
    r.headers = std::move(extraHeaders);
    r.headers.emplaceBack("Content-Type", "application/json");
    r.pieces = {body};
    return r;
}

ScriptedResponse ScriptedResponse::json(int status, const QJsonObject &body, Headers extraHeaders)
{
    return json(status, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(extraHeaders));
}

ScriptedResponse ScriptedResponse::sse(const QList<QByteArray> &pieces, int intervalMs)
{
    ScriptedResponse r;
    r.headers = {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    r.pieces = pieces;
    r.chunked = true;
    r.intervalMs = intervalMs;
    return r;
}

ScriptedResponse ScriptedResponse::sseBytes(const QByteArray &bytes, int pieceSize, int intervalMs)
{
    QList<QByteArray> pieces;
    for (qsizetype i = 0; i < bytes.size(); i += pieceSize)
        pieces.append(bytes.mid(i, pieceSize));
    return sse(pieces, intervalMs);
}

ScriptedResponse ScriptedResponse::ndjson(const QList<QByteArray> &lines, int intervalMs)
{
    ScriptedResponse r;
    r.headers = {{"Content-Type", "application/x-ndjson"}};
    for (const QByteArray &line : lines)
        r.pieces.append(line + '\n');
    r.chunked = true;
    r.intervalMs = intervalMs;
    return r;
}

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QObject(parent)
{
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        qFatal("FakeHttpServer cannot listen on 127.0.0.1");
    connect(&m_server, &QTcpServer::newConnection, this, &FakeHttpServer::onNewConnection);
}

FakeHttpServer::~FakeHttpServer()
{
    // The sockets outlive the members their handlers use; silence them first.
    const auto sockets = m_server.findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
    }
}

QUrl FakeHttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
}

quint16 FakeHttpServer::port() const
{
    return m_server.serverPort();
}

void FakeHttpServer::route(const QByteArray &method, const QByteArray &path, Handler handler)
{
    m_routes.insert(method + ' ' + path, std::move(handler));
}

void FakeHttpServer::script(const QByteArray &method, const QByteArray &path, QList<ScriptedResponse> responses)
{
    auto queue = std::make_shared<QList<ScriptedResponse>>(std::move(responses));
    route(method, path, [queue](const RecordedRequest &) {
        return queue->size() > 1 ? queue->takeFirst() : queue->first();
    });
}

int FakeHttpServer::count(const QByteArray &path) const
{
    int n = 0;
    for (const RecordedRequest &r : m_requests) {
        if (r.path() == path)
            ++n;
    }
    return n;
}

void FakeHttpServer::clear()
{
    m_requests.clear();
}

void FakeHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            onReadyRead(socket);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        RecordedRequest request;
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() < 2) {
            socket->abort();
            return;
        }
        request.method = requestLine.at(0);
        request.target = requestLine.at(1);
        qsizetype contentLength = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                contentLength = value.toLongLong();
        }
        if (buffer.size() < headEnd + 4 + contentLength)
            return;
        request.body = buffer.mid(headEnd + 4, contentLength);
        buffer.remove(0, headEnd + 4 + contentLength);
        m_requests.append(request);
        Q_EMIT requestReceived(request);
        respond(socket, request);
    }
}

void FakeHttpServer::respond(QTcpSocket *socket, const RecordedRequest &request)
{
    const auto handler = m_routes.constFind(request.method + ' ' + request.path());
    ScriptedResponse response = handler == m_routes.constEnd()
        ? ScriptedResponse::json(404, QByteArray(R"({"error":{"message":"no such route in the fake server","type":"invalid_request_error"}})"))
        : (*handler)(request);
    if (response.silent)
        return;
    const bool keepAlive = request.header("connection").toLower() != "close";
    QPointer<QTcpSocket> guard(socket);
    if (response.headDelayMs > 0) {
        QTimer::singleShot(response.headDelayMs, this, [this, guard, response, keepAlive] {
            if (guard)
                writeResponse(guard, response, keepAlive);
        });
    } else {
        writeResponse(socket, response, keepAlive);
    }
}

void FakeHttpServer::writeResponse(QTcpSocket *socket, const ScriptedResponse &response, bool keepAlive)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " Status\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    if (response.chunked) {
        head += "Transfer-Encoding: chunked\r\n";
    } else {
        qsizetype length = 0;
        for (const QByteArray &piece : response.pieces)
            length += piece.size();
        head += "Content-Length: " + QByteArray::number(response.announcedLength >= 0 ? response.announcedLength : length) + "\r\n";
    }
    const bool close = !keepAlive || response.cut;
    head += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";

    // By value: the timer below runs this after `response` (the caller's local) is gone.
    auto encode = [chunked = response.chunked](const QByteArray &piece) {
        return chunked ? QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n" : piece;
    };
    auto finish = [response, close](QTcpSocket *s) {
        if (response.cut) {
            s->flush();
            s->disconnectFromHost();
            return;
        }
        if (response.chunked)
            s->write("0\r\n\r\n");
        if (close)
            s->disconnectFromHost();
    };

    if (response.intervalMs <= 0) {
        QByteArray all = head;
        for (const QByteArray &piece : response.pieces)
            all += encode(piece);
        socket->write(all);
        finish(socket);
        return;
    }
    socket->write(head);
    QPointer<QTcpSocket> guard(socket);
    auto index = std::make_shared<qsizetype>(0);
    auto *timer = new QTimer(socket);
    connect(timer, &QTimer::timeout, socket, [=] {
        if (!guard)
            return;
        if (*index < response.pieces.size()) {
            guard->write(encode(response.pieces.at((*index)++)));
            return;
        }
        timer->stop();
        timer->deleteLater();
        finish(guard);
    });
    timer->start(response.intervalMs);
}

} // namespace muxi::test
