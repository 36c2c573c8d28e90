#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/configuration.h>
#include <muxi/providerregistry.h>
#include <muxi/reply.h>

#include <QObject>

class QNetworkAccessManager;

namespace muxi {

// The one entry point: resolves "provider/model" names through the registry
// and configuration, and returns a Reply. Blocking calls wait on the same Reply.
class MUXI_CORE_EXPORT Client : public QObject
{
    Q_OBJECT

public:
    explicit Client(const ProviderRegistry *registry, Configuration configuration = Configuration::fromSystem(),
                    QObject *parent = nullptr);
    ~Client() override;

    Configuration &configuration() { return m_configuration; }
    const Configuration &configuration() const { return m_configuration; }
    const ProviderRegistry &registry() const { return *m_registry; }

    // Built-in providers and the user's own, as configured now.
    QList<ProviderInfo> providers() const;
    std::optional<ProviderInfo> provider(const QString &id) const;
    // A usable target, or why not (unknown provider, no key, discontinued service…).
    Expected<Target> resolve(const QString &model) const;

    Reply *chat(const ChatRequest &request);
    Reply *complete(const CompletionRequest &request);
    Reply *embed(const EmbeddingRequest &request);
    Reply *listModels(const QString &providerId);

    Expected<ChatCompletion> chatBlocking(const ChatRequest &request, QList<AttemptRecord> *attempts = nullptr);
    Expected<Completion> completeBlocking(const CompletionRequest &request, QList<AttemptRecord> *attempts = nullptr);
    Expected<EmbeddingResponse> embedBlocking(const EmbeddingRequest &request, QList<AttemptRecord> *attempts = nullptr);
    Expected<ModelList> listModelsBlocking(const QString &providerId);

    void setScheduler(Scheduler scheduler) { m_scheduler = std::move(scheduler); }
    void setJitterSource(std::function<double()> jitter) { m_jitter = std::move(jitter); }
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
