#include "oauthtokens.h"

namespace muxi::mcp {

OAuthTokens OAuthTokens::fromJson(const QJsonObject &object)
{
    OAuthTokens tokens;
    tokens.accessToken = object.value(QLatin1String("access_token")).toString();
    tokens.refreshToken = object.value(QLatin1String("refresh_token")).toString();
    tokens.expiresAt = QDateTime::fromString(object.value(QLatin1String("expires_at")).toString(), Qt::ISODate);
    tokens.scope = object.value(QLatin1String("scope")).toString();
    tokens.clientId = object.value(QLatin1String("client_id")).toString();
    tokens.clientSecret = object.value(QLatin1String("client_secret")).toString();
    tokens.tokenEndpointAuthMethod = object.value(QLatin1String("token_endpoint_auth_method")).toString();
    tokens.tokenEndpoint = QUrl(object.value(QLatin1String("token_endpoint")).toString());
    return tokens;
}

QJsonObject OAuthTokens::toJson() const
{
    QJsonObject object{{QLatin1String("access_token"), accessToken},
                       {QLatin1String("client_id"), clientId},
                       {QLatin1String("token_endpoint_auth_method"), tokenEndpointAuthMethod},
                       {QLatin1String("token_endpoint"), tokenEndpoint.toString()}};
    if (!refreshToken.isEmpty())
        object.insert(QLatin1String("refresh_token"), refreshToken);
    if (expiresAt.isValid())
        object.insert(QLatin1String("expires_at"), expiresAt.toString(Qt::ISODate));
    if (!scope.isEmpty())
        object.insert(QLatin1String("scope"), scope);
    if (!clientSecret.isEmpty())
        object.insert(QLatin1String("client_secret"), clientSecret);
    return object;
}

} // namespace muxi::mcp
