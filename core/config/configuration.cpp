#include <muxi/configuration.h>

#include <muxi/jsonfields.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace muxi {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::Configuration", text);
}

bool holdsKey(const QJsonObject &provider)
{
    return provider.contains(QLatin1String("api_key")) || provider.contains(QLatin1String("key"));
}
}

Configuration::Configuration(const QProcessEnvironment &environment)
    : m_environment(environment)
{
}

QString Configuration::defaultConfigPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QLatin1String("/muxi/config.json");
}

Configuration Configuration::fromSystem()
{
    Configuration config(QProcessEnvironment::systemEnvironment());
    QString path = config.m_environment.value(QStringLiteral("MUXI_CONFIG"));
    if (path.isEmpty())
        path = defaultConfigPath();
    // A file that does not exist yet still becomes the one saveFile() writes.
    if (const auto loaded = config.loadFile(path); !loaded)
        config.m_warnings.append(loaded.error().message);
    return config;
}

Expected<bool> Configuration::loadFile(const QString &path)
{
    m_filePath = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (!file.exists()) {
            m_file = {};
            return true;
        }
        return Error(Error::Kind::BadRequest, tr("cannot read config file %1: %2").arg(path, file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        return Error(Error::Kind::BadRequest,
                     tr("config file %1 is not a JSON object: %2 at offset %3").arg(path, parseError.errorString()).arg(parseError.offset));
    }
    m_file = document.object();
    m_warnings.clear();
    const QJsonObject providers = m_file.value(QLatin1String("providers")).toObject();
    for (auto it = providers.begin(); it != providers.end(); ++it) {
        if (holdsKey(it.value().toObject()))
            m_warnings.append(tr("config file %1: the API key for %2 is ignored; keys belong in the environment or the keychain")
                                  .arg(path, it.key()));
    }
    return true;
}

Expected<bool> Configuration::reload()
{
    if (m_filePath.isEmpty())
        return true;
    return loadFile(m_filePath);
}

Expected<bool> Configuration::saveFile(const QJsonObject &contents)
{
    // A configuration assembled in code (tests, embedders) has no file of its
    // own; falling back to the per-user default would overwrite the user's settings.
    if (m_filePath.isEmpty())
        return Error(Error::Kind::BadRequest, tr("no config file was loaded, so there is none to save to; load or name one first"));
    const QJsonObject providers = contents.value(QLatin1String("providers")).toObject();
    for (auto it = providers.begin(); it != providers.end(); ++it) {
        if (holdsKey(it.value().toObject()))
            return Error(Error::Kind::BadRequest, tr("refusing to write an API key into the config file"));
    }
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return Error(Error::Kind::BadRequest, tr("cannot write config file %1: %2").arg(m_filePath, file.errorString()));
    file.write(QJsonDocument(contents).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error(Error::Kind::BadRequest, tr("cannot write config file %1: %2").arg(m_filePath, file.errorString()));
    m_file = contents;
    return true;
}

QJsonObject Configuration::fileProvider(const QString &providerId) const
{
    return m_file.value(QLatin1String("providers")).toObject().value(providerId).toObject();
}

QString Configuration::keyVariableInUse(const ProviderInfo &provider) const
{
    QStringList variables = provider.allKeyVariables();
    const QString fileVariable = fileProvider(provider.id).value(QLatin1String("key_variable")).toString();
    if (!fileVariable.isEmpty())
        variables.prepend(fileVariable);
    for (const QString &name : std::as_const(variables)) {
        if (!m_environment.value(name).isEmpty())
            return name;
    }
    return {};
}

QString Configuration::apiKey(const ProviderInfo &provider) const
{
    if (const auto it = m_keys.constFind(provider.id); it != m_keys.constEnd() && !it->isEmpty())
        return *it;
    const QString variable = keyVariableInUse(provider);
    return variable.isEmpty() ? QString() : m_environment.value(variable);
}

QString Configuration::apiKeySource(const ProviderInfo &provider) const
{
    if (const auto it = m_keys.constFind(provider.id); it != m_keys.constEnd() && !it->isEmpty())
        return QStringLiteral("runtime");
    const QString variable = keyVariableInUse(provider);
    return variable.isEmpty() ? QString() : QStringLiteral("env:") + variable;
}

QUrl Configuration::baseUrl(const ProviderInfo &provider) const
{
    if (const auto it = m_baseUrls.constFind(provider.id); it != m_baseUrls.constEnd() && it->isValid())
        return *it;
    for (const QString &name : provider.allBaseUrlVariables()) {
        const QString value = m_environment.value(name);
        if (value.isEmpty())
            continue;
        if (value.contains(QLatin1String("://")))
            return QUrl(value);
        // OLLAMA_HOST and similar hold "host[:port]" without a scheme; what
        // is left out comes from the provider's default address.
        QUrl url(QLatin1String("http://") + value);
        if (url.port() < 0 && provider.defaultBaseUrl.port() >= 0)
            url.setPort(provider.defaultBaseUrl.port());
        return url;
    }
    const QString fromFile = fileProvider(provider.id).value(QLatin1String("base_url")).toString();
    if (!fromFile.isEmpty())
        return QUrl(fromFile);
    return provider.defaultBaseUrl;
}

QJsonObject Configuration::providerSettings(const QString &providerId) const
{
    ProviderInfo withoutVariables;
    withoutVariables.id = providerId;
    return providerSettings(withoutVariables);
}

QJsonObject Configuration::providerSettings(const ProviderInfo &provider) const
{
    QJsonObject settings = fileProvider(provider.id).value(QLatin1String("settings")).toObject();
    for (auto it = provider.settingVariables.begin(); it != provider.settingVariables.end(); ++it) {
        for (const QString &name : it.value()) {
            const QString value = m_environment.value(name);
            if (!value.isEmpty()) {
                settings.insert(it.key(), value);
                break;
            }
        }
    }
    const QJsonObject runtime = m_settings.value(provider.id);
    for (auto it = runtime.begin(); it != runtime.end(); ++it)
        settings.insert(it.key(), it.value());
    return settings;
}

bool Configuration::isEnabled(const QString &providerId) const
{
    if (const auto it = m_enabled.constFind(providerId); it != m_enabled.constEnd())
        return *it;
    return fileProvider(providerId).value(QLatin1String("enabled")).toBool(true);
}

QList<ProviderInfo> Configuration::customProviders() const
{
    QList<ProviderInfo> result;
    const QJsonObject providers = m_file.value(QLatin1String("providers")).toObject();
    for (auto it = providers.begin(); it != providers.end(); ++it) {
        QJsonObject object = it.value().toObject();
        // Entries not marked custom only tune a built-in provider.
        if (!object.value(QLatin1String("custom")).toBool())
            continue;
        object.insert(QLatin1String("id"), it.key());
        ProviderInfo info = ProviderInfo::fromJson(object);
        if (info.capabilities == Capabilities())
            info.capabilities = Capability::Chat | Capability::Streaming | Capability::Tools | Capability::JsonMode
                | Capability::Embeddings | Capability::ModelList;
        if (!object.contains(QLatin1String("requires_key")))
            info.requiresKey = false;
        result.append(info);
    }
    for (const ProviderInfo &info : m_customProviders) {
        result.removeIf([&](const ProviderInfo &p) {
            return p.id == info.id;
        });
        result.append(info);
    }
    return result;
}

Timeouts Configuration::timeouts() const
{
    return m_timeouts.value_or(Timeouts::fromJson(m_file.value(QLatin1String("timeouts")).toObject()));
}

RetryPolicy Configuration::retryPolicy() const
{
    return m_retryPolicy.value_or(RetryPolicy::fromJson(m_file.value(QLatin1String("retry")).toObject()));
}

Timeouts Configuration::timeouts(const QString &providerId) const
{
    if (const auto it = m_providerTimeouts.constFind(providerId); it != m_providerTimeouts.constEnd())
        return *it;
    return Timeouts::fromJson(fileProvider(providerId).value(QLatin1String("timeouts")).toObject(), timeouts());
}

RetryPolicy Configuration::retryPolicy(const QString &providerId) const
{
    if (const auto it = m_providerRetryPolicies.constFind(providerId); it != m_providerRetryPolicies.constEnd())
        return *it;
    return RetryPolicy::fromJson(fileProvider(providerId).value(QLatin1String("retry")).toObject(), retryPolicy());
}

QStringList Configuration::fallbackChain(const QString &model) const
{
    if (const auto it = m_fallbacks.constFind(model); it != m_fallbacks.constEnd())
        return *it;
    return json::stringList(m_file.value(QLatin1String("fallbacks")).toObject().value(model));
}

bool Configuration::hasOwnFallbackChain(const QString &model) const
{
    return m_fallbacks.contains(model) || m_file.value(QLatin1String("fallbacks")).toObject().contains(model);
}

QString Configuration::chainKindName(ChainKind kind)
{
    return kind == ChainKind::Chat ? QStringLiteral("chat") : QStringLiteral("embedding");
}

QStringList Configuration::defaultChain(ChainKind kind) const
{
    if (const auto it = m_defaultChains.constFind(kind); it != m_defaultChains.constEnd())
        return *it;
    return json::stringList(m_file.value(QLatin1String("default_chains")).toObject().value(chainKindName(kind)));
}

QStringList Configuration::effectiveFallbackChain(const QString &model, ChainKind kind) const
{
    if (hasOwnFallbackChain(model))
        return fallbackChain(model);
    QStringList chain = defaultChain(kind);
    chain.removeAll(model);
    // A bare name is OpenAI's: the chain may spell it in full.
    if (!model.contains(QLatin1Char('/')))
        chain.removeAll(QLatin1String("openai/") + model);
    return chain;
}

QString Configuration::defaultModel() const
{
    if (!m_defaultModel.isEmpty())
        return m_defaultModel;
    const QString fromEnv = m_environment.value(QStringLiteral("MUXI_MODEL"));
    if (!fromEnv.isEmpty())
        return fromEnv;
    return m_file.value(QLatin1String("default_model")).toString(QStringLiteral("openai/gpt-4o-mini"));
}

void Configuration::setApiKey(const QString &providerId, const QString &key)
{
    m_keys.insert(providerId, key);
}

void Configuration::setBaseUrl(const QString &providerId, const QUrl &url)
{
    m_baseUrls.insert(providerId, url);
}

void Configuration::setProviderSettings(const QString &providerId, const QJsonObject &settings)
{
    m_settings.insert(providerId, settings);
}

void Configuration::setEnabled(const QString &providerId, bool enabled)
{
    m_enabled.insert(providerId, enabled);
}

void Configuration::addCustomProvider(const ProviderInfo &provider)
{
    m_customProviders.removeIf([&](const ProviderInfo &p) {
        return p.id == provider.id;
    });
    m_customProviders.append(provider);
}

void Configuration::setTimeouts(const Timeouts &timeouts)
{
    m_timeouts = timeouts;
}

void Configuration::setRetryPolicy(const RetryPolicy &policy)
{
    m_retryPolicy = policy;
}

void Configuration::setTimeouts(const QString &providerId, const Timeouts &timeouts)
{
    m_providerTimeouts.insert(providerId, timeouts);
}

void Configuration::setRetryPolicy(const QString &providerId, const RetryPolicy &policy)
{
    m_providerRetryPolicies.insert(providerId, policy);
}

void Configuration::setFallbackChain(const QString &model, const QStringList &chain)
{
    m_fallbacks.insert(model, chain);
}

void Configuration::setDefaultChain(ChainKind kind, const QStringList &chain)
{
    m_defaultChains.insert(kind, chain);
}

void Configuration::setDefaultModel(const QString &model)
{
    m_defaultModel = model;
}

} // namespace muxi
