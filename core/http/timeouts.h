#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>

#include <chrono>

namespace muxi {

/// \brief The four limits on one HTTP exchange, each ending it with an
/// Error::Kind::Timeout (which RetryPolicy retries). Zero disables a limit.
///
/// Set through Configuration::setTimeouts() or the config file's "timeouts";
/// they apply to every attempt separately.
class MUXI_CORE_EXPORT Timeouts
{
public:
    /// Until the request is on the wire (DNS, TCP, TLS).
    std::chrono::milliseconds connect{10'000};
    /// From sending the request to the first byte of the answer.
    std::chrono::milliseconds firstByte{120'000};
    /// Longest silence between two pieces of a streamed answer.
    std::chrono::milliseconds idle{60'000};
    /// The whole exchange, from sending to the last byte.
    std::chrono::milliseconds total{600'000};

    /// Reads {"connect_ms", "first_byte_ms", "idle_ms", "total_ms"}; absent fields keep their defaults.
    static Timeouts fromJson(const QJsonObject &object);
    /// The limits `object` sets, the others taken from `base` (a provider's
    /// settings over the global ones).
    static Timeouts fromJson(const QJsonObject &object, const Timeouts &base);
    /// The four limits in fromJson()'s shape.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const Timeouts &, const Timeouts &) = default;
};

} // namespace muxi
