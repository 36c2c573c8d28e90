#include "budgets.h"

#include <QDateTime>

namespace muxi::gateway {

Budgets::Budgets(const GatewaySettings &settings, const QString &keyName, const QStringList &chain, QDate today)
{
    if (!today.isValid())
        today = QDateTime::currentDateTimeUtc().date();
    auto add = [&](bool isKey, const QString &owner, const SpendLimit &limit) {
        if (limit.dailyUsd)
            m_checks.append({counter(isKey, owner, Period::Day, today), owner, isKey, Period::Day, *limit.dailyUsd});
        if (limit.monthlyUsd)
            m_checks.append({counter(isKey, owner, Period::Month, today), owner, isKey, Period::Month, *limit.monthlyUsd});
    };
    if (!keyName.isEmpty()) {
        for (const GatewayKey &key : settings.keys) {
            if (key.name == keyName)
                add(true, key.name, key.limit);
        }
    }
    QStringList providers;
    for (const QString &model : chain) {
        const QString provider = model.section(QLatin1Char('/'), 0, 0);
        if (!providers.contains(provider) && settings.providerLimits.contains(provider)) {
            providers.append(provider);
            add(false, provider, settings.providerLimits.value(provider));
        }
    }
}

QString Budgets::counter(bool isKey, const QString &owner, Period period, QDate today)
{
    return QStringLiteral("spend:%1:%2:%3")
        .arg(isKey ? QLatin1String("key") : QLatin1String("provider"), owner,
             period == Period::Day ? QLatin1String("day:") + today.toString(Qt::ISODate) : QLatin1String("month:") + today.toString(QStringLiteral("yyyy-MM")));
}

QStringList Budgets::spendCounters(const QString &keyName, const QString &provider, QDate today)
{
    QStringList names;
    if (!keyName.isEmpty())
        names << counter(true, keyName, Period::Day, today) << counter(true, keyName, Period::Month, today);
    names << counter(false, provider, Period::Day, today) << counter(false, provider, Period::Month, today);
    return names;
}

QStringList Budgets::counters() const
{
    QStringList names;
    for (const Check &check : m_checks)
        names.append(check.counter);
    return names;
}

QString Budgets::describe(const Check &check, qint64 spentMicros) const
{
    const QString spent = QString::number(double(spentMicros) / 1e6, 'f', 2);
    const QString limit = QString::number(check.limitUsd, 'f', 2);
    if (check.isKey) {
        return check.period == Period::Day
                   ? tr("gateway key \"%1\" is over its daily budget: $%2 spent of $%3 (resets at 00:00 UTC)").arg(check.owner, spent, limit)
                   : tr("gateway key \"%1\" is over its monthly budget: $%2 spent of $%3 (resets on the 1st, UTC)").arg(check.owner, spent, limit);
    }
    return check.period == Period::Day
               ? tr("provider \"%1\" is over its daily budget: $%2 spent of $%3 (resets at 00:00 UTC)").arg(check.owner, spent, limit)
               : tr("provider \"%1\" is over its monthly budget: $%2 spent of $%3 (resets on the 1st, UTC)").arg(check.owner, spent, limit);
}

Budgets::Verdict Budgets::judge(const QList<qint64> &totals) const
{
    Verdict verdict;
    for (qsizetype i = 0; i < m_checks.size() && i < totals.size(); ++i) {
        const Check &check = m_checks.at(i);
        if (double(totals.at(i)) < check.limitUsd * 1e6)
            continue;
        if (check.isKey) {
            if (verdict.keyExceeded.isEmpty())
                verdict.keyExceeded = describe(check, totals.at(i));
        } else if (!verdict.providersExceeded.contains(check.owner)) {
            verdict.providersExceeded.append(check.owner);
            if (verdict.providerMessage.isEmpty())
                verdict.providerMessage = describe(check, totals.at(i));
        }
    }
    return verdict;
}

} // namespace muxi::gateway
