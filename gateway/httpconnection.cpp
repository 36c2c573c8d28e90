#include "httpconnection.h"

#include "httpresponse.h"

#include <QCoreApplication>
#include <QTcpSocket>

#include <sys/socket.h>

#include <climits>

namespace muxi::gateway {

namespace {
// While a refused request's body keeps arriving after the error was sent, at
// most this much is read and thrown away before the connection is dropped.
constexpr qint64 maxDrainBytes = 1024 * 1024;
constexpr int drainTimeoutMs = 2'000;
// Bytes held from the socket while a request is being answered (pipelining).
constexpr qint64 readBufferBytes = 256 * 1024;
}

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits, Handler handler, ErrorBody errorBody, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_handler(std::move(handler))
    , m_errorBody(std::move(errorBody))
{
    socket->setParent(this);
    // Nagle plus delayed ACK would hold each small response back ~40 ms.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setReadBufferSize(readBufferBytes);
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
    http_parser_settings_init(&m_settings);
    m_settings.on_message_begin = &HttpConnection::onMessageBegin;
    m_settings.on_url = &HttpConnection::onUrl;
    m_settings.on_header_field = &HttpConnection::onHeaderField;
    m_settings.on_header_value = &HttpConnection::onHeaderValue;
    m_settings.on_headers_complete = &HttpConnection::onHeadersComplete;
    m_settings.on_body = &HttpConnection::onBody;
    m_settings.on_message_complete = &HttpConnection::onMessageComplete;
    m_request.peer = socket->peerAddress().toString().toUtf8();

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    m_timer.start(m_limits.idleTimeoutMs);
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    if (m_response)
        m_response->markClientGone();
}

void HttpConnection::onReadyRead()
{
    if (!m_socket)
        return;
    if (m_phase == Phase::Closing) {
        m_drained += m_socket->readAll().size();
        if (m_drained > maxDrainBytes)
            m_socket->abort();
        return;
    }
    if (m_phase == Phase::Busy)
        return; // read once the current response is done
    m_unparsed += m_socket->readAll();
    feed();
}

void HttpConnection::feed()
{
    while (!m_unparsed.isEmpty() && m_phase != Phase::Busy && m_phase != Phase::Closing) {
        const size_t parsed = http_parser_execute(&m_parser, &m_settings, m_unparsed.constData(), size_t(m_unparsed.size()));
        const auto error = HTTP_PARSER_ERRNO(&m_parser);
        if (m_refuseStatus) {
            refuse(m_refuseStatus, m_refuseMessage);
            return;
        }
        if (error != HPE_OK && error != HPE_PAUSED) {
            refuse(400, tr("malformed HTTP request: %1").arg(QString::fromLatin1(http_errno_description(error))));
            return;
        }
        m_unparsed.remove(0, qsizetype(parsed));
        if (m_ready)
            dispatch();
        else
            break;
    }
}

void HttpConnection::dispatch()
{
    m_ready = false;
    m_phase = Phase::Busy;
    m_timer.stop();
    const bool keepAlive = http_should_keep_alive(&m_parser) != 0;
    auto *response = new HttpResponse(this, keepAlive, m_request.method == "HEAD");
    m_response = response;
    const HttpRequest request = std::move(m_request);
    m_request = HttpRequest();
    m_request.peer = request.peer;
    m_handler(request, response);
}

void HttpConnection::writeResponseBytes(const QByteArray &bytes)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(bytes);
}

void HttpConnection::responseFinished(bool keepAlive)
{
    if (m_response) {
        m_response->deleteLater();
        m_response = nullptr;
    }
    if (!m_socket)
        return;
    if (!keepAlive) {
        m_phase = Phase::Closing;
        closeAfterWriting();
        return;
    }
    m_phase = Phase::Idle;
    http_parser_pause(&m_parser, 0);
    m_timer.start(m_limits.idleTimeoutMs);
    // A pipelined request may already be waiting, in our buffer or the socket's.
    QMetaObject::invokeMethod(this, [this] {
        if (m_phase == Phase::Busy || m_phase == Phase::Closing || !m_socket)
            return;
        m_unparsed += m_socket->readAll();
        feed();
    }, Qt::QueuedConnection);
}

void HttpConnection::onTimeout()
{
    switch (m_phase) {
    case Phase::Idle:
        if (m_socket)
            m_socket->abort();
        break;
    case Phase::Head:
    case Phase::Body:
        refuse(408, tr("the request did not arrive in time"));
        break;
    case Phase::Closing:
        if (m_socket)
            m_socket->abort();
        break;
    case Phase::Busy:
        break;
    }
}

void HttpConnection::onDisconnected()
{
    m_timer.stop();
    if (m_response)
        m_response->markClientGone();
    m_phase = Phase::Closing;
    deleteLater();
}

void HttpConnection::refuse(int status, const QString &message)
{
    m_phase = Phase::Closing;
    m_unparsed.clear();
    auto *response = new HttpResponse(this, false, false);
    m_response = response;
    const QByteArray body = m_errorBody ? m_errorBody(m_request.target, status, message) : message.toUtf8();
    // send() ends in responseFinished(false), which starts the close.
    response->send(status, {{"Content-Type", "application/json"}}, body);
}

void HttpConnection::closeAfterWriting()
{
    if (!m_socket)
        return;
    if (m_socket->bytesToWrite() > 0) {
        // A client reading a large answer slowly gets the same grace as a slow body.
        m_timer.start(m_limits.bodyTimeoutMs);
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_socket && m_socket->bytesToWrite() == 0) {
                ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
                m_timer.start(drainTimeoutMs);
            }
        });
        return;
    }
    // Half-close, then read and drop what the client still sends for a
    // moment: closing with unread bytes would reset the connection and could
    // destroy the error response before the client reads it.
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    m_timer.start(drainTimeoutMs);
}

int HttpConnection::onMessageBegin(http_parser *parser)
{
    auto *self = static_cast<HttpConnection *>(parser->data);
    self->m_phase = Phase::Head;
    self->m_headerBytes = 0;
    self->m_lastWasValue = false;
    self->m_timer.start(self->m_limits.headTimeoutMs);
    return 0;
}

bool HttpConnection::countHeaderBytes(size_t length)
{
    m_headerBytes += qint64(length);
    if (m_headerBytes <= m_limits.maxHeaderBytes)
        return true;
    m_refuseStatus = 431;
    m_refuseMessage = tr("the request head exceeds %1 bytes").arg(m_limits.maxHeaderBytes);
    return false;
}

int HttpConnection::onUrl(http_parser *parser, const char *at, size_t length)
{
    auto *self = static_cast<HttpConnection *>(parser->data);
    if (!self->countHeaderBytes(length))
        return 1;
    self->m_request.target.append(at, qsizetype(length));
    return 0;
}

int HttpConnection::onHeaderField(http_parser *parser, const char *at, size_t length)
{
    auto *self = static_cast<HttpConnection *>(parser->data);
    if (!self->countHeaderBytes(length))
        return 1;
    if (self->m_lastWasValue || self->m_request.headers.isEmpty())
        self->m_request.headers.append({QByteArray(), QByteArray()});
    self->m_lastWasValue = false;
    self->m_request.headers.last().first.append(QByteArray(at, qsizetype(length)).toLower());
    return 0;
}

int HttpConnection::onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    auto *self = static_cast<HttpConnection *>(parser->data);
    if (!self->countHeaderBytes(length))
        return 1;
    self->m_lastWasValue = true;
    self->m_request.headers.last().second.append(at, qsizetype(length));
    return 0;
}

int HttpConnection::onHeadersComplete(http_parser *parser)
{
    auto *self = static_cast<HttpConnection *>(parser->data);
    self->m_request.method = http_method_str(http_method(parser->method));
    if (parser->content_length != ULLONG_MAX && qint64(parser->content_length) > self->m_limits.maxBodyBytes) {
        self->m_refuseStatus = 413;
        self->m_refuseMessage = tr("the request body exceeds %1 bytes").arg(self->m_limits.maxBodyBytes);
        return 1;
    }
    if (self->m_request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0 && self->m_socket)
        self->m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    self->m_phase = Phase::Body;
    self->m_timer.start(self->m_limits.bodyTimeoutMs);
    return 0;
}

int HttpConnection::onBody(http_parser *parser, const char *at, size_t length)
{
    auto *self = static_cast<HttpConnection *>(parser->data);
    if (self->m_request.body.size() + qint64(length) > self->m_limits.maxBodyBytes) {
        self->m_refuseStatus = 413;
        self->m_refuseMessage = tr("the request body exceeds %1 bytes").arg(self->m_limits.maxBodyBytes);
        return 1;
    }
    if (self->m_request.body.isEmpty() && parser->content_length != ULLONG_MAX)
        self->m_request.body.reserve(qsizetype(parser->content_length) + qsizetype(length));
    self->m_request.body.append(at, qsizetype(length));
    self->m_timer.start(self->m_limits.bodyTimeoutMs);
    return 0;
}

int HttpConnection::onMessageComplete(http_parser *parser)
{
    auto *self = static_cast<HttpConnection *>(parser->data);
    self->m_ready = true;
    // Stop here: a pipelined request behind this one waits until this one is answered.
    http_parser_pause(parser, 1);
    return 0;
}

} // namespace muxi::gateway
