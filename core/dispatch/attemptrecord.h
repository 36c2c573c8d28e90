#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/error.h>
#include <muxi/ratelimits.h>

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace muxi {

/// \brief What happened to one try at one model, for --verbose, x_muxi.attempts and the workbench.
///
/// A Reply records one per try, retries and fallbacks included, in order
/// (Reply::attempts(), Reply::attemptFinished(), or the `attempts` argument of
/// the blocking Client calls). Records never hold a key.
class MUXI_CORE_EXPORT AttemptRecord
{
public:
    /// How the try ended.
    enum class Outcome {
        Success, ///< It produced the result.
        Failure, ///< It was sent and failed.
        Skipped ///< It was never sent: no key, a missing capability, an unknown provider.
    };

    /// The configured provider id.
    QString provider;
    /// The model as that provider knows it.
    QString model;
    /// How the try ended.
    Outcome outcome = Outcome::Failure;
    /// Failures and skips: the Error::Kind.
    std::optional<Error::Kind> errorKind;
    /// The provider's HTTP status; 0 when no answer arrived.
    int httpStatus = 0;
    /// Failures and skips: the error's message.
    QString message;
    /// From sending to the end of the try.
    std::chrono::milliseconds duration{0};
    /// The back-off waited before this try.
    std::chrono::milliseconds delayBefore{0};
    /// How long the provider asked to be left alone (Retry-After), when it said.
    std::optional<std::chrono::milliseconds> retryAfter;
    /// Adaptations made for this provider (dropped parameters, emulated JSON mode).
    QStringList notes;
    /// What the provider said of its rate-limit window in this answer's headers.
    RateLimits rateLimits;

    /// One line: "openai/gpt-4o-mini: error rate_limit HTTP 429 in 120 ms after waiting 500 ms — Rate limit reached …".
    QString toString() const;
    /// The record as JSON, the shape of an x_muxi.attempts entry.
    QJsonObject toJson() const;
};

} // namespace muxi
