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

// What happened to one try at one model, for --verbose, x_muxi.attempts and the workbench.
class MUXI_CORE_EXPORT AttemptRecord
{
public:
    enum class Outcome { Success, Failure, Skipped };

    QString provider;
    QString model;
    Outcome outcome = Outcome::Failure;
    std::optional<Error::Kind> errorKind;
    int httpStatus = 0;
    QString message;
    std::chrono::milliseconds duration{0};
    std::chrono::milliseconds delayBefore{0};
    // How long the provider asked to be left alone (Retry-After), when it said.
    std::optional<std::chrono::milliseconds> retryAfter;
    // Adaptations made for this provider (dropped parameters, emulated JSON mode).
    QStringList notes;
    // What the provider said of its rate-limit window in this answer's headers.
    RateLimits rateLimits;

    QString toString() const;
    QJsonObject toJson() const;
};

} // namespace muxi
