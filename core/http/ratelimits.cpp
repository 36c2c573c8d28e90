#include <muxi/ratelimits.h>

#include <cctype>

namespace muxi {

namespace {
std::optional<qint64> number(const HttpHeaders &headers, QByteArrayView name)
{
    bool ok = false;
    const qint64 value = headerValue(headers, name).trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}
}

std::optional<std::chrono::milliseconds> parseGoDuration(const QByteArray &text)
{
    const QByteArray input = text.trimmed();
    if (input.isEmpty())
        return std::nullopt;
    double total = 0;
    qsizetype i = 0;
    while (i < input.size()) {
        const qsizetype start = i;
        while (i < input.size() && (std::isdigit(static_cast<unsigned char>(input.at(i))) || input.at(i) == '.'))
            ++i;
        bool ok = false;
        const double value = input.mid(start, i - start).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        const qsizetype unitStart = i;
        // Go writes microseconds as "µs": the unit's bytes include UTF-8 ones.
        while (i < input.size() && (std::isalpha(static_cast<unsigned char>(input.at(i))) || static_cast<unsigned char>(input.at(i)) >= 0x80))
            ++i;
        const QByteArray unit = input.mid(unitStart, i - unitStart);
        if (unit == "h")
            total += value * 3'600'000;
        else if (unit == "m")
            total += value * 60'000;
        else if (unit == "s")
            total += value * 1000;
        else if (unit == "ms")
            total += value;
        else if (unit == "us" || unit == "\xc2\xb5s" || unit == "\xce\xbcs") // micro sign or Greek mu, both of which Go accepts
            total += value / 1000;
        else if (unit == "ns")
            total += value / 1'000'000;
        else
            return std::nullopt;
    }
    return std::chrono::milliseconds(qint64(total));
}

bool RateLimits::isEmpty() const
{
    return *this == RateLimits();
}

RateLimits RateLimits::fromHeaders(const HttpHeaders &headers)
{
    RateLimits limits;
    limits.limitRequests = number(headers, "x-ratelimit-limit-requests");
    limits.remainingRequests = number(headers, "x-ratelimit-remaining-requests");
    limits.resetRequests = parseGoDuration(headerValue(headers, "x-ratelimit-reset-requests"));
    limits.limitTokens = number(headers, "x-ratelimit-limit-tokens");
    limits.remainingTokens = number(headers, "x-ratelimit-remaining-tokens");
    limits.resetTokens = parseGoDuration(headerValue(headers, "x-ratelimit-reset-tokens"));
    return limits;
}

QJsonObject RateLimits::toJson() const
{
    QJsonObject object;
    auto put = [&object](const char *key, const auto &value) {
        if (value) {
            if constexpr (std::is_same_v<std::decay_t<decltype(*value)>, std::chrono::milliseconds>)
                object.insert(QLatin1String(key), qint64(value->count()));
            else
                object.insert(QLatin1String(key), *value);
        }
    };
    put("limit_requests", limitRequests);
    put("remaining_requests", remainingRequests);
    put("reset_requests_ms", resetRequests);
    put("limit_tokens", limitTokens);
    put("remaining_tokens", remainingTokens);
    put("reset_tokens_ms", resetTokens);
    return object;
}

} // namespace muxi
