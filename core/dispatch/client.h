#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/configuration.h>
#include <muxi/providerregistry.h>
#include <muxi/reply.h>

#include <QObject>

class QNetworkAccessManager;

/// \brief Everything Muxi's libraries define.
///
/// Start with Client; see the main page for an overview.
namespace muxi {

/// \brief The one entry point: sends OpenAI-shaped requests to any configured provider.
///
/// Resolves "provider/model" names through the registry and the
/// configuration (keys, base URLs, settings), adapts the request to what the
/// provider can do, and returns a Reply that retries, falls back and
/// streams. The blocking calls wait on the same Reply in a local event loop.
///
/// Ownership: the registry is not owned and must outlive the client;
/// builtinRegistry() does. Replies are children of the client: delete one
/// (deleteLater()) once finished, or let the client take them along.
///
/// Threading: a Client and its Replies live in the thread that created them,
/// which must run a Qt event loop (QCoreApplication is needed even for the
/// blocking calls). Use one client per thread.
///
/// Errors are Error values, never exceptions: a model that cannot be
/// resolved (unknown provider, no key, discontinued service) becomes a
/// skipped AttemptRecord and, if nothing else answers, the Reply's error.
class MUXI_CORE_EXPORT Client : public QObject
{
    Q_OBJECT

public:
    /// A client over `registry`'s providers with `configuration`; by default the
    /// environment and config file of this process (Configuration::fromSystem()).
    explicit Client(const ProviderRegistry *registry, Configuration configuration = Configuration::fromSystem(),
                    QObject *parent = nullptr);
    /// Deletes the client's replies, aborting those still running.
    ~Client() override;

    /// The configuration in use; changes apply to requests made afterwards.
    Configuration &configuration() { return m_configuration; }
    /// The configuration in use.
    const Configuration &configuration() const { return m_configuration; }
    /// The registry given at construction.
    const ProviderRegistry &registry() const { return *m_registry; }

    /// Built-in providers and the user's own, as configured now.
    QList<ProviderInfo> providers() const;
    /// The provider with `id`, built-in or custom; nullopt when there is none.
    std::optional<ProviderInfo> provider(const QString &id) const;
    /// A usable target, or why not (unknown provider, no key, discontinued service…).
    /// The target holds the key: keep it away from logs.
    Expected<Target> resolve(const QString &model) const;
    /// What `model` at `provider` can do: the provider's capabilities narrowed
    /// by the model table's entry for the model, if any. Capability adaptation
    /// decides on these.
    Capabilities capabilitiesOf(const ProviderInfo &provider, const QString &model) const;
    /// capabilitiesOf() for a "provider/model" name; none for an unknown provider.
    Capabilities capabilitiesOf(const QString &model) const;

    /// Sends a chat request to ChatRequest::model, then its fallbacks.
    /// With ChatRequest::stream the answer arrives as Reply::delta() signals;
    /// without, it arrives whole, and Reply::chatCompletion() holds it either way.
    Reply *chat(const ChatRequest &request);
    /// Sends a legacy text completion request (one model, no fallbacks).
    Reply *complete(const CompletionRequest &request);
    /// Asks for embeddings (one model, no fallbacks).
    Reply *embed(const EmbeddingRequest &request);
    /// Asks `providerId` for its models, following every page of the listing; never retried.
    Reply *listModels(const QString &providerId);

    /// chat(), waited for. `attempts`, when given, receives the attempts record.
    Expected<ChatCompletion> chatBlocking(const ChatRequest &request, QList<AttemptRecord> *attempts = nullptr);
    /// complete(), waited for.
    Expected<Completion> completeBlocking(const CompletionRequest &request, QList<AttemptRecord> *attempts = nullptr);
    /// embed(), waited for.
    Expected<EmbeddingResponse> embedBlocking(const EmbeddingRequest &request, QList<AttemptRecord> *attempts = nullptr);
    /// listModels(), waited for.
    Expected<ModelList> listModelsBlocking(const QString &providerId);

    /// Replaces how back-off delays are waited (a single-shot QTimer by
    /// default); tests observe the delays without waiting. Applies to later requests.
    void setScheduler(Scheduler scheduler) { m_scheduler = std::move(scheduler); }
    /// Replaces the source of back-off jitter, a function returning values in [0, 1).
    void setJitterSource(std::function<double()> jitter) { m_jitter = std::move(jitter); }
    /// The network access manager all requests go through, owned by the client
    /// (for proxies, or a test's loopback settings).
    QNetworkAccessManager *networkAccessManager() const { return m_network; }

private:
    Reply *dispatch(const QString &model, const QStringList &fallbacks, const Request &request);
    Expected<Target> targetFor(const ProviderInfo &info, const QString &model) const;
    Candidate candidateFor(const QString &model, const Request &request) const;
    // Skips a candidate that cannot serve the request, or adapts the request
    // to it (emulated JSON mode or streaming, dropped parameters), noting why.
    void adaptToCapabilities(Candidate &candidate) const;
    template<typename T>
    Expected<T> block(Reply *reply, QList<AttemptRecord> *attempts);

    const ProviderRegistry *m_registry;
    Configuration m_configuration;
    QNetworkAccessManager *m_network;
    Scheduler m_scheduler;
    std::function<double()> m_jitter;
};

} // namespace muxi
