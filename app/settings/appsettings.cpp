#include "appsettings.h"

#include <muxi/configuration.h>

namespace muxi {

namespace {
QString providerKey(const QString &providerId, const char *field)
{
    return QStringLiteral("providers/") + providerId + QLatin1Char('/') + QLatin1String(field);
}
} // namespace

AppSettings::AppSettings(const QString &fileName, QObject *parent)
    : QObject(parent)
    , m_settings(fileName, QSettings::IniFormat)
{
}

void AppSettings::set(const QString &key, const QVariant &value)
{
    if (m_settings.value(key) == value)
        return;
    m_settings.setValue(key, value);
    Q_EMIT changed();
}

QString AppSettings::defaultModel() const
{
    return m_settings.value(QStringLiteral("defaults/model")).toString();
}

void AppSettings::setDefaultModel(const QString &model)
{
    set(QStringLiteral("defaults/model"), model);
}

double AppSettings::temperature() const
{
    return m_settings.value(QStringLiteral("defaults/temperature"), -1.0).toDouble();
}

void AppSettings::setTemperature(double temperature)
{
    set(QStringLiteral("defaults/temperature"), temperature);
}

int AppSettings::maxTokens() const
{
    return m_settings.value(QStringLiteral("defaults/maxTokens"), 0).toInt();
}

void AppSettings::setMaxTokens(int maxTokens)
{
    set(QStringLiteral("defaults/maxTokens"), qMax(0, maxTokens));
}

QString AppSettings::systemPrompt() const
{
    return m_settings.value(QStringLiteral("defaults/systemPrompt")).toString();
}

void AppSettings::setSystemPrompt(const QString &prompt)
{
    set(QStringLiteral("defaults/systemPrompt"), prompt);
}

QString AppSettings::theme() const
{
    return m_settings.value(QStringLiteral("appearance/theme"), QStringLiteral("system")).toString();
}

void AppSettings::setTheme(const QString &theme)
{
    set(QStringLiteral("appearance/theme"), theme);
}

bool AppSettings::firstRunDone() const
{
    return m_settings.value(QStringLiteral("general/firstRunDone"), false).toBool();
}

void AppSettings::setFirstRunDone(bool done)
{
    set(QStringLiteral("general/firstRunDone"), done);
}

QStringList AppSettings::customModels() const
{
    return m_settings.value(QStringLiteral("models/custom")).toStringList();
}

void AppSettings::addCustomModel(const QString &model)
{
    QStringList models = customModels();
    if (model.isEmpty() || models.contains(model))
        return;
    models.append(model);
    set(QStringLiteral("models/custom"), models);
}

QStringList AppSettings::favouriteModels() const
{
    return m_settings.value(QStringLiteral("models/favourites")).toStringList();
}

void AppSettings::setFavourite(const QString &model, bool favourite)
{
    QStringList models = favouriteModels();
    if (model.isEmpty() || models.contains(model) == favourite)
        return;
    if (favourite)
        models.append(model);
    else
        models.removeAll(model);
    set(QStringLiteral("models/favourites"), models);
}

QStringList AppSettings::recentModels() const
{
    return m_settings.value(QStringLiteral("models/recent")).toStringList();
}

void AppSettings::noteModelUsed(const QString &model)
{
    if (model.isEmpty())
        return;
    QStringList models = recentModels();
    models.removeAll(model);
    models.prepend(model);
    set(QStringLiteral("models/recent"), models.mid(0, maxRecentModels));
}

ConversationSettings AppSettings::conversationDefaults() const
{
    ConversationSettings defaults;
    defaults.systemPrompt = systemPrompt();
    defaults.model = defaultModel();
    if (temperature() >= 0)
        defaults.temperature = temperature();
    if (maxTokens() > 0)
        defaults.maxTokens = maxTokens();
    return defaults;
}

std::optional<bool> AppSettings::providerEnabled(const QString &providerId) const
{
    const QVariant value = m_settings.value(providerKey(providerId, "enabled"));
    if (!value.isValid())
        return std::nullopt;
    return value.toBool();
}

void AppSettings::setProviderEnabled(const QString &providerId, bool enabled)
{
    set(providerKey(providerId, "enabled"), enabled);
}

QUrl AppSettings::providerBaseUrl(const QString &providerId) const
{
    return QUrl(m_settings.value(providerKey(providerId, "baseUrl")).toString());
}

void AppSettings::setProviderBaseUrl(const QString &providerId, const QUrl &url)
{
    if (url.isEmpty()) {
        if (m_settings.contains(providerKey(providerId, "baseUrl"))) {
            m_settings.remove(providerKey(providerId, "baseUrl"));
            Q_EMIT changed();
        }
        return;
    }
    set(providerKey(providerId, "baseUrl"), url.toString());
}

void AppSettings::applyTo(Configuration &configuration) const
{
    m_settings.beginGroup(QStringLiteral("providers"));
    const QStringList ids = m_settings.childGroups();
    m_settings.endGroup();
    for (const QString &id : ids) {
        if (const std::optional<bool> enabled = providerEnabled(id))
            configuration.setEnabled(id, *enabled);
        const QUrl url = providerBaseUrl(id);
        if (url.isValid() && !url.isEmpty())
            configuration.setBaseUrl(id, url);
    }
    if (!defaultModel().isEmpty())
        configuration.setDefaultModel(defaultModel());
}

} // namespace muxi
