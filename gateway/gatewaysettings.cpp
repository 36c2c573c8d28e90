#include "gatewaysettings.h"

#include <QJsonArray>

namespace muxi::gateway {

namespace {
std::optional<double> positive(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    if (!value.isDouble() || value.toDouble() < 0)
        return std::nullopt;
    return value.toDouble();
}
}

SpendLimit SpendLimit::fromJson(const QJsonObject &object)
{
    SpendLimit limit;
    limit.dailyUsd = positive(object, QLatin1String("daily_usd"));
    limit.monthlyUsd = positive(object, QLatin1String("monthly_usd"));
    return limit;
}

GatewaySettings GatewaySettings::fromJson(const QJsonObject &section, const QProcessEnvironment &environment)
{
    GatewaySettings settings;
    const QJsonObject cooldown = section.value(QLatin1String("cooldown")).toObject();
    settings.cooldowns = cooldown.value(QLatin1String("enabled")).toBool(true);
    auto ms = [&](QLatin1String key, std::chrono::milliseconds fallback) {
        const QJsonValue value = cooldown.value(key);
        return value.isDouble() && value.toDouble() >= 0 ? std::chrono::milliseconds(value.toInteger()) : fallback;
    };
    settings.rateLimitCooldown = ms(QLatin1String("rate_limit_ms"), settings.rateLimitCooldown);
    settings.serverErrorCooldown = ms(QLatin1String("server_error_ms"), settings.serverErrorCooldown);
    settings.maxCooldown = ms(QLatin1String("max_ms"), settings.maxCooldown);

    for (const QJsonValue &value : section.value(QLatin1String("keys")).toArray()) {
        const QJsonObject object = value.toObject();
        GatewayKey key;
        key.name = object.value(QLatin1String("name")).toString();
        const QString variable = object.value(QLatin1String("key_variable")).toString();
        if (key.name.isEmpty() || variable.isEmpty()) {
            settings.warnings.append(tr("gateway.keys: every key needs a \"name\" and a \"key_variable\""));
            continue;
        }
        if (object.contains(QLatin1String("key"))) {
            settings.warnings.append(tr("gateway.keys: the key of \"%1\" belongs in $%2, not in the config file; ignored").arg(key.name, variable));
        }
        key.key = environment.value(variable);
        if (key.key.isEmpty()) {
            settings.warnings.append(tr("gateway key \"%1\" is disabled: $%2 is not set").arg(key.name, variable));
            continue;
        }
        key.limit = SpendLimit::fromJson(object);
        settings.keys.append(key);
    }
    const QJsonObject providers = section.value(QLatin1String("provider_budgets")).toObject();
    for (auto it = providers.begin(); it != providers.end(); ++it) {
        const SpendLimit limit = SpendLimit::fromJson(it.value().toObject());
        if (!limit.isEmpty())
            settings.providerLimits.insert(it.key(), limit);
    }
    return settings;
}

} // namespace muxi::gateway
