#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace muxi::gateway {

// One request as the server parsed it: header names lower-cased, the body whole.
class HttpRequest
{
public:
    QByteArray method;
    // Path and query as sent.
    QByteArray target;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray peer;

    // The target without its query, percent-decoding left to the router.
    QByteArray path() const;
    // The first header of that name (case-insensitive), or empty.
    QByteArray header(QByteArrayView name) const;
};

} // namespace muxi::gateway
