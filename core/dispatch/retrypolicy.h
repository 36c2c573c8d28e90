#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/error.h>

#include <QJsonObject>
#include <QList>

#include <chrono>
#include <optional>

namespace muxi {

// How often one model is tried again, and which failures move a request on
// to the next model of its fallback chain.
class MUXI_CORE_EXPORT RetryPolicy
{
public:
    int maxRetries = 2;
    std::chrono::milliseconds baseDelay{500};
    std::chrono::milliseconds maxDelay{8'000};
    // A server asking for a longer wait than this is not retried at once: the chain moves on.
    std::chrono::milliseconds maxRetryAfter{60'000};
    QList<Error::Kind> fallbackOn = defaultFallbackKinds();

    static QList<Error::Kind> defaultFallbackKinds();

    bool shouldRetry(const Error &error) const;
    bool shouldFallBack(const Error &error) const;
    // Delay before retry number `retry` (0-based): the server's Retry-After when
    // it sent one, else exponential backoff with jitter drawn from `jitter` in [0, 1).
    std::optional<std::chrono::milliseconds> delayBeforeRetry(int retry, const Error &error, double jitter) const;

    static RetryPolicy fromJson(const QJsonObject &object);
    // The settings `object` names, the others taken from `base`.
    static RetryPolicy fromJson(const QJsonObject &object, const RetryPolicy &base);
    QJsonObject toJson() const;

    friend bool operator==(const RetryPolicy &, const RetryPolicy &) = default;
};

} // namespace muxi
