#include "httpresponse.h"

#include "httpconnection.h"

#include <http_parser.h>

namespace muxi::gateway {

HttpResponse::HttpResponse(HttpConnection *connection, bool keepAlive, bool headOnly)
    : QObject(connection)
    , m_connection(connection)
    , m_keepAlive(keepAlive)
    , m_headOnly(headOnly)
{
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
#define MUXI_STATUS_CASE(num, name, string) \
    case num:                               \
        return QByteArrayLiteral(#string);
        HTTP_STATUS_MAP(MUXI_STATUS_CASE)
#undef MUXI_STATUS_CASE
    }
    return QByteArrayLiteral("Status");
}

QByteArray HttpResponse::head(int status, const HttpHeaders &headers, const QByteArray &framing) const
{
    QByteArray out;
    out.reserve(256);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += framing;
    out += m_keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    return out;
}

void HttpResponse::send(int status, const HttpHeaders &headers, const QByteArray &body)
{
    if (m_started || m_clientGone)
        return;
    m_started = true;
    m_finished = true;
    m_status = status;
    QByteArray out = head(status, headers, "Content-Length: " + QByteArray::number(body.size()) + "\r\n");
    if (!m_headOnly)
        out += body;
    m_connection->writeResponseBytes(out);
    m_connection->responseFinished(m_keepAlive);
}

void HttpResponse::start(int status, const HttpHeaders &headers)
{
    if (m_started || m_clientGone)
        return;
    m_started = true;
    m_status = status;
    const QByteArray out = head(status, headers, "Transfer-Encoding: chunked\r\n");
    m_connection->writeResponseBytes(out);
}

void HttpResponse::write(const QByteArray &data)
{
    if (!m_started || m_finished || m_clientGone || data.isEmpty() || m_headOnly)
        return;
    QByteArray out = QByteArray::number(data.size(), 16) + "\r\n";
    out.reserve(out.size() + data.size() + 2);
    out += data;
    out += "\r\n";
    m_connection->writeResponseBytes(out);
}

void HttpResponse::end()
{
    if (!m_started || m_finished || m_clientGone)
        return;
    m_finished = true;
    if (!m_headOnly)
        m_connection->writeResponseBytes(QByteArrayLiteral("0\r\n\r\n"));
    m_connection->responseFinished(m_keepAlive);
}

void HttpResponse::cut()
{
    if (m_finished || m_clientGone)
        return;
    m_finished = true;
    m_connection->responseFinished(false);
}

void HttpResponse::markClientGone()
{
    if (m_finished || m_clientGone)
        return;
    m_clientGone = true;
    Q_EMIT clientGone();
}

} // namespace muxi::gateway
