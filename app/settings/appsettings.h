#pragma once

#include "conversationsettings.h"

#include <QObject>
#include <QSettings>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace muxi {

class Configuration;

// The workbench's own preferences in an INI file. Holds no secret: API keys
// go to the KeyStore only, and nothing here has a setter for one.
class AppSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(QString defaultModel READ defaultModel WRITE setDefaultModel NOTIFY changed)
    Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY changed)
    Q_PROPERTY(int maxTokens READ maxTokens WRITE setMaxTokens NOTIFY changed)
    Q_PROPERTY(QString systemPrompt READ systemPrompt WRITE setSystemPrompt NOTIFY changed)
    // "system", "light" or "dark".
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY changed)
    Q_PROPERTY(bool firstRunDone READ firstRunDone WRITE setFirstRunDone NOTIFY changed)
    Q_PROPERTY(QStringList customModels READ customModels NOTIFY changed)
    Q_PROPERTY(QStringList favouriteModels READ favouriteModels NOTIFY changed)
    Q_PROPERTY(QStringList recentModels READ recentModels NOTIFY changed)

public:
    explicit AppSettings(const QString &fileName, QObject *parent = nullptr);

    QString fileName() const { return m_settings.fileName(); }

    QString defaultModel() const;
    void setDefaultModel(const QString &model);
    // Negative: the provider's default.
    double temperature() const;
    void setTemperature(double temperature);
    // 0: no limit sent.
    int maxTokens() const;
    void setMaxTokens(int maxTokens);
    QString systemPrompt() const;
    void setSystemPrompt(const QString &prompt);
    QString theme() const;
    void setTheme(const QString &theme);
    bool firstRunDone() const;
    void setFirstRunDone(bool done);
    QStringList customModels() const;
    void addCustomModel(const QString &model);
    // "provider/model" names the user starred, in the order starred.
    QStringList favouriteModels() const;
    void setFavourite(const QString &model, bool favourite);
    // Models chosen lately, newest first, at most maxRecentModels.
    QStringList recentModels() const;
    void noteModelUsed(const QString &model);
    static constexpr int maxRecentModels = 8;
    // A new conversation's settings when no preset is chosen: the Defaults page.
    ConversationSettings conversationDefaults() const;

    std::optional<bool> providerEnabled(const QString &providerId) const;
    void setProviderEnabled(const QString &providerId, bool enabled);
    QUrl providerBaseUrl(const QString &providerId) const;
    void setProviderBaseUrl(const QString &providerId, const QUrl &url);

    // Puts what the user chose here over the file and environment layers.
    void applyTo(Configuration &configuration) const;
    void sync() { m_settings.sync(); }

Q_SIGNALS:
    void changed();

private:
    void set(const QString &key, const QVariant &value);

    // QSettings reads its groups through non-const calls.
    mutable QSettings m_settings;
};

} // namespace muxi
