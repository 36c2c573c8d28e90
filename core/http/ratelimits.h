#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/httpmessage.h>

#include <QJsonObject>

#include <chrono>
#include <optional>

namespace muxi {

// The x-ratelimit-* headers OpenAI and most compatible services send with
// every answer: the window's limits, what is left, and when it resets.
class MUXI_CORE_EXPORT RateLimits
{
public:
    std::optional<qint64> limitRequests;
    std::optional<qint64> remainingRequests;
    std::optional<std::chrono::milliseconds> resetRequests;
    std::optional<qint64> limitTokens;
    std::optional<qint64> remainingTokens;
    std::optional<std::chrono::milliseconds> resetTokens;

    bool isEmpty() const;
    static RateLimits fromHeaders(const HttpHeaders &headers);
    QJsonObject toJson() const;

    friend bool operator==(const RateLimits &, const RateLimits &) = default;
};

// Go-style durations as the reset headers carry them: "6m0s", "1.5s", "12ms", "1h2m".
MUXI_CORE_EXPORT std::optional<std::chrono::milliseconds> parseGoDuration(const QByteArray &text);

} // namespace muxi
