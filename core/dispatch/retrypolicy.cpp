#include <muxi/retrypolicy.h>

#include <QJsonArray>

#include <algorithm>

namespace muxi {

QList<Error::Kind> RetryPolicy::defaultFallbackKinds()
{
    return {Error::Kind::RateLimit, Error::Kind::Quota,         Error::Kind::Server,       Error::Kind::Overloaded,
            Error::Kind::Network,   Error::Kind::Timeout,       Error::Kind::Authentication, Error::Kind::Permission,
            Error::Kind::NotFound,  Error::Kind::Unsupported,   Error::Kind::InvalidResponse,
            Error::Kind::StreamInterrupted};
}

bool RetryPolicy::shouldRetry(const Error &error) const
{
    // A stream cut before its first token showed nothing to anyone: as good as a network error.
    return error.isTransient() || error.kind == Error::Kind::StreamInterrupted;
}

bool RetryPolicy::shouldFallBack(const Error &error) const
{
    return fallbackOn.contains(error.kind);
}

std::optional<std::chrono::milliseconds> RetryPolicy::delayBeforeRetry(int retry, const Error &error, double jitter) const
{
    if (retry >= maxRetries || !shouldRetry(error))
        return std::nullopt;
    if (error.retryAfter) {
        if (*error.retryAfter > maxRetryAfter)
            return std::nullopt;
        return *error.retryAfter;
    }
    const double exponential = double(baseDelay.count()) * double(1 << std::min(retry, 20));
    const double capped = std::min(exponential, double(maxDelay.count()));
    // Up to a quarter shorter, so clients that failed together do not retry together.
    return std::chrono::milliseconds(qint64(capped * (1.0 - 0.25 * jitter)));
}

RetryPolicy RetryPolicy::fromJson(const QJsonObject &object)
{
    return fromJson(object, RetryPolicy());
}

RetryPolicy RetryPolicy::fromJson(const QJsonObject &object, const RetryPolicy &base)
{
    RetryPolicy p = base;
    if (object.value(QLatin1String("max_retries")).isDouble())
        p.maxRetries = std::max(0, object.value(QLatin1String("max_retries")).toInt());
    if (object.value(QLatin1String("base_delay_ms")).isDouble())
        p.baseDelay = std::chrono::milliseconds(object.value(QLatin1String("base_delay_ms")).toInteger());
    if (object.value(QLatin1String("max_delay_ms")).isDouble())
        p.maxDelay = std::chrono::milliseconds(object.value(QLatin1String("max_delay_ms")).toInteger());
    if (object.value(QLatin1String("max_retry_after_ms")).isDouble())
        p.maxRetryAfter = std::chrono::milliseconds(object.value(QLatin1String("max_retry_after_ms")).toInteger());
    if (object.value(QLatin1String("fallback_on")).isArray()) {
        p.fallbackOn.clear();
        const QJsonArray kinds = object.value(QLatin1String("fallback_on")).toArray();
        for (const QJsonValue &k : kinds) {
            if (const auto kind = Error::kindFromName(k.toString()))
                p.fallbackOn.append(*kind);
        }
    }
    return p;
}

QJsonObject RetryPolicy::toJson() const
{
    QJsonArray kinds;
    for (Error::Kind kind : fallbackOn)
        kinds.append(Error::kindName(kind));
    return {
        {QLatin1String("max_retries"), maxRetries},
        {QLatin1String("base_delay_ms"), qint64(baseDelay.count())},
        {QLatin1String("max_delay_ms"), qint64(maxDelay.count())},
        {QLatin1String("max_retry_after_ms"), qint64(maxRetryAfter.count())},
        {QLatin1String("fallback_on"), kinds},
    };
}

} // namespace muxi
