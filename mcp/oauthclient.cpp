#include "oauthclient.h"

#include "loopbackreceiver.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

namespace muxi::mcp {

namespace {
QByteArray randomUrlSafe(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(data.begin(), data.end());
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QUrl origin(const QUrl &url)
{
    QUrl result;
    result.setScheme(url.scheme());
    result.setHost(url.host());
    result.setPort(url.port());
    return result;
}

QUrl withPath(const QUrl &base, const QString &path)
{
    QUrl url = origin(base);
    url.setPath(path);
    return url;
}

// The issuer's path without a trailing slash ("" for a bare host).
QString trimmedPath(const QUrl &url)
{
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

QStringList strings(const QJsonValue &value)
{
    QStringList result;
    for (const QJsonValue &item : value.toArray())
        result.append(item.toString());
    return result;
}
}

OAuthClient::OAuthClient(QUrl server, QNetworkAccessManager *network, TokenStore *store, QObject *parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_network(network ? network : new QNetworkAccessManager(this))
    , m_store(store)
    , m_clientName(QStringLiteral("Muxi"))
{
    if (m_store)
        m_tokens = m_store->load(m_server);
}

OAuthClient::~OAuthClient() = default;

void OAuthClient::setPreRegisteredClient(const QString &clientId, const QString &clientSecret)
{
    m_preClientId = clientId;
    m_preClientSecret = clientSecret;
}

QByteArray OAuthClient::authorizationHeader() const
{
    return m_tokens.accessToken.isEmpty() ? QByteArray() : "Bearer " + m_tokens.accessToken.toUtf8();
}

QHash<QString, QString> OAuthClient::parseChallenge(const QByteArray &wwwAuthenticate)
{
    // Bearer realm="x", scope="a b", resource_metadata="https://…", error=insufficient_scope
    QHash<QString, QString> parameters;
    static const QRegularExpression parameter(QStringLiteral(R"re(([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*)))re"));
    QString text = QString::fromUtf8(wwwAuthenticate).trimmed();
    if (text.startsWith(QLatin1String("Bearer"), Qt::CaseInsensitive))
        text = text.mid(6);
    QRegularExpressionMatchIterator it = parameter.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        QString value = match.captured(2).isNull() ? match.captured(3) : match.captured(2);
        value.replace(QLatin1String("\\\""), QLatin1String("\""));
        parameters.insert(match.captured(1).toLower(), value);
    }
    return parameters;
}

QByteArray OAuthClient::codeChallenge(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Error OAuthClient::failure(const QString &message) const
{
    Error error(Error::Kind::Authentication, tr("authorization failed: %1").arg(message));
    return error;
}

void OAuthClient::authorize(int status, const QByteArray &wwwAuthenticate, std::function<void(std::optional<Error>)> done)
{
    m_waiting.append(std::move(done));
    if (m_waiting.size() > 1)
        return; // already under way; this request waits for the same outcome
    const QHash<QString, QString> challenge = parseChallenge(wwwAuthenticate);
    m_challengeScope = challenge.value(QStringLiteral("scope"));
    // An expired token is refreshed; a token lacking scope needs the user again.
    if (status == 401 && !m_tokens.refreshToken.isEmpty() && m_tokens.tokenEndpoint.isValid()) {
        refresh();
        return;
    }
    QList<QUrl> candidates;
    const QString metadata = challenge.value(QStringLiteral("resource_metadata"));
    if (!metadata.isEmpty())
        candidates.append(QUrl(metadata));
    const QString path = trimmedPath(m_server);
    if (!path.isEmpty())
        candidates.append(withPath(m_server, QStringLiteral("/.well-known/oauth-protected-resource") + path));
    candidates.append(withPath(m_server, QStringLiteral("/.well-known/oauth-protected-resource")));
    discoverResource(candidates);
}

void OAuthClient::getJson(const QUrl &url, JsonHandler onObject, std::function<void()> onMissing)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [reply, onObject = std::move(onObject), onMissing = std::move(onMissing)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonDocument document = QJsonDocument::fromJson(reply->readAll());
        if (status == 200 && document.isObject())
            onObject(document.object());
        else
            onMissing();
    });
}

void OAuthClient::discoverResource(const QList<QUrl> &candidates)
{
    if (candidates.isEmpty()) {
        // A server without protected-resource metadata (MCP 2025-03-26): its own
        // origin is the authorization server.
        m_resourceMetadata = {};
        m_issuer = origin(m_server);
        discoverAuthorizationServer({withPath(m_issuer, QStringLiteral("/.well-known/oauth-authorization-server")),
                                     withPath(m_issuer, QStringLiteral("/.well-known/openid-configuration"))});
        return;
    }
    getJson(
        candidates.first(),
        [this](const QJsonObject &metadata) {
            m_resourceMetadata = metadata;
            const QStringList servers = strings(metadata.value(QLatin1String("authorization_servers")));
            m_issuer = servers.isEmpty() ? origin(m_server) : QUrl(servers.first());
            const QString path = trimmedPath(m_issuer);
            QList<QUrl> candidates;
            if (path.isEmpty()) {
                candidates = {withPath(m_issuer, QStringLiteral("/.well-known/oauth-authorization-server")),
                              withPath(m_issuer, QStringLiteral("/.well-known/openid-configuration"))};
            } else {
                candidates = {withPath(m_issuer, QStringLiteral("/.well-known/oauth-authorization-server") + path),
                              withPath(m_issuer, QStringLiteral("/.well-known/openid-configuration") + path),
                              withPath(m_issuer, path + QStringLiteral("/.well-known/openid-configuration"))};
            }
            discoverAuthorizationServer(candidates);
        },
        [this, candidates] { discoverResource(candidates.mid(1)); });
}

void OAuthClient::discoverAuthorizationServer(const QList<QUrl> &candidates)
{
    if (candidates.isEmpty()) {
        useDefaultEndpoints();
        return;
    }
    getJson(
        candidates.first(),
        [this](const QJsonObject &metadata) {
            m_serverMetadata = metadata;
            registerClient();
        },
        [this, candidates] { discoverAuthorizationServer(candidates.mid(1)); });
}

void OAuthClient::useDefaultEndpoints()
{
    // MCP 2025-03-26's fallback for servers without metadata: fixed paths on the issuer.
    m_serverMetadata = {{QLatin1String("authorization_endpoint"), withPath(m_issuer, QStringLiteral("/authorize")).toString()},
                        {QLatin1String("token_endpoint"), withPath(m_issuer, QStringLiteral("/token")).toString()},
                        {QLatin1String("registration_endpoint"), withPath(m_issuer, QStringLiteral("/register")).toString()}};
    registerClient();
}

void OAuthClient::registerClient()
{
    if (m_serverMetadata.value(QLatin1String("authorization_endpoint")).toString().isEmpty()
        || m_serverMetadata.value(QLatin1String("token_endpoint")).toString().isEmpty()) {
        finish(failure(tr("the authorization server %1 lists no authorization or token endpoint").arg(m_issuer.toDisplayString())));
        return;
    }
    m_receiver = new LoopbackReceiver(this);
    if (!m_receiver->listen()) {
        finish(failure(tr("could not listen on 127.0.0.1 for the browser's redirect")));
        return;
    }
    m_redirectUri = m_receiver->redirectUri();
    m_tokens = OAuthTokens();
    m_tokens.tokenEndpoint = QUrl(m_serverMetadata.value(QLatin1String("token_endpoint")).toString());
    QStringList methods = strings(m_serverMetadata.value(QLatin1String("token_endpoint_auth_methods_supported")));
    if (methods.isEmpty())
        methods = {QStringLiteral("client_secret_basic")}; // RFC 8414's default
    const auto confidentialMethod = [&methods]() -> QString {
        for (const char *method : {"client_secret_basic", "client_secret_post", "none"}) {
            if (methods.contains(QLatin1String(method)))
                return QLatin1String(method);
        }
        return QStringLiteral("none");
    };

    if (!m_preClientId.isEmpty()) {
        m_tokens.clientId = m_preClientId;
        m_tokens.clientSecret = m_preClientSecret;
        m_tokens.tokenEndpointAuthMethod = m_preClientSecret.isEmpty() ? QStringLiteral("none") : confidentialMethod();
        startAuthorization();
        return;
    }
    if (m_serverMetadata.value(QLatin1String("client_id_metadata_document_supported")).toBool() && m_clientMetadataUrl.isValid()) {
        m_tokens.clientId = m_clientMetadataUrl.toString();
        m_tokens.tokenEndpointAuthMethod = QStringLiteral("none");
        startAuthorization();
        return;
    }
    const QUrl registration(m_serverMetadata.value(QLatin1String("registration_endpoint")).toString());
    if (!registration.isValid() || registration.isEmpty()) {
        finish(failure(tr("the authorization server %1 offers no dynamic client registration; configure a client ID").arg(m_issuer.toDisplayString())));
        return;
    }
    const QString method = confidentialMethod();
    const QJsonObject body{{QLatin1String("client_name"), m_clientName},
                           {QLatin1String("redirect_uris"), QJsonArray{m_redirectUri.toString()}},
                           {QLatin1String("grant_types"), QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("refresh_token")}},
                           {QLatin1String("response_types"), QJsonArray{QStringLiteral("code")}},
                           {QLatin1String("token_endpoint_auth_method"), method}};
    QNetworkRequest request(registration);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    QNetworkReply *reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, method] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->readAll();
        const QJsonObject answer = QJsonDocument::fromJson(bytes).object();
        if (status < 200 || status >= 300 || answer.value(QLatin1String("client_id")).toString().isEmpty()) {
            finish(failure(tr("client registration at %1 failed (HTTP %2): %3")
                               .arg(reply->url().toDisplayString())
                               .arg(status)
                               .arg(answer.value(QLatin1String("error_description")).toString(QString::fromUtf8(bytes.left(200))))));
            return;
        }
        m_tokens.clientId = answer.value(QLatin1String("client_id")).toString();
        m_tokens.clientSecret = answer.value(QLatin1String("client_secret")).toString();
        m_tokens.tokenEndpointAuthMethod = answer.value(QLatin1String("token_endpoint_auth_method")).toString(method);
        if (m_tokens.clientSecret.isEmpty())
            m_tokens.tokenEndpointAuthMethod = QStringLiteral("none");
        startAuthorization();
    });
}

void OAuthClient::startAuthorization()
{
    m_verifier = QString::fromLatin1(randomUrlSafe(32));
    m_state = QString::fromLatin1(randomUrlSafe(16));
    QString scope = m_challengeScope;
    if (scope.isEmpty())
        scope = strings(m_resourceMetadata.value(QLatin1String("scopes_supported"))).join(QLatin1Char(' '));
    m_tokens.scope = scope;

    QUrl url(m_serverMetadata.value(QLatin1String("authorization_endpoint")).toString());
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), QString::fromUtf8(QUrl::toPercentEncoding(m_tokens.clientId)));
    query.addQueryItem(QStringLiteral("redirect_uri"), QString::fromUtf8(QUrl::toPercentEncoding(m_redirectUri.toString())));
    query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(codeChallenge(m_verifier.toLatin1())));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    query.addQueryItem(QStringLiteral("state"), m_state);
    query.addQueryItem(QStringLiteral("resource"), QString::fromUtf8(QUrl::toPercentEncoding(m_server.toString())));
    if (!scope.isEmpty())
        query.addQueryItem(QStringLiteral("scope"), QString::fromUtf8(QUrl::toPercentEncoding(scope)));
    url.setQuery(query);

    auto *timeout = new QTimer(m_receiver);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, this, [this] {
        finish(failure(tr("the authorization was not completed in the browser within %1 s").arg(m_authorizationTimeout.count() / 1000)));
    });
    timeout->start(m_authorizationTimeout);
    connect(m_receiver, &LoopbackReceiver::received, this, [this](const QUrlQuery &answer) {
        if (answer.queryItemValue(QStringLiteral("state")) != m_state) {
            finish(failure(tr("the browser came back with a different state; the authorization was not completed")));
            return;
        }
        if (answer.hasQueryItem(QStringLiteral("error"))) {
            const QString description = answer.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded);
            finish(failure(tr("the authorization server refused: %1").arg(description.isEmpty() ? answer.queryItemValue(QStringLiteral("error")) : description)));
            return;
        }
        exchangeCode(answer.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded));
    });

    Q_EMIT authorizationStarted(url);
    QString command = m_browserCommand;
    if (command.isEmpty())
        command = qEnvironmentVariable("BROWSER");
    if (command.isEmpty() && m_urlOpener) {
        m_urlOpener(url);
        return;
    }
    if (command.isEmpty())
        command = QStringLiteral("xdg-open");
    QStringList words = QProcess::splitCommand(command);
    const QString program = words.takeFirst();
    words.append(url.toString(QUrl::FullyEncoded));
    // The user can still open the URL by hand when no browser starts.
    QProcess::startDetached(program, words);
}

void OAuthClient::exchangeCode(const QString &code)
{
    requestToken({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                  {QStringLiteral("code"), code},
                  {QStringLiteral("redirect_uri"), m_redirectUri.toString()},
                  {QStringLiteral("code_verifier"), m_verifier},
                  {QStringLiteral("resource"), m_server.toString()}},
                 false);
}

void OAuthClient::refresh()
{
    requestToken({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                  {QStringLiteral("refresh_token"), m_tokens.refreshToken},
                  {QStringLiteral("resource"), m_server.toString()}},
                 true);
}

void OAuthClient::requestToken(QList<std::pair<QString, QString>> form, bool refreshing)
{
    QNetworkRequest request(m_tokens.tokenEndpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    const QString method = m_tokens.tokenEndpointAuthMethod;
    if (method == QLatin1String("client_secret_basic")) {
        // RFC 6749 2.3.1: both parts form-urlencoded before joining.
        const QByteArray credentials = QUrl::toPercentEncoding(m_tokens.clientId) + ':' + QUrl::toPercentEncoding(m_tokens.clientSecret);
        request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
    } else {
        form.append({QStringLiteral("client_id"), m_tokens.clientId});
        if (method == QLatin1String("client_secret_post"))
            form.append({QStringLiteral("client_secret"), m_tokens.clientSecret});
    }
    QByteArray body;
    for (const auto &[name, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    QNetworkReply *reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, refreshing] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->readAll();
        const QJsonObject answer = QJsonDocument::fromJson(bytes).object();
        const QString accessToken = answer.value(QLatin1String("access_token")).toString();
        if (status != 200 || accessToken.isEmpty()) {
            if (refreshing) {
                // The refresh token is no good any more: start over with the user.
                m_tokens = OAuthTokens();
                QList<QUrl> candidates;
                const QString path = trimmedPath(m_server);
                if (!path.isEmpty())
                    candidates.append(withPath(m_server, QStringLiteral("/.well-known/oauth-protected-resource") + path));
                candidates.append(withPath(m_server, QStringLiteral("/.well-known/oauth-protected-resource")));
                discoverResource(candidates);
                return;
            }
            const QString description = answer.value(QLatin1String("error_description")).toString(answer.value(QLatin1String("error")).toString());
            finish(failure(tr("the token endpoint answered HTTP %1: %2").arg(status).arg(description.isEmpty() ? QString::fromUtf8(bytes.left(200)) : description)));
            return;
        }
        m_tokens.accessToken = accessToken;
        if (answer.contains(QLatin1String("refresh_token")))
            m_tokens.refreshToken = answer.value(QLatin1String("refresh_token")).toString();
        const qint64 expiresIn = answer.value(QLatin1String("expires_in")).toInteger(0);
        m_tokens.expiresAt = expiresIn > 0 ? QDateTime::currentDateTimeUtc().addSecs(expiresIn) : QDateTime();
        if (answer.contains(QLatin1String("scope")))
            m_tokens.scope = answer.value(QLatin1String("scope")).toString();
        if (m_store)
            m_store->save(m_server, m_tokens);
        finish(std::nullopt);
    });
}

void OAuthClient::finish(std::optional<Error> error)
{
    if (m_receiver) {
        m_receiver->deleteLater();
        m_receiver = nullptr;
    }
    const QList<std::function<void(std::optional<Error>)>> waiting = std::exchange(m_waiting, {});
    for (const auto &done : waiting)
        done(error);
}

} // namespace muxi::mcp
