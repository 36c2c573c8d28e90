#pragma once

#include <muxi/muxi_core_export.h>

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <chrono>
#include <optional>

namespace muxi {

/// \brief One error type for every failure a caller can see, whatever the provider.
///
/// #message is always the provider's own text when the provider sent one;
/// #provider, #model and #httpStatus say where it came from, and toString()
/// puts them on one line for people. Errors never carry an API key: the
/// client redacts the key of the request from every error it returns.
/// #kind is what a program branches on; RetryPolicy decides with it whether
/// to retry (isTransient()) and whether to fall back to the next model.
class MUXI_CORE_EXPORT Error
{
public:
    /// What went wrong, in terms a caller can act on. kindName() gives the
    /// snake_case names used in JSON, configuration ("fallback_on") and output.
    enum class Kind {
        Authentication, ///< The key is missing, wrong or revoked (HTTP 401).
        Permission, ///< The key may not use this model or endpoint (HTTP 403).
        NotFound, ///< No such model, deployment or endpoint (HTTP 404).
        RateLimit, ///< Too many requests or tokens in the window (HTTP 429); transient.
        Quota, ///< Credit or quota used up (HTTP 402, or a 429 that says so); waiting does not help.
        BadRequest, ///< The provider rejected the request, or Muxi could not build it (bad config, unreadable file).
        ContextLength, ///< The conversation is longer than the model's context window.
        ContentFilter, ///< The provider's safety system blocked the prompt or the answer.
        Server, ///< The provider failed (HTTP 5xx); transient.
        Overloaded, ///< The provider is overloaded (HTTP 503, 529); transient.
        Timeout, ///< A Timeouts limit passed, or the provider timed out (HTTP 408, 504); transient.
        Network, ///< DNS, connection, TLS or transport failure; transient.
        StreamInterrupted, ///< A stream ended before the provider's end marker; #partialText holds what arrived.
        Unsupported, ///< The provider cannot do what was asked (a capability it lacks), or is unavailable.
        Cancelled, ///< Reply::abort() ended the request.
        InvalidResponse, ///< The provider's answer could not be understood.
    };

    /// A Server error with no message, for default construction in containers.
    Error() = default;
    /// An error of `kind` with `message`; the other fields are filled by whoever knows them.
    Error(Kind kind, QString message);

    /// What went wrong.
    Kind kind = Kind::Server;
    /// The configured provider id ("openai", "anthropic", …), when one was involved.
    QString provider;
    /// The model as the provider knows it, without the "provider/" prefix.
    QString model;
    /// The HTTP status of the provider's answer; 0 when none arrived.
    int httpStatus = 0;
    /// The provider's own message when it sent one, else Muxi's description.
    QString message;
    /// The provider's error code ("rate_limit_exceeded", "invalid_api_key", …), when sent.
    QString code;
    /// The provider's error type ("invalid_request_error", "overloaded_error", …), when sent.
    QString type;
    /// The request parameter the provider blamed, when it named one.
    QString param;
    /// The provider's request id (x-request-id and similar), for support requests.
    QString requestId;
    /// How long the provider asked to wait (Retry-After, retry-after-ms), when it did.
    std::optional<std::chrono::milliseconds> retryAfter;
    /// The provider's answer body as received (redacted), for diagnosis.
    QByteArray rawBody;
    /// For StreamInterrupted: what reached the caller before the cut.
    QString partialText;

    /// The snake_case name of `kind` ("rate_limit", "stream_interrupted", …).
    static QString kindName(Kind kind);
    /// The kind named `name` (as kindName() writes it); nullopt for an unknown name.
    static std::optional<Kind> kindFromName(const QString &name);

    /// True for failures that a later identical attempt may not repeat:
    /// RateLimit, Server, Overloaded, Timeout and Network.
    bool isTransient() const;

    /// One line for people: "openai/gpt-4o-mini: HTTP 401 authentication: Incorrect API key".
    QString toString() const;

    /// Replaces every occurrence of `secret` in the texts an error carries, so a
    /// provider echoing a key back never puts it on a screen or in a log.
    /// Secrets shorter than four characters are left alone: masking them would
    /// garble ordinary words.
    void redact(const QString &secret);
};

/// Maps an HTTP status to the kind a provider-agnostic caller should see;
/// adapters refine it with the provider's own codes (a 429 that means Quota,
/// a 400 that means ContextLength).
MUXI_CORE_EXPORT Error::Kind errorKindForHttpStatus(int status);

/// Parses Retry-After (seconds, fractional seconds or HTTP-date) and
/// retry-after-ms, either of which may be empty; retry-after-ms wins. nullopt
/// when neither holds a usable value.
MUXI_CORE_EXPORT std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &retryAfterMs, const QByteArray &retryAfter);

} // namespace muxi

Q_DECLARE_METATYPE(muxi::Error)
