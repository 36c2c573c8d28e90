#include "gateway.h"

#include "exchange.h"
#include "httpserver.h"
#include "sharedstate.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace muxi::gateway {

namespace {
// Compares digests so the time taken does not reveal how much of a key matched.
bool sameKey(const QByteArray &given, const QString &expected)
{
    return QCryptographicHash::hash(given, QCryptographicHash::Sha256) == QCryptographicHash::hash(expected.toUtf8(), QCryptographicHash::Sha256);
}
}

Gateway::Gateway(Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_prices(PriceBook::builtIn())
    , m_shared(new SharedState(this))
    , m_catalogue(new ModelCatalogue(client, this))
{
    // Listings a minute old at most: a gateway answers for what the providers offer now.
    m_catalogue->setMaxAge(std::chrono::seconds(60));
}

Gateway::~Gateway()
{
    // Closing the connections first lets every exchange in flight abort its
    // upstream request and finish while the metrics, settings and shared state
    // it reports to still exist.
    delete m_server;
}

void Gateway::setApiKey(const QString &key)
{
    m_apiKey = key;
}

void Gateway::setSettings(const GatewaySettings &settings)
{
    m_settings = settings;
}

bool Gateway::listen(const QHostAddress &address, quint16 port, const HttpLimits &limits)
{
    delete m_server;
    m_server = new HttpServer(
        limits,
        [this](const HttpRequest &request, HttpResponse *response) {
            handle(request, response);
        },
        [](const QByteArray &path, int status, const QString &message) {
            Error error(status == 408 ? Error::Kind::Timeout : Error::Kind::BadRequest, message);
            error.code = status == 413 ? QStringLiteral("request_too_large") : QString();
            const ErrorShape::Api api = path.startsWith("/v1/messages") ? ErrorShape::Api::Anthropic : ErrorShape::Api::OpenAi;
            QJsonObject body = ErrorShape::body(api, error);
            return QJsonDocument(body).toJson(QJsonDocument::Compact);
        },
        this);
    if (!m_server->listen(address, port)) {
        m_errorString = m_server->errorString();
        return false;
    }
    return true;
}

quint16 Gateway::port() const
{
    return m_server ? m_server->port() : 0;
}

void Gateway::redact(Error &error) const
{
    // Keys are looked up now, not at start: the workbench loads them from the keychain later.
    for (const ProviderInfo &info : m_client->providers()) {
        const QString key = m_client->configuration().apiKey(info);
        if (!key.isEmpty())
            error.redact(key);
    }
    if (!m_apiKey.isEmpty())
        error.redact(m_apiKey);
    for (const GatewayKey &key : m_settings.keys)
        error.redact(key.key);
}

void Gateway::log(const QJsonObject &entry)
{
    if (m_accessLog)
        m_accessLog->write(entry);
}

void Gateway::sendError(HttpResponse *response, ErrorShape::Api api, const Error &error)
{
    Error shown = error;
    redact(shown);
    HttpHeaders headers{{"Content-Type", "application/json"}};
    // The gateway already retried and fell back as configured: a client SDK retrying too would multiply the load.
    headers.emplaceBack("x-should-retry", "false");
    if (error.retryAfter) {
        const qint64 ms = error.retryAfter->count();
        headers.emplaceBack("Retry-After", QByteArray::number((ms + 999) / 1000));
        headers.emplaceBack("retry-after-ms", QByteArray::number(ms));
    }
    response->send(ErrorShape::status(shown), headers, QJsonDocument(ErrorShape::body(api, shown)).toJson(QJsonDocument::Compact));
}

void Gateway::exchangeStarted()
{
    m_metrics.requestStarted();
    Q_EMIT requestsInFlightChanged();
}

void Gateway::exchangeFinished(const QString &provider, int status, double seconds, const std::optional<Usage> &usage)
{
    m_metrics.requestFinished(provider, status, seconds);
    if (usage)
        m_metrics.addTokens(usage->promptTokens, usage->completionTokens);
    Q_EMIT requestsInFlightChanged();
}

std::optional<QString> Gateway::authorize(const HttpRequest &request) const
{
    if (!requiresKey())
        return QString();
    QByteArray given = request.header("x-api-key");
    const QByteArray authorization = request.header("authorization");
    if (authorization.startsWith("Bearer ") || authorization.startsWith("bearer "))
        given = authorization.mid(7).trimmed();
    if (given.isEmpty())
        return std::nullopt;
    if (!m_apiKey.isEmpty() && sameKey(given, m_apiKey))
        return QString();
    for (const GatewayKey &key : m_settings.keys) {
        if (sameKey(given, key.key))
            return key.name;
    }
    return std::nullopt;
}

void Gateway::handle(const HttpRequest &request, HttpResponse *response)
{
    QElapsedTimer clock;
    clock.start();
    const QByteArray path = request.path();
    const ErrorShape::Api api = path.startsWith("/v1/messages") ? ErrorShape::Api::Anthropic : ErrorShape::Api::OpenAi;
    const bool post = request.method == "POST";
    const bool get = request.method == "GET" || request.method == "HEAD";

    if (path == "/health" && get) {
        response->send(200, {{"Content-Type", "application/json"}}, QByteArrayLiteral("{\"status\":\"ok\"}"));
        finishSimple(request, response, clock);
        return;
    }
    const std::optional<QString> keyName = authorize(request);
    if (!keyName) {
        sendError(response, api, ErrorShape::request(Error::Kind::Authentication, tr("missing or wrong gateway API key"), QStringLiteral("invalid_api_key")));
        finishSimple(request, response, clock);
        return;
    }
    std::optional<Exchange::Kind> kind;
    if (path == "/v1/chat/completions" || path == "/chat/completions")
        kind = Exchange::Kind::Chat;
    else if (path == "/v1/messages")
        kind = Exchange::Kind::Messages;
    else if (path == "/v1/completions" || path == "/completions")
        kind = Exchange::Kind::Completion;
    else if (path == "/v1/embeddings" || path == "/embeddings")
        kind = Exchange::Kind::Embeddings;
    if (kind && post) {
        auto *exchange = new Exchange(this, *kind, request, response, *keyName);
        exchange->start();
        return;
    }
    if (path == "/metrics" && get) {
        response->send(200, {{"Content-Type", "text/plain; version=0.0.4; charset=utf-8"}}, m_metrics.text());
        finishSimple(request, response, clock);
        return;
    }
    if ((path == "/v1/models" || path.startsWith("/v1/models/")) && get) {
        const QString id = path.size() > 11 ? QUrl::fromPercentEncoding(path.mid(11)) : QString();
        serveModels(request, response, id);
        return;
    }
    const bool known = kind || path == "/metrics" || path == "/v1/models" || path.startsWith("/v1/models/");
    Error error = known ? ErrorShape::request(Error::Kind::BadRequest, tr("%1 is not allowed on %2").arg(QString::fromLatin1(request.method), QString::fromUtf8(path)),
                                              QStringLiteral("method_not_allowed"))
                        : ErrorShape::request(Error::Kind::NotFound, tr("no route %1 %2").arg(QString::fromLatin1(request.method), QString::fromUtf8(path)),
                                              QStringLiteral("unknown_route"));
    HttpHeaders headers{{"Content-Type", "application/json"}};
    const int status = known ? 405 : 404;
    response->send(status, headers, QJsonDocument(ErrorShape::body(api, error)).toJson(QJsonDocument::Compact));
    finishSimple(request, response, clock);
}

void Gateway::serveModels(const HttpRequest &request, HttpResponse *response, const QString &id)
{
    QElapsedTimer clock;
    clock.start();
    QPointer<HttpResponse> target(response);
    auto answer = [this, request, target, id, clock] {
        if (!target)
            return;
        ModelList models;
        for (const QString &provider : listedProviders()) {
            if (m_catalogue->listedAt(provider))
                models += m_catalogue->models(provider);
        }
        if (id.isEmpty()) {
            QJsonArray data;
            for (const ModelInfo &model : models)
                data.append(model.toJson());
            const QJsonObject body{{QLatin1String("object"), QLatin1String("list")}, {QLatin1String("data"), data}};
            target->send(200, {{"Content-Type", "application/json"}}, QJsonDocument(body).toJson(QJsonDocument::Compact));
        } else {
            const auto found = std::find_if(models.begin(), models.end(), [&](const ModelInfo &model) {
                return model.provider + QLatin1Char('/') + model.id == id;
            });
            if (found == models.end()) {
                Error error = ErrorShape::request(Error::Kind::NotFound, tr("no model \"%1\" in any configured provider's listing").arg(id),
                                                  QStringLiteral("model_not_found"), QStringLiteral("model"));
                target->send(404, {{"Content-Type", "application/json"}},
                             QJsonDocument(ErrorShape::body(ErrorShape::Api::OpenAi, error)).toJson(QJsonDocument::Compact));
            } else {
                target->send(200, {{"Content-Type", "application/json"}}, QJsonDocument(found->toJson()).toJson(QJsonDocument::Compact));
            }
        }
        finishSimple(request, target, clock);
    };
    // A refresh under way already covers this request; a second one would ask the same providers twice.
    if (!m_catalogue->isRefreshing())
        m_catalogue->refresh(listedProviders());
    if (m_catalogue->isRefreshing())
        connect(m_catalogue, &ModelCatalogue::refreshFinished, response, answer, Qt::SingleShotConnection);
    else
        answer();
}

QStringList Gateway::listedProviders() const
{
    QStringList ids;
    for (const QString &id : m_catalogue->listableProviders()) {
        const std::optional<ProviderInfo> info = m_client->provider(id);
        // A local server (Ollama, llama.cpp) is listed only when the user pointed at one.
        if (info && info->local && m_client->configuration().baseUrl(*info) == info->defaultBaseUrl)
            continue;
        ids.append(id);
    }
    return ids;
}

void Gateway::finishSimple(const HttpRequest &request, HttpResponse *response, const QElapsedTimer &clock)
{
    log(QJsonObject{{QLatin1String("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                    {QLatin1String("method"), QString::fromLatin1(request.method)},
                    {QLatin1String("route"), QString::fromUtf8(request.path())},
                    {QLatin1String("status"), response->status()},
                    {QLatin1String("latency_ms"), double(clock.nsecsElapsed()) / 1e6}});
}

} // namespace muxi::gateway
