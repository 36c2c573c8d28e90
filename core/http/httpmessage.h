#pragma once

#include <muxi/muxi_core_export.h>

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <chrono>
#include <utility>

namespace muxi {

/// HTTP header fields in order, names as sent; a name may repeat.
using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

/// The value of the first header named `name`, compared case-insensitively as
/// HTTP header names are; empty when there is none.
MUXI_CORE_EXPORT QByteArray headerValue(const HttpHeaders &headers, QByteArrayView name);

/// \brief A request an adapter wants sent.
///
/// Adapters build these from typed requests; the transport (HttpExchange)
/// never looks inside the body.
class MUXI_CORE_EXPORT HttpRequest
{
public:
    /// GET, POST, PUT, DELETE or any other method.
    QByteArray method = QByteArrayLiteral("POST");
    /// Where to send it.
    QUrl url;
    /// The header fields, authentication included.
    HttpHeaders headers;
    /// The body, sent as is.
    QByteArray body;
    /// The answer is a stream to decode as it arrives rather than one document.
    bool streaming = false;
    /// Wait before sending: polling providers ask to be called back later.
    std::chrono::milliseconds delay{0};

    /// Sets `name` to `value`: replaces the value of the first header of that
    /// name (compared case-insensitively), or appends the header.
    void setHeader(const QByteArray &name, const QByteArray &value);
    /// headerValue() of this request's headers.
    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
};

/// \brief A response as the transport received it.
class MUXI_CORE_EXPORT HttpResponse
{
public:
    /// The HTTP status.
    int status = 0;
    /// The header fields, in order.
    HttpHeaders headers;
    /// The whole body; empty when it was streamed through HttpExchange::bytesReceived().
    QByteArray body;

    /// True for a 2xx status.
    bool isSuccess() const { return status >= 200 && status < 300; }
    /// headerValue() of this response's headers.
    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
};

} // namespace muxi
