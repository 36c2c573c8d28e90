#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <chrono>
#include <optional>

namespace muxi::gateway {

// A spend limit in US dollars per UTC day and/or calendar month.
class SpendLimit
{
public:
    std::optional<double> dailyUsd;
    std::optional<double> monthlyUsd;

    bool isEmpty() const { return !dailyUsd && !monthlyUsd; }
    static SpendLimit fromJson(const QJsonObject &object);
};

// A named key clients may use, read from the environment variable the
// config names (keys are never in the config file), with its own budget.
class GatewayKey
{
public:
    QString name;
    QString key;
    SpendLimit limit;
};

// The "gateway" section of the config file: cooldowns, named keys and
// budgets. Format in docs/gateway.md.
class GatewaySettings
{
    Q_DECLARE_TR_FUNCTIONS(muxi::gateway::GatewaySettings)

public:
    bool cooldowns = true;
    std::chrono::milliseconds rateLimitCooldown{10'000};
    std::chrono::milliseconds serverErrorCooldown{5'000};
    std::chrono::milliseconds maxCooldown{600'000};
    QList<GatewayKey> keys;
    QHash<QString, SpendLimit> providerLimits;

    // Problems found while reading (a key variable that is not set…), for the operator.
    QStringList warnings;

    static GatewaySettings fromJson(const QJsonObject &section, const QProcessEnvironment &environment);
};

} // namespace muxi::gateway
