#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>

#include <chrono>

namespace muxi {

// Zero disables a limit.
class MUXI_CORE_EXPORT Timeouts
{
public:
    // Until the request is on the wire (DNS, TCP, TLS).
    std::chrono::milliseconds connect{10'000};
    // From sending the request to the first byte of the answer.
    std::chrono::milliseconds firstByte{120'000};
    // Longest silence between two pieces of a streamed answer.
    std::chrono::milliseconds idle{60'000};
    std::chrono::milliseconds total{600'000};

    static Timeouts fromJson(const QJsonObject &object);
    // The limits `object` sets, the others taken from `base`.
    static Timeouts fromJson(const QJsonObject &object, const Timeouts &base);
    QJsonObject toJson() const;

    friend bool operator==(const Timeouts &, const Timeouts &) = default;
};

} // namespace muxi
