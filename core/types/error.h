#pragma once

#include <muxi/muxi_core_export.h>

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <chrono>
#include <optional>

namespace muxi {

// One error type for every failure a caller can see, whatever the provider.
// `message` is always the provider's own text when the provider sent one.
class MUXI_CORE_EXPORT Error
{
public:
    enum class Kind {
        Authentication,
        Permission,
        NotFound,
        RateLimit,
        Quota,
        BadRequest,
        ContextLength,
        ContentFilter,
        Server,
        Overloaded,
        Timeout,
        Network,
        StreamInterrupted,
        Unsupported,
        Cancelled,
        InvalidResponse,
    };

    Error() = default;
    Error(Kind kind, QString message);

    Kind kind = Kind::Server;
    QString provider;
    QString model;
    int httpStatus = 0;
    QString message;
    QString code;
    QString type;
    QString param;
    QString requestId;
    std::optional<std::chrono::milliseconds> retryAfter;
    QByteArray rawBody;
    // For StreamInterrupted: what reached the caller before the cut.
    QString partialText;

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);

    // True for failures that a later identical attempt may not repeat.
    bool isTransient() const;

    // One line for people: "openai/gpt-4o-mini: HTTP 401 authentication: Incorrect API key".
    QString toString() const;

    // Replaces every occurrence of `secret` in the texts an error carries, so a
    // provider echoing a key back never puts it on a screen or in a log.
    void redact(const QString &secret);
};

// Maps an HTTP status to the kind a provider-agnostic caller should see;
// adapters refine it with the provider's own codes.
MUXI_CORE_EXPORT Error::Kind errorKindForHttpStatus(int status);

// Parses Retry-After (seconds, fractional seconds or HTTP-date) and retry-after-ms.
MUXI_CORE_EXPORT std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &retryAfterMs, const QByteArray &retryAfter);

} // namespace muxi

Q_DECLARE_METATYPE(muxi::Error)
