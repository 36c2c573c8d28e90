#include <muxi/error.h>

#include <QDateTime>
#include <QLocale>

#include <array>
#include <utility>

namespace muxi {

namespace {
constexpr std::array kindNames = {
    std::pair{Error::Kind::Authentication, "authentication"},
    std::pair{Error::Kind::Permission, "permission"},
    std::pair{Error::Kind::NotFound, "not_found"},
    std::pair{Error::Kind::RateLimit, "rate_limit"},
    std::pair{Error::Kind::Quota, "quota"},
    std::pair{Error::Kind::BadRequest, "bad_request"},
    std::pair{Error::Kind::ContextLength, "context_length"},
    std::pair{Error::Kind::ContentFilter, "content_filter"},
    std::pair{Error::Kind::Server, "server"},
    std::pair{Error::Kind::Overloaded, "overloaded"},
    std::pair{Error::Kind::Timeout, "timeout"},
    std::pair{Error::Kind::Network, "network"},
    std::pair{Error::Kind::StreamInterrupted, "stream_interrupted"},
    std::pair{Error::Kind::Unsupported, "unsupported"},
    std::pair{Error::Kind::Cancelled, "cancelled"},
    std::pair{Error::Kind::InvalidResponse, "invalid_response"},
};
}

Error::Error(Kind kind, QString message)
    : kind(kind)
    , message(std::move(message))
{
}

QString Error::kindName(Kind kind)
{
    for (const auto &[k, name] : kindNames) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<Error::Kind> Error::kindFromName(const QString &name)
{
    for (const auto &[k, n] : kindNames) {
        if (name == QLatin1String(n))
            return k;
    }
    return std::nullopt;
}

bool Error::isTransient() const
{
    switch (kind) {
    case Kind::RateLimit:
    case Kind::Server:
    case Kind::Overloaded:
    case Kind::Timeout:
    case Kind::Network:
        return true;
    default:
        return false;
    }
}

QString Error::toString() const
{
    QString line;
    if (!provider.isEmpty())
        line += model.isEmpty() ? provider : provider + QLatin1Char('/') + model;
    else if (!model.isEmpty())
        line += model;
    if (!line.isEmpty())
        line += QLatin1String(": ");
    if (httpStatus > 0)
        line += QStringLiteral("HTTP %1 ").arg(httpStatus);
    line += kindName(kind);
    QString text = message.simplified();
    if (!text.isEmpty())
        line += QLatin1String(": ") + text;
    if (!code.isEmpty() && !text.contains(code))
        line += QStringLiteral(" (%1)").arg(code);
    return line;
}

void Error::redact(const QString &secret)
{
    if (secret.size() < 4)
        return;
    const QString mask = QStringLiteral("***");
    message.replace(secret, mask);
    partialText.replace(secret, mask);
    rawBody.replace(secret.toUtf8(), mask.toUtf8());
}

Error::Kind errorKindForHttpStatus(int status)
{
    switch (status) {
    case 400:
    case 409:
    case 413:
    case 415:
    case 422:
        return Error::Kind::BadRequest;
    case 401:
        return Error::Kind::Authentication;
    case 402:
        return Error::Kind::Quota;
    case 403:
        return Error::Kind::Permission;
    case 404:
        return Error::Kind::NotFound;
    case 408:
    case 504:
        return Error::Kind::Timeout;
    case 429:
        return Error::Kind::RateLimit;
    case 503:
    case 529:
        return Error::Kind::Overloaded;
    default:
        return status >= 500 ? Error::Kind::Server : Error::Kind::BadRequest;
    }
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &retryAfterMs, const QByteArray &retryAfter)
{
    bool ok = false;
    if (!retryAfterMs.isEmpty()) {
        const double ms = retryAfterMs.trimmed().toDouble(&ok);
        if (ok && ms >= 0)
            return std::chrono::milliseconds(qint64(ms));
    }
    if (retryAfter.isEmpty())
        return std::nullopt;
    const double seconds = retryAfter.trimmed().toDouble(&ok);
    if (ok && seconds >= 0)
        return std::chrono::milliseconds(qint64(seconds * 1000.0));
    const QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(retryAfter.trimmed()),
                                                   QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    const qint64 delta = QDateTime::currentDateTimeUtc().msecsTo(utc);
    return std::chrono::milliseconds(std::max<qint64>(0, delta));
}

} // namespace muxi
