#pragma once

#include <muxi/muxi_core_export.h>

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <chrono>
#include <utility>

namespace muxi {

using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

// Case-insensitive lookup, as HTTP header names are.
MUXI_CORE_EXPORT QByteArray headerValue(const HttpHeaders &headers, QByteArrayView name);

// A request an adapter wants sent. Adapters build these from typed requests;
// the transport never looks inside the body.
class MUXI_CORE_EXPORT HttpRequest
{
public:
    QByteArray method = QByteArrayLiteral("POST");
    QUrl url;
    HttpHeaders headers;
    QByteArray body;
    // The answer is a stream to decode as it arrives rather than one document.
    bool streaming = false;
    // Wait before sending: polling providers ask to be called back later.
    std::chrono::milliseconds delay{0};

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
};

class MUXI_CORE_EXPORT HttpResponse
{
public:
    int status = 0;
    HttpHeaders headers;
    QByteArray body;

    bool isSuccess() const { return status >= 200 && status < 300; }
    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
};

} // namespace muxi
