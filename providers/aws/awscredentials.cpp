#include <muxi/providers/awscredentials.h>

namespace muxi {

QJsonObject AwsCredentials::toTargetJson() const
{
    QJsonObject object{{QLatin1String("access_key_id"), accessKeyId},
                       {QLatin1String("secret_access_key"), secretAccessKey},
                       {QLatin1String("source"), source}};
    if (!sessionToken.isEmpty())
        object.insert(QLatin1String("session_token"), sessionToken);
    if (expiration.isValid())
        object.insert(QLatin1String("expiration"), expiration.toString(Qt::ISODate));
    return object;
}

AwsCredentials AwsCredentials::fromTargetJson(const QJsonObject &object)
{
    AwsCredentials credentials;
    credentials.accessKeyId = object.value(QLatin1String("access_key_id")).toString();
    credentials.secretAccessKey = object.value(QLatin1String("secret_access_key")).toString();
    credentials.sessionToken = object.value(QLatin1String("session_token")).toString();
    credentials.source = object.value(QLatin1String("source")).toString();
    credentials.expiration = QDateTime::fromString(object.value(QLatin1String("expiration")).toString(), Qt::ISODate);
    return credentials;
}

} // namespace muxi
