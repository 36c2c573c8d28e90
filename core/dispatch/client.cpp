#include <muxi/client.h>

#include <muxi/imagedownloader.h>
#include <muxi/jsonmodeemulation.h>
#include <muxi/modelid.h>

#include <QJsonArray>

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTimer>

namespace muxi {

Client::Client(const ProviderRegistry *registry, Configuration configuration, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_configuration(std::move(configuration))
    , m_network(new QNetworkAccessManager(this))
    , m_scheduler([](std::chrono::milliseconds delay, QObject *context, std::function<void()> callback) {
        QTimer::singleShot(delay, context, std::move(callback));
    })
    , m_jitter([] {
        return QRandomGenerator::global()->generateDouble();
    })
{
    // Redirects are followed only to equally safe schemes; Qt's default, stated for the reader.
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

Client::~Client() = default;

QList<ProviderInfo> Client::providers() const
{
    QList<ProviderInfo> all = m_registry->providers();
    for (const ProviderInfo &custom : m_configuration.customProviders()) {
        all.removeIf([&](const ProviderInfo &p) {
            return p.id == custom.id;
        });
        all.append(custom);
    }
    return all;
}

std::optional<ProviderInfo> Client::provider(const QString &id) const
{
    const QList<ProviderInfo> all = providers();
    for (const ProviderInfo &info : all) {
        if (info.id == id)
            return info;
    }
    return std::nullopt;
}

Expected<Target> Client::resolve(const QString &model) const
{
    const QList<ProviderInfo> all = providers();
    QStringList ids;
    for (const ProviderInfo &info : all)
        ids.append(info.id);
    const Expected<ModelId> id = ModelId::parse(model, ids);
    if (!id)
        return id.error();
    return targetFor(*provider(id->provider), id->model);
}

Capabilities Client::capabilitiesOf(const ProviderInfo &provider, const QString &model) const
{
    const std::optional<ModelInfo> known = m_registry->knownModel(provider.id, model);
    return provider.capabilitiesFor(known ? known->capabilities : std::nullopt);
}

Capabilities Client::capabilitiesOf(const QString &model) const
{
    QStringList ids;
    for (const ProviderInfo &info : providers())
        ids.append(info.id);
    const Expected<ModelId> id = ModelId::parse(model, ids);
    if (!id)
        return {};
    return capabilitiesOf(*provider(id->provider), id->model);
}

Expected<Target> Client::targetFor(const ProviderInfo &info, const QString &model) const
{
    auto fail = [&](Error::Kind kind, const QString &message) {
        Error error(kind, message);
        error.provider = info.id;
        error.model = model;
        return error;
    };
    const QUrl baseUrl = m_configuration.baseUrl(info);
    const bool pointedElsewhere = baseUrl.isValid() && baseUrl != info.defaultBaseUrl;
    if (info.status == ProviderInfo::Status::Discontinued && !pointedElsewhere) {
        return fail(Error::Kind::Unsupported,
                    tr("%1 is discontinued (%2); set %3 to a replacement service to keep using this preset")
                        .arg(info.displayName, info.statusNote, info.allBaseUrlVariables().first()));
    }
    if (info.status == ProviderInfo::Status::Disabled && !pointedElsewhere)
        return fail(Error::Kind::Unsupported, tr("%1 is not available: %2").arg(info.displayName, info.statusNote));
    if (!m_configuration.isEnabled(info.id))
        return fail(Error::Kind::Unsupported, tr("%1 is disabled in the configuration").arg(info.displayName));
    if (!m_registry->adapter(info.family))
        return fail(Error::Kind::Unsupported, tr("no adapter for the %1 protocol").arg(info.family));

    Target target;
    target.provider = info;
    target.model = model;
    target.baseUrl = baseUrl;
    target.apiKey = m_configuration.apiKey(info);
    target.environment = m_configuration.environment();
    target.settings = info.options;
    const QJsonObject settings = m_configuration.providerSettings(info);
    for (auto it = settings.begin(); it != settings.end(); ++it)
        target.settings.insert(it.key(), it.value());

    if (!target.baseUrl.isValid() || target.baseUrl.isEmpty()) {
        const QString hint = info.statusNote.isEmpty() ? tr("set %1").arg(info.allBaseUrlVariables().first()) : info.statusNote;
        return fail(Error::Kind::BadRequest, tr("%1 has no shared endpoint; %2").arg(info.displayName, hint));
    }
    if (info.requiresKey && target.apiKey.isEmpty()) {
        return fail(Error::Kind::Authentication,
                    tr("no API key for %1; set %2 or add the key in the workbench")
                        .arg(info.displayName, info.allKeyVariables().join(tr(" or "))));
    }
    return target;
}

Candidate Client::candidateFor(const QString &model, const Request &request) const
{
    Candidate candidate;
    candidate.request = request;
    const Expected<Target> target = resolve(model);
    if (target) {
        candidate.target = *target;
        candidate.adapter = m_registry->adapter(target->provider.family);
    } else {
        candidate.unusable = target.error();
        const qsizetype slash = model.indexOf(QLatin1Char('/'));
        candidate.target.provider.id = slash < 0 ? QStringLiteral("openai") : model.left(slash);
        candidate.target.model = slash < 0 ? model : model.mid(slash + 1);
    }
    candidate.policy = m_configuration.retryPolicy(candidate.target.provider.id);
    candidate.timeouts = m_configuration.timeouts(candidate.target.provider.id);
    if (target)
        adaptToCapabilities(candidate);
    return candidate;
}

void Client::adaptToCapabilities(Candidate &candidate) const
{
    const ProviderInfo &provider = candidate.target.provider;
    const Capabilities capabilities = capabilitiesOf(provider, candidate.target.model);
    const QString name = provider.displayName;
    // Blames the model when its provider could carry what it lacks.
    auto who = [&](Capability capability) {
        return provider.capabilities.testFlag(capability) ? provider.id + QLatin1Char('/') + candidate.target.model : name;
    };
    auto refuse = [&](const QString &why) {
        Error error(Error::Kind::Unsupported, why);
        error.provider = candidate.target.provider.id;
        error.model = candidate.target.model;
        candidate.unusable = error;
    };
    if (std::holds_alternative<CompletionRequest>(candidate.request) && !capabilities.testFlag(Capability::Completions))
        return refuse(tr("%1 does not offer text completions").arg(who(Capability::Completions)));
    if (std::holds_alternative<EmbeddingRequest>(candidate.request) && !capabilities.testFlag(Capability::Embeddings))
        return refuse(tr("%1 does not offer embeddings").arg(who(Capability::Embeddings)));
    auto *chat = std::get_if<ChatRequest>(&candidate.request);
    if (!chat)
        return;
    if (chat->needsVision() && !capabilities.testFlag(Capability::Vision))
        return refuse(tr("%1 cannot read images").arg(who(Capability::Vision)));
    if (!imagesToFetch(*chat, candidate.target).isEmpty())
        candidate.notes.append(tr("image URLs fetched and sent inline"));
    if (chat->needsAudio() && !capabilities.testFlag(Capability::Audio))
        return refuse(tr("%1 cannot take audio").arg(who(Capability::Audio)));
    if (!chat->tools.isEmpty() && !capabilities.testFlag(Capability::Tools))
        return refuse(tr("%1 cannot call tools").arg(who(Capability::Tools)));

    const QJsonObject wire = chat->toWireJson();
    const QJsonArray dropped = candidate.target.settings.value(QLatin1String("drop")).toArray();
    for (const QJsonValue &parameter : dropped) {
        if (wire.contains(parameter.toString()))
            candidate.notes.append(tr("dropped the parameter %1, which %2 rejects").arg(parameter.toString(), name));
    }
    if (chat->wantsJson()) {
        const bool schema = chat->responseFormat->type == ResponseFormat::Type::JsonSchema;
        const bool native = capabilities.testFlag(schema ? Capability::JsonSchema : Capability::JsonMode);
        if (!native) {
            candidate.emulatedJson = *chat->responseFormat;
            *chat = JsonModeEmulation::adapt(*chat);
            // The answer is checked before anyone sees it, so it is fetched whole.
            chat->stream = false;
            candidate.notes.append(tr("JSON mode emulated"));
        }
    }
    if (chat->stream && !capabilities.testFlag(Capability::Streaming)) {
        chat->stream = false;
        candidate.notes.append(tr("streaming emulated: the answer arrives in one piece"));
    }
}

Reply *Client::dispatch(const QString &model, const QStringList &fallbacks, const Request &request)
{
    QStringList chain{model};
    // Only chat and embedding requests have a default chain: a completion model
    // has no kind-wide substitute.
    std::optional<Configuration::ChainKind> kind;
    if (std::holds_alternative<ChatRequest>(request))
        kind = Configuration::ChainKind::Chat;
    else if (std::holds_alternative<EmbeddingRequest>(request))
        kind = Configuration::ChainKind::Embedding;
    const bool fromDefault = fallbacks.isEmpty() && kind && !m_configuration.hasOwnFallbackChain(model);
    if (!fallbacks.isEmpty())
        chain += fallbacks;
    else if (kind)
        chain += m_configuration.effectiveFallbackChain(model, *kind);
    else
        chain += m_configuration.fallbackChain(model);
    QList<Candidate> candidates;
    for (const QString &name : std::as_const(chain)) {
        candidates.append(candidateFor(name, request));
        if (fromDefault && candidates.size() > 1)
            candidates.last().notes.prepend(tr("from the default %1 fallback chain").arg(Configuration::chainKindName(*kind)));
    }
    bool streams = false;
    if (const auto *chat = std::get_if<ChatRequest>(&request)) {
        // The caller's own retry settings outrank every provider's.
        for (Candidate &candidate : candidates) {
            candidate.policy.maxRetries = chat->maxRetries.value_or(candidate.policy.maxRetries);
            if (chat->retryBaseDelayMs)
                candidate.policy.baseDelay = std::chrono::milliseconds(*chat->retryBaseDelayMs);
        }
        streams = chat->stream;
    } else if (const auto *completion = std::get_if<CompletionRequest>(&request)) {
        streams = completion->stream;
    }
    auto *reply = new Reply(m_network, candidates, streams, m_scheduler, m_jitter, this);
    reply->start();
    return reply;
}

Reply *Client::chat(const ChatRequest &request)
{
    return dispatch(request.model.isEmpty() ? m_configuration.defaultModel() : request.model, request.fallbackModels, request);
}

Reply *Client::complete(const CompletionRequest &request)
{
    return dispatch(request.model, {}, request);
}

Reply *Client::embed(const EmbeddingRequest &request)
{
    return dispatch(request.model, {}, request);
}

Reply *Client::listModels(const QString &providerId)
{
    Candidate candidate;
    candidate.request = std::monostate();
    candidate.target.provider.id = providerId;
    const std::optional<ProviderInfo> info = provider(providerId);
    const Expected<Target> target = info ? targetFor(*info, QString()) : resolve(providerId + QLatin1String("/-")).error();
    if (target) {
        candidate.target = *target;
        candidate.adapter = m_registry->adapter(target->provider.family);
    } else {
        candidate.unusable = target.error();
    }
    candidate.policy = m_configuration.retryPolicy(providerId);
    candidate.policy.maxRetries = 0;
    candidate.timeouts = m_configuration.timeouts(providerId);
    auto *reply = new Reply(m_network, {candidate}, false, m_scheduler, m_jitter, this);
    reply->start();
    return reply;
}

template<typename T>
Expected<T> Client::block(Reply *reply, QList<AttemptRecord> *attempts)
{
    reply->waitForFinished();
    reply->deleteLater();
    if (attempts)
        *attempts = reply->attempts();
    if (reply->hasError())
        return reply->failure();
    return std::get<T>(reply->result());
}

Expected<ChatCompletion> Client::chatBlocking(const ChatRequest &request, QList<AttemptRecord> *attempts)
{
    return block<ChatCompletion>(chat(request), attempts);
}

Expected<Completion> Client::completeBlocking(const CompletionRequest &request, QList<AttemptRecord> *attempts)
{
    return block<Completion>(complete(request), attempts);
}

Expected<EmbeddingResponse> Client::embedBlocking(const EmbeddingRequest &request, QList<AttemptRecord> *attempts)
{
    return block<EmbeddingResponse>(embed(request), attempts);
}

Expected<ModelList> Client::listModelsBlocking(const QString &providerId)
{
    return block<ModelList>(listModels(providerId), nullptr);
}

} // namespace muxi
