#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace muxi::mcp {

// What authorizing against one MCP server produced: the tokens and what is
// needed to refresh them later (the client registration and token endpoint).
class OAuthTokens
{
public:
    QString accessToken;
    QString refreshToken;
    QDateTime expiresAt;
    QString scope;
    QString clientId;
    QString clientSecret;
    QString tokenEndpointAuthMethod;
    QUrl tokenEndpoint;

    bool isEmpty() const { return accessToken.isEmpty(); }

    static OAuthTokens fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

// Where tokens live between runs: a private file for the command line, the
// keychain for the workbench. Keyed by the server's URL. Calls are synchronous:
// a keychain-backed store reads its entries ahead (before sessions start) and
// writes in the background.
class TokenStore
{
public:
    virtual ~TokenStore() = default;
    virtual OAuthTokens load(const QUrl &server) = 0;
    virtual void save(const QUrl &server, const OAuthTokens &tokens) = 0;
};

} // namespace muxi::mcp
