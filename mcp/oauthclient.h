#pragma once

#include "httpauthorizer.h"
#include "oauthtokens.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace muxi::mcp {

class LoopbackReceiver;

// OAuth 2.1 for one remote MCP server, as the MCP authorization spec asks:
// protected-resource metadata (RFC 9728, from WWW-Authenticate or the
// well-known URLs), authorization-server metadata (RFC 8414, then OpenID
// discovery), a client that is pre-registered, named by a client ID metadata
// document, or registered dynamically (RFC 7591), then the authorization code
// with PKCE S256 and the `resource` parameter through the user's browser and
// a loopback redirect, the token endpoint with the auth method the server
// lists, and refresh. Tokens go to a TokenStore.
class OAuthClient : public QObject, public HttpAuthorizer
{
    Q_OBJECT

public:
    OAuthClient(QUrl server, QNetworkAccessManager *network, TokenStore *store, QObject *parent = nullptr);
    ~OAuthClient() override;

    // A client the user registered with the authorization server beforehand.
    void setPreRegisteredClient(const QString &clientId, const QString &clientSecret = {});
    // The https URL of Muxi's client ID metadata document, used where the server accepts one.
    void setClientMetadataUrl(const QUrl &url) { m_clientMetadataUrl = url; }
    void setClientName(const QString &name) { m_clientName = name; }
    // The command that opens the authorization URL (the URL is appended);
    // default $BROWSER, else xdg-open.
    void setBrowserCommand(const QString &command) { m_browserCommand = command; }
    // Opens the authorization URL instead of a command: the workbench passes
    // QDesktopServices::openUrl here when $BROWSER is not set.
    void setUrlOpener(std::function<void(const QUrl &url)> opener) { m_urlOpener = std::move(opener); }
    // How long the user has to finish in the browser.
    void setAuthorizationTimeout(std::chrono::milliseconds timeout) { m_authorizationTimeout = timeout; }

    QByteArray authorizationHeader() const override;
    void authorize(int status, const QByteArray &wwwAuthenticate, std::function<void(std::optional<Error>)> done) override;

    // The parameters of a Bearer challenge: resource_metadata, scope, error…
    static QHash<QString, QString> parseChallenge(const QByteArray &wwwAuthenticate);
    static QByteArray codeChallenge(const QByteArray &verifier);

Q_SIGNALS:
    // The user is expected in the browser now (the workbench says so; the CLI prints the URL).
    void authorizationStarted(const QUrl &url);

private:
    using JsonHandler = std::function<void(const QJsonObject &object)>;
    void refresh();
    void discoverResource(const QList<QUrl> &candidates);
    void discoverAuthorizationServer(const QList<QUrl> &candidates);
    void useDefaultEndpoints();
    void registerClient();
    void startAuthorization();
    void exchangeCode(const QString &code);
    void requestToken(QList<std::pair<QString, QString>> form, bool refreshing);
    void getJson(const QUrl &url, JsonHandler onObject, std::function<void()> onMissing);
    void finish(std::optional<Error> error);
    Error failure(const QString &message) const;

    QUrl m_server;
    QNetworkAccessManager *m_network;
    TokenStore *m_store;
    OAuthTokens m_tokens;
    QString m_preClientId;
    QString m_preClientSecret;
    QUrl m_clientMetadataUrl;
    QString m_clientName;
    QString m_browserCommand;
    std::function<void(const QUrl &url)> m_urlOpener;
    std::chrono::milliseconds m_authorizationTimeout{300'000};

    // One authorization at a time; requests refused meanwhile wait for it.
    QList<std::function<void(std::optional<Error>)>> m_waiting;
    QString m_challengeScope;
    QJsonObject m_resourceMetadata;
    QUrl m_issuer;
    QJsonObject m_serverMetadata;
    QString m_verifier;
    QString m_state;
    QPointer<LoopbackReceiver> m_receiver;
    QUrl m_redirectUri;
};

} // namespace muxi::mcp
