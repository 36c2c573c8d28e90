#pragma once

#include "gatewaysettings.h"

#include <QCoreApplication>
#include <QDate>
#include <QStringList>

namespace muxi::gateway {

// Which spend counters (micro-dollars, shared through SharedState) one
// request is judged by — its gateway key's, and the providers' of its model
// chain — and what the totals mean: a key over budget refuses the request,
// a provider over budget is skipped like a model cooling down.
class Budgets
{
    Q_DECLARE_TR_FUNCTIONS(muxi::gateway::Budgets)

public:
    Budgets(const GatewaySettings &settings, const QString &keyName, const QStringList &chain, QDate today = {});

    QStringList counters() const;

    class Verdict
    {
    public:
        QString keyExceeded;
        QStringList providersExceeded;
        QString providerMessage;
    };
    // `totals` are the counters' values in micro-dollars, in the order of counters().
    Verdict judge(const QList<qint64> &totals) const;

    // The counters a request's cost is added to.
    static QStringList spendCounters(const QString &keyName, const QString &provider, QDate today);

private:
    enum class Period { Day, Month };
    struct Check {
        QString counter;
        QString owner; // key name or provider id
        bool isKey = false;
        Period period = Period::Day;
        double limitUsd = 0;
    };
    static QString counter(bool isKey, const QString &owner, Period period, QDate today);
    QString describe(const Check &check, qint64 spentMicros) const;

    QList<Check> m_checks;
};

} // namespace muxi::gateway
