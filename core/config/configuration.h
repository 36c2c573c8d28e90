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

/// \brief Settings from three layers, later ones winning: the config file, the
/// environment, and overrides set at run time (the workbench's settings and
/// keychain).
///
/// API keys come only from the environment and run-time overrides: a key
/// found in the config file is ignored with a warning, and saveFile() refuses
/// to write one. The file format is in docs/configuration.md. A plain value
/// type: copy it freely; a copy is independent. Client holds its own copy.
class MUXI_CORE_EXPORT Configuration
{
public:
    /// The kinds of request a default fallback chain is kept for.
    enum class ChainKind {
        Chat, ///< chat completions
        Embedding, ///< embeddings
    };

    /// An empty environment and no file: only run-time settings count.
    Configuration() = default;
    /// `environment` and no file.
    explicit Configuration(const QProcessEnvironment &environment);

    /// The environment of this process, plus the file named by MUXI_CONFIG or,
    /// failing that, the per-user default when it exists. A file that cannot be
    /// read or parsed leaves a warning (warnings()), not an error.
    static Configuration fromSystem();
    /// The per-user config file: muxi/config.json under the generic config location (~/.config).
    static QString defaultConfigPath();

    /// The environment keys, base URLs and settings are read from.
    const QProcessEnvironment &environment() const { return m_environment; }
    /// Replaces the environment.
    void setEnvironment(const QProcessEnvironment &environment) { m_environment = environment; }

    /// Reads a JSON config file (format in docs/configuration.md); replaces what an earlier file set.
    /// A missing file counts as empty; an unreadable or invalid one is an
    /// Error::Kind::BadRequest naming the file.
    Expected<bool> loadFile(const QString &path);
    /// Reads the file of loadFile() again; nothing to do without one.
    Expected<bool> reload();
    /// The file loaded last; empty when none.
    QString filePath() const { return m_filePath; }
    /// The file's JSON as loaded.
    QJsonObject fileContents() const { return m_file; }
    /// Writes `contents` to the file loadFile() named (fromSystem() names one
    /// even when it does not exist yet), atomically, refusing anything that
    /// holds a key. Without a file loaded it fails rather than guess a path.
    Expected<bool> saveFile(const QJsonObject &contents);
    /// Problems met while loading (ignored keys, an unreadable file), for people to read.
    QStringList warnings() const { return m_warnings; }

    /// The provider's key: a run-time override, else the first of
    /// ProviderInfo::allKeyVariables() set in the environment; empty when none.
    QString apiKey(const ProviderInfo &provider) const;
    /// Which variable or layer supplied the key, for "muxi models"; never the key itself.
    QString apiKeySource(const ProviderInfo &provider) const;
    /// The provider's base URL: a run-time override, else the first of
    /// ProviderInfo::allBaseUrlVariables() set ("host:port" values become
    /// http URLs), else the file's, else the provider's default.
    QUrl baseUrl(const ProviderInfo &provider) const;
    /// providerSettings() for a provider known only by id: no setting variables.
    QJsonObject providerSettings(const QString &providerId) const;
    /// The file's settings, then the provider's setting variables from the
    /// environment, then run-time settings: the same layering as keys and URLs.
    QJsonObject providerSettings(const ProviderInfo &provider) const;
    /// False when the file or a run-time override disabled the provider.
    bool isEnabled(const QString &providerId) const;
    /// OpenAI-compatible providers the user defined in the file or at run time.
    QList<ProviderInfo> customProviders() const;

    /// The global timeouts: run-time, else the file's "timeouts", else the defaults.
    Timeouts timeouts() const;
    /// The run-time retry policy, else the file's, else the defaults.
    RetryPolicy retryPolicy() const;
    /// One provider's timeouts: the global ones with what "providers.<id>.timeouts"
    /// in the file, then the run-time per-provider settings, change.
    Timeouts timeouts(const QString &providerId) const;
    /// One provider's retry policy, layered as timeouts(const QString &) is.
    RetryPolicy retryPolicy(const QString &providerId) const;
    /// The chain configured for `model` itself ("fallbacks" in the file, or set at run time).
    QStringList fallbackChain(const QString &model) const;
    /// True when `model` has a chain of its own, even an empty one (which means: no fallback).
    bool hasOwnFallbackChain(const QString &model) const;
    /// The chain for every model of `kind` without its own ("default_chains" in the file).
    QStringList defaultChain(ChainKind kind) const;
    /// The fallbacks a request for `model` gets: its own chain, else the default
    /// chain of its kind without `model` itself.
    QStringList effectiveFallbackChain(const QString &model, ChainKind kind) const;
    /// The kind's key in "default_chains": "chat" or "embedding".
    static QString chainKindName(ChainKind kind);
    /// The model for requests that name none: run-time, else $MUXI_MODEL,
    /// else the file's "default_model", else "openai/gpt-4o-mini".
    QString defaultModel() const;

    /// Sets the provider's key for this process only; never written to a file.
    void setApiKey(const QString &providerId, const QString &key);
    /// Overrides the provider's base URL.
    void setBaseUrl(const QString &providerId, const QUrl &url);
    /// Run-time settings for the provider, over the file's and the environment's.
    void setProviderSettings(const QString &providerId, const QJsonObject &settings);
    /// Enables or disables a provider; requests to a disabled one fail with Error::Kind::Unsupported.
    void setEnabled(const QString &providerId, bool enabled);
    /// Adds (or replaces, by id) an OpenAI-compatible provider.
    void addCustomProvider(const ProviderInfo &provider);
    /// Overrides the timeouts.
    void setTimeouts(const Timeouts &timeouts);
    /// Overrides the retry policy.
    void setRetryPolicy(const RetryPolicy &policy);
    /// Overrides one provider's timeouts.
    void setTimeouts(const QString &providerId, const Timeouts &timeouts);
    /// Overrides one provider's retry policy.
    void setRetryPolicy(const QString &providerId, const RetryPolicy &policy);
    /// Sets the models to try after `model` fails; an empty chain means no fallback.
    void setFallbackChain(const QString &model, const QStringList &chain);
    /// Sets the chain for every model of `kind` without its own.
    void setDefaultChain(ChainKind kind, const QStringList &chain);
    /// Sets the model for requests that name none.
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
