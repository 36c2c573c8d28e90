#include <muxi/attemptrecord.h>

#include <QJsonArray>

namespace muxi {

namespace {
QString outcomeName(AttemptRecord::Outcome outcome)
{
    switch (outcome) {
    case AttemptRecord::Outcome::Success:
        return QStringLiteral("ok");
    case AttemptRecord::Outcome::Failure:
        return QStringLiteral("error");
    case AttemptRecord::Outcome::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}
}

QString AttemptRecord::toString() const
{
    QString line = provider + QLatin1Char('/') + model + QLatin1String(": ") + outcomeName(outcome);
    if (errorKind)
        line += QLatin1Char(' ') + Error::kindName(*errorKind);
    if (httpStatus > 0)
        line += QStringLiteral(" HTTP %1").arg(httpStatus);
    line += QStringLiteral(" in %1 ms").arg(duration.count());
    if (delayBefore.count() > 0)
        line += QStringLiteral(" after waiting %1 ms").arg(delayBefore.count());
    if (!message.isEmpty())
        line += QLatin1String(" — ") + message.simplified();
    for (const QString &note : notes)
        line += QLatin1String(" [") + note + QLatin1Char(']');
    if (rateLimits.remainingRequests || rateLimits.remainingTokens) {
        line += QStringLiteral(" (rate limit left: %1 requests, %2 tokens)")
                    .arg(rateLimits.remainingRequests ? QString::number(*rateLimits.remainingRequests) : QStringLiteral("?"),
                         rateLimits.remainingTokens ? QString::number(*rateLimits.remainingTokens) : QStringLiteral("?"));
    }
    return line;
}

QJsonObject AttemptRecord::toJson() const
{
    QJsonObject object{
        {QLatin1String("provider"), provider},
        {QLatin1String("model"), model},
        {QLatin1String("outcome"), outcomeName(outcome)},
        {QLatin1String("duration_ms"), qint64(duration.count())},
        {QLatin1String("delay_before_ms"), qint64(delayBefore.count())},
    };
    if (errorKind)
        object.insert(QLatin1String("error"), Error::kindName(*errorKind));
    if (httpStatus > 0)
        object.insert(QLatin1String("status"), httpStatus);
    if (!message.isEmpty())
        object.insert(QLatin1String("message"), message);
    if (!notes.isEmpty())
        object.insert(QLatin1String("notes"), QJsonArray::fromStringList(notes));
    if (!rateLimits.isEmpty())
        object.insert(QLatin1String("rate_limits"), rateLimits.toJson());
    return object;
}

} // namespace muxi
