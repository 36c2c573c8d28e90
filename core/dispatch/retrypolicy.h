#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/error.h>

#include <QJsonObject>
#include <QList>

#include <chrono>
#include <optional>

namespace muxi {

/// \brief How often one model is tried again, and which failures move a
/// request on to the next model of its fallback chain.
///
/// A failed try is retried while retries remain and the error is transient
/// (Error::isTransient(), or a stream cut before its first token); then, if
/// the error's kind is in #fallbackOn and the chain has another model, the
/// request moves on; otherwise the reply fails. Set it through
/// Configuration::setRetryPolicy() or the config file's "retry"; a
/// ChatRequest may override #maxRetries and #baseDelay for itself.
class MUXI_CORE_EXPORT RetryPolicy
{
public:
    /// Retries per model after the first try.
    int maxRetries = 2;
    /// The first back-off delay; each retry doubles it.
    std::chrono::milliseconds baseDelay{500};
    /// The longest back-off delay.
    std::chrono::milliseconds maxDelay{8'000};
    /// A server asking for a longer wait than this is not retried at once: the chain moves on.
    std::chrono::milliseconds maxRetryAfter{60'000};
    /// The error kinds that move a request on to the next model.
    QList<Error::Kind> fallbackOn = defaultFallbackKinds();

    /// Everything a different model might not repeat: rate limits, quota,
    /// server and network trouble, timeouts, authentication and permission,
    /// unknown models, missing capabilities, invalid answers, cut streams.
    /// Not BadRequest, ContextLength, ContentFilter or Cancelled.
    static QList<Error::Kind> defaultFallbackKinds();

    /// True when a retry of the same model may succeed.
    bool shouldRetry(const Error &error) const;
    /// True when `error` moves the request on to the next model.
    bool shouldFallBack(const Error &error) const;
    /// Delay before retry number `retry` (0-based): the server's Retry-After when
    /// it sent one, else exponential backoff with jitter drawn from `jitter` in [0, 1)
    /// (up to a quarter shorter). nullopt when no retry is due: retries used up,
    /// an error not worth retrying, or a Retry-After over #maxRetryAfter.
    std::optional<std::chrono::milliseconds> delayBeforeRetry(int retry, const Error &error, double jitter) const;

    /// Reads {"max_retries", "base_delay_ms", "max_delay_ms", "max_retry_after_ms",
    /// "fallback_on": [kind names]}; absent fields keep their defaults.
    static RetryPolicy fromJson(const QJsonObject &object);
    /// The settings `object` names, the others taken from `base` (a provider's
    /// settings over the global ones).
    static RetryPolicy fromJson(const QJsonObject &object, const RetryPolicy &base);
    /// The policy in fromJson()'s shape.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const RetryPolicy &, const RetryPolicy &) = default;
};

} // namespace muxi
