#pragma once

#include <muxi/muxi_providers_export.h>

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace muxi {

class HttpExchange;
class HttpRequest;
class HttpResponse;

/// \brief A local model server that answered, described so the workbench can offer
/// it without asking for a key.
class MUXI_PROVIDERS_EXPORT DiscoveredServer
{
public:
    /// The provider that speaks to it: "ollama" or "llamacpp".
    QString providerId;
    /// The base URL that provider should use.
    QUrl baseUrl;
    /// The models the server offers (for llama.cpp, the one it loaded).
    QStringList models;
    /// Ollama's version, when it said.
    QString version;
    /// llama.cpp is still loading its model: it will answer, but not yet.
    bool loading = false;
};

/// \brief Finds local model servers that are running.
///
/// Looks for a running Ollama (GET /api/tags and /api/version at
/// 127.0.0.1:11434, or OLLAMA_BASE_URL / OLLAMA_HOST) and llama.cpp server
/// (GET /health and /props at 127.0.0.1:8080, or LLAMACPP_BASE_URL), all
/// probes at once, and reports what answered within the timeout. It never
/// sends a key: /health and /api/tags are public. A server that does not
/// answer, or answers with something else, is simply not reported: finding
/// nothing is not an error. Lives in the thread that created it, which must
/// run an event loop.
class MUXI_PROVIDERS_EXPORT LocalDiscovery : public QObject
{
    Q_OBJECT

public:
    /// How long the probes may take together unless setTimeout() says otherwise.
    static constexpr std::chrono::milliseconds DefaultTimeout{800};

    /// Looks at the default addresses until told otherwise.
    explicit LocalDiscovery(QObject *parent = nullptr);
    /// Stops probes still running, without signals.
    ~LocalDiscovery() override;

    /// Where to look, from the variables the providers use; the defaults otherwise.
    void setEnvironment(const QProcessEnvironment &environment);
    /// Where to look for Ollama.
    void setOllamaUrl(const QUrl &url) { m_ollamaUrl = url; }
    /// Where to look for a llama.cpp server.
    void setLlamaCppUrl(const QUrl &url) { m_llamaCppUrl = url; }
    /// Where Ollama is looked for.
    QUrl ollamaUrl() const { return m_ollamaUrl; }
    /// Where a llama.cpp server is looked for.
    QUrl llamaCppUrl() const { return m_llamaCppUrl; }
    /// How long the probes may take; what has not answered by then is absent.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    /// Probes both servers; serverFound() for each that answered, then finished().
    /// Does nothing while a search is running; a new search forgets the last one's servers.
    void start();
    /// True between start() and finished().
    bool isRunning() const { return m_pending > 0; }
    /// The servers found by the last search so far.
    QList<DiscoveredServer> servers() const { return m_servers; }

    /// OLLAMA_HOST as Ollama reads it: "host", "host:port" or a URL; port 11434 unless given.
    /// 0.0.0.0 (listen everywhere) becomes 127.0.0.1, an address to connect to.
    static QUrl ollamaUrlFromHost(const QString &host);

Q_SIGNALS:
    /// A server answered.
    void serverFound(const muxi::DiscoveredServer &server);
    /// The search ended: every probe answered, failed or timed out.
    void finished();

private:
    using Done = std::function<void(const HttpResponse *)>;

    void probeOllama();
    void probeLlamaCpp();
    // Sends `request`; `done` gets the response, or nullptr when nothing answered in time.
    void send(const HttpRequest &request, Done done);
    void complete(HttpExchange *exchange, const HttpResponse *response);
    void report(const DiscoveredServer &server);
    void settle();
    void stopAll();

    QNetworkAccessManager *m_network;
    QUrl m_ollamaUrl;
    QUrl m_llamaCppUrl;
    std::chrono::milliseconds m_timeout = DefaultTimeout;
    QTimer m_deadline;
    QHash<HttpExchange *, Done> m_probes;
    int m_pending = 0;
    QList<DiscoveredServer> m_servers;
};

} // namespace muxi

Q_DECLARE_METATYPE(muxi::DiscoveredServer)
