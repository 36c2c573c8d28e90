#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/httpmessage.h>

#include <QJsonObject>

#include <chrono>
#include <optional>

namespace muxi {

/// \brief The x-ratelimit-* headers OpenAI and most compatible services send
/// with every answer: the window's limits, what is left, and when it resets.
///
/// Each field is unset when its header was absent or unreadable. Recorded per
/// attempt in AttemptRecord::rateLimits.
class MUXI_CORE_EXPORT RateLimits
{
public:
    /// x-ratelimit-limit-requests: requests allowed in the window.
    std::optional<qint64> limitRequests;
    /// x-ratelimit-remaining-requests: requests left in the window.
    std::optional<qint64> remainingRequests;
    /// x-ratelimit-reset-requests: time until the request window resets.
    std::optional<std::chrono::milliseconds> resetRequests;
    /// x-ratelimit-limit-tokens: tokens allowed in the window.
    std::optional<qint64> limitTokens;
    /// x-ratelimit-remaining-tokens: tokens left in the window.
    std::optional<qint64> remainingTokens;
    /// x-ratelimit-reset-tokens: time until the token window resets.
    std::optional<std::chrono::milliseconds> resetTokens;

    /// True when no field is set.
    bool isEmpty() const;
    /// Reads the headers (names compared case-insensitively).
    static RateLimits fromHeaders(const HttpHeaders &headers);
    /// The set fields as {"limit_requests", "remaining_requests", "reset_requests_ms", …}.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const RateLimits &, const RateLimits &) = default;
};

/// Go-style durations as the reset headers carry them: "6m0s", "1.5s", "12ms", "1h2m".
/// nullopt for anything else.
MUXI_CORE_EXPORT std::optional<std::chrono::milliseconds> parseGoDuration(const QByteArray &text);

} // namespace muxi
