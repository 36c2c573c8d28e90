#include <muxi/providers/localdiscovery.h>

#include <muxi/providers/llamacppprobe.h>
#include <muxi/providers/ollamaadapter.h>
#include <muxi/providers/wirehelpers.h>

#include <muxi/httpexchange.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>

#include <memory>

namespace muxi {

namespace {
constexpr quint16 OllamaPort = 11434;

QUrl urlWithScheme(const QString &value)
{
    return QUrl(value.contains(QLatin1String("://")) ? value : QLatin1String("http://") + value);
}

Target ollamaTarget(const QUrl &baseUrl)
{
    Target target;
    target.provider.id = QStringLiteral("ollama");
    target.provider.displayName = QStringLiteral("Ollama");
    target.baseUrl = baseUrl;
    return target;
}
}

LocalDiscovery::LocalDiscovery(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_ollamaUrl(QStringLiteral("http://127.0.0.1:11434"))
    , m_llamaCppUrl(QStringLiteral("http://127.0.0.1:8080/v1"))
{
    // Loopback servers: a proxy from the environment must not swallow the probes.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &LocalDiscovery::stopAll);
}

LocalDiscovery::~LocalDiscovery() = default;

QUrl LocalDiscovery::ollamaUrlFromHost(const QString &host)
{
    QUrl url = urlWithScheme(host.trimmed());
    // The address Ollama binds to for every interface is not one to connect to.
    if (url.host().isEmpty() || url.host() == QLatin1String("0.0.0.0"))
        url.setHost(QStringLiteral("127.0.0.1"));
    if (url.port() < 0 && url.scheme() == QLatin1String("http"))
        url.setPort(OllamaPort);
    return url;
}

void LocalDiscovery::setEnvironment(const QProcessEnvironment &environment)
{
    const QString ollamaBase = environment.value(QStringLiteral("OLLAMA_BASE_URL"));
    const QString ollamaHost = environment.value(QStringLiteral("OLLAMA_HOST"));
    if (!ollamaBase.isEmpty())
        m_ollamaUrl = urlWithScheme(ollamaBase);
    else if (!ollamaHost.isEmpty())
        m_ollamaUrl = ollamaUrlFromHost(ollamaHost);
    const QString llamaCpp = environment.value(QStringLiteral("LLAMACPP_BASE_URL"));
    if (!llamaCpp.isEmpty())
        m_llamaCppUrl = urlWithScheme(llamaCpp);
}

void LocalDiscovery::start()
{
    if (isRunning())
        return;
    m_servers.clear();
    m_deadline.start(m_timeout);
    probeOllama();
    probeLlamaCpp();
}

void LocalDiscovery::probeOllama()
{
    struct State {
        int outstanding = 2;
        bool answered = false;
        DiscoveredServer server;
    };
    auto state = std::make_shared<State>();
    state->server.providerId = QStringLiteral("ollama");
    state->server.baseUrl = m_ollamaUrl;
    const Target target = ollamaTarget(m_ollamaUrl);
    auto conclude = [this, state] {
        if (--state->outstanding == 0 && state->answered)
            report(state->server);
    };

    const OllamaAdapter adapter;
    send(*adapter.modelsRequest(target), [state, target, conclude](const HttpResponse *response) {
        // Only Ollama answers /api/tags with a "models" array.
        if (response && response->isSuccess() && QJsonDocument::fromJson(response->body).object().value(QLatin1String("models")).isArray()) {
            const Step<ModelList> step = OllamaAdapter().modelsResponse(*response, target);
            if (const auto *models = std::get_if<ModelList>(&step)) {
                state->answered = true;
                for (const ModelInfo &model : *models)
                    state->server.models.append(model.id);
            }
        }
        conclude();
    });
    send(wire::jsonRequest("GET", target.endpoint(QStringLiteral("/api/version")), {}, false), [state, conclude](const HttpResponse *response) {
        const QJsonValue version = response && response->isSuccess()
            ? QJsonDocument::fromJson(response->body).object().value(QLatin1String("version"))
            : QJsonValue();
        if (version.isString()) {
            state->answered = true;
            state->server.version = version.toString();
        }
        conclude();
    });
}

void LocalDiscovery::probeLlamaCpp()
{
    struct State {
        int outstanding = 2;
        LlamaCppProbe::Health health = LlamaCppProbe::Health::Absent;
        QString model;
    };
    auto state = std::make_shared<State>();
    const QUrl baseUrl = m_llamaCppUrl;
    auto conclude = [this, state, baseUrl] {
        if (--state->outstanding > 0 || state->health == LlamaCppProbe::Health::Absent)
            return;
        DiscoveredServer server;
        server.providerId = QStringLiteral("llamacpp");
        server.baseUrl = baseUrl;
        if (!state->model.isEmpty())
            server.models = {state->model};
        server.loading = state->health == LlamaCppProbe::Health::Loading;
        report(server);
    };
    const QUrl root = LlamaCppProbe::serverRoot(baseUrl);
    send(LlamaCppProbe::healthRequest(root), [state, conclude](const HttpResponse *response) {
        if (response)
            state->health = LlamaCppProbe::health(*response);
        conclude();
    });
    send(LlamaCppProbe::propsRequest(root), [state, conclude](const HttpResponse *response) {
        if (response)
            state->model = LlamaCppProbe::modelName(*response);
        conclude();
    });
}

void LocalDiscovery::send(const HttpRequest &request, Done done)
{
    Timeouts timeouts;
    timeouts.connect = m_timeout;
    timeouts.firstByte = m_timeout;
    timeouts.idle = m_timeout;
    timeouts.total = m_timeout;
    auto *exchange = new HttpExchange(m_network, request, timeouts, this);
    m_probes.insert(exchange, std::move(done));
    ++m_pending;
    connect(exchange, &HttpExchange::finished, this, [this, exchange](const HttpResponse &response) {
        complete(exchange, &response);
    });
    connect(exchange, &HttpExchange::failed, this, [this, exchange] {
        complete(exchange, nullptr);
    });
    exchange->start();
}

void LocalDiscovery::complete(HttpExchange *exchange, const HttpResponse *response)
{
    const auto it = m_probes.find(exchange);
    if (it == m_probes.end())
        return;
    const Done done = std::move(it.value());
    m_probes.erase(it);
    exchange->abort();
    exchange->deleteLater();
    done(response);
    --m_pending;
    settle();
}

void LocalDiscovery::report(const DiscoveredServer &server)
{
    m_servers.append(server);
    Q_EMIT serverFound(server);
}

void LocalDiscovery::settle()
{
    if (m_pending > 0)
        return;
    m_deadline.stop();
    Q_EMIT finished();
}

void LocalDiscovery::stopAll()
{
    // Whatever has not answered by now counts as absent.
    const QList<HttpExchange *> unanswered = m_probes.keys();
    for (HttpExchange *exchange : unanswered)
        complete(exchange, nullptr);
}

} // namespace muxi
