#pragma once

#include "accesslog.h"
#include "errorshape.h"
#include "gatewaysettings.h"
#include "httplimits.h"
#include "httpresponse.h"
#include "metrics.h"
#include "pricebook.h"

#include <muxi/client.h>
#include <muxi/modelcatalogue.h>

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

namespace muxi::gateway {

class HttpRequest;
class HttpServer;
class SharedState;

// `muxi serve`: OpenAI- and Anthropic-compatible HTTP endpoints in front of
// a Client, so any program speaking either API reaches every provider with
// Muxi's fallbacks, retries and keys.
class Gateway : public QObject
{
    Q_OBJECT

public:
    explicit Gateway(Client *client, QObject *parent = nullptr);
    ~Gateway() override;

    // Clients must send this key (Authorization: Bearer or x-api-key); empty: no key asked.
    void setApiKey(const QString &key);
    void setAccessLog(AccessLog *log) { m_accessLog = log; }
    void setSettings(const GatewaySettings &settings);
    const GatewaySettings &settings() const { return m_settings; }
    // Cooldowns and counters: this process's own, or shared through Redis (SharedState::useRedis).
    SharedState *sharedState() const { return m_shared; }
    // True when clients must present a key (--api-key or named keys).
    bool requiresKey() const { return !m_apiKey.isEmpty() || !m_settings.keys.isEmpty(); }

    bool listen(const QHostAddress &address, quint16 port, const HttpLimits &limits);
    QString errorString() const { return m_errorString; }
    quint16 port() const;

    Client *client() const { return m_client; }
    Metrics &metrics() { return m_metrics; }
    const PriceBook &prices() const { return m_prices; }
    int requestsInFlight() const { return m_metrics.inFlight(); }
    qint64 requestsServed() const { return m_metrics.requestsTotal(); }

    // Keys of every kind removed from an error before a client or log sees it.
    void redact(Error &error) const;
    void log(const QJsonObject &entry);
    void sendError(HttpResponse *response, ErrorShape::Api api, const Error &error);

    // Used by Exchange.
    void exchangeStarted();
    void exchangeFinished(const QString &provider, int status, double seconds, const std::optional<Usage> &usage);

Q_SIGNALS:
    void requestsInFlightChanged();

private:
    void handle(const HttpRequest &request, HttpResponse *response);
    // The name of the key the client presented ("" for the --api-key one or when none is needed); nullopt: refused.
    std::optional<QString> authorize(const HttpRequest &request) const;
    void serveModels(const HttpRequest &request, HttpResponse *response, const QString &id);
    // Providers whose listings GET /v1/models shows.
    QStringList listedProviders() const;
    void finishSimple(const HttpRequest &request, HttpResponse *response, const QElapsedTimer &clock);

    Client *m_client;
    QString m_apiKey;
    AccessLog *m_accessLog = nullptr;
    PriceBook m_prices;
    GatewaySettings m_settings;
    SharedState *m_shared;
    Metrics m_metrics;
    HttpServer *m_server = nullptr;
    ModelCatalogue *m_catalogue = nullptr;
    QString m_errorString;
};

} // namespace muxi::gateway
