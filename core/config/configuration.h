#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/expected.h>
#include <muxi/providerinfo.h>
#include <muxi/retrypolicy.h>
#include <muxi/timeouts.h>

#include <QHash>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

namespace muxi {

// Settings from three layers, later ones winning: the config file, the
// environment, and overrides set at run time (the workbench's settings and
// keychain). API keys come only from the environment and run-time overrides:
// a key found in the config file is ignored with a warning.
class MUXI_CORE_EXPORT Configuration
{
public:
    // The kinds of request a default fallback chain is kept for.
    enum class ChainKind { Chat, Embedding };

    Configuration() = default;
    explicit Configuration(const QProcessEnvironment &environment);

    // The environment of this process, plus the file named by MUXI_CONFIG or,
    // failing that, the per-user default when it exists.
    static Configuration fromSystem();
    static QString defaultConfigPath();

    const QProcessEnvironment &environment() const { return m_environment; }
    void setEnvironment(const QProcessEnvironment &environment) { m_environment = environment; }

    // Reads a JSON config file (format in docs/configuration.md); replaces what an earlier file set.
    Expected<bool> loadFile(const QString &path);
    Expected<bool> reload();
    QString filePath() const { return m_filePath; }
    QJsonObject fileContents() const { return m_file; }
    // Writes `contents` to the file loadFile() named (fromSystem() names one
    // even when it does not exist yet), refusing anything that holds a key.
    // Without a file loaded it fails rather than guess a path.
    Expected<bool> saveFile(const QJsonObject &contents);
    QStringList warnings() const { return m_warnings; }

    QString apiKey(const ProviderInfo &provider) const;
    // Which variable or layer supplied the key, for "muxi models"; never the key itself.
    QString apiKeySource(const ProviderInfo &provider) const;
    QUrl baseUrl(const ProviderInfo &provider) const;
    QJsonObject providerSettings(const QString &providerId) const;
    // The file's settings, then the provider's setting variables from the
    // environment, then run-time settings: the same layering as keys and URLs.
    QJsonObject providerSettings(const ProviderInfo &provider) const;
    bool isEnabled(const QString &providerId) const;
    // OpenAI-compatible providers the user defined in the file or at run time.
    QList<ProviderInfo> customProviders() const;

    // The global settings ("timeouts", "retry" in the file, or set at run time).
    Timeouts timeouts() const;
    RetryPolicy retryPolicy() const;
    // One provider's: the global settings with what "providers.<id>.timeouts"
    // and ".retry" in the file, then the run-time per-provider settings, change.
    Timeouts timeouts(const QString &providerId) const;
    RetryPolicy retryPolicy(const QString &providerId) const;
    // The chain configured for `model` itself ("fallbacks" in the file, or set at run time).
    QStringList fallbackChain(const QString &model) const;
    // True when `model` has a chain of its own, even an empty one (which means: no fallback).
    bool hasOwnFallbackChain(const QString &model) const;
    // The chain for every model of `kind` without its own ("default_chains" in the file).
    QStringList defaultChain(ChainKind kind) const;
    // The fallbacks a request for `model` gets: its own chain, else the default
    // chain of its kind without `model` itself.
    QStringList effectiveFallbackChain(const QString &model, ChainKind kind) const;
    static QString chainKindName(ChainKind kind);
    QString defaultModel() const;

    void setApiKey(const QString &providerId, const QString &key);
    void setBaseUrl(const QString &providerId, const QUrl &url);
    void setProviderSettings(const QString &providerId, const QJsonObject &settings);
    void setEnabled(const QString &providerId, bool enabled);
    void addCustomProvider(const ProviderInfo &provider);
    void setTimeouts(const Timeouts &timeouts);
    void setRetryPolicy(const RetryPolicy &policy);
    void setTimeouts(const QString &providerId, const Timeouts &timeouts);
    void setRetryPolicy(const QString &providerId, const RetryPolicy &policy);
    void setFallbackChain(const QString &model, const QStringList &chain);
    void setDefaultChain(ChainKind kind, const QStringList &chain);
    void setDefaultModel(const QString &model);

private:
    QJsonObject fileProvider(const QString &providerId) const;
    // The first of the provider's key variables that is set, or empty.
    QString keyVariableInUse(const ProviderInfo &provider) const;

    QProcessEnvironment m_environment;
    QString m_filePath;
    QJsonObject m_file;
    QStringList m_warnings;

    QHash<QString, QString> m_keys;
    QHash<QString, QUrl> m_baseUrls;
    QHash<QString, QJsonObject> m_settings;
    QHash<QString, bool> m_enabled;
    QList<ProviderInfo> m_customProviders;
    std::optional<Timeouts> m_timeouts;
    std::optional<RetryPolicy> m_retryPolicy;
    QHash<QString, Timeouts> m_providerTimeouts;
    QHash<QString, RetryPolicy> m_providerRetryPolicies;
    QHash<QString, QStringList> m_fallbacks;
    QHash<ChainKind, QStringList> m_defaultChains;
    QString m_defaultModel;
};

} // namespace muxi
