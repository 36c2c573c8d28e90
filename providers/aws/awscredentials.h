#pragma once

#include <muxi/muxi_providers_export.h>

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace muxi {

// An AWS access key pair, with the session token of temporary credentials.
// Never printed: `source` says where it came from for messages.
class MUXI_PROVIDERS_TESTS_EXPORT AwsCredentials
{
public:
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;
    // Invalid for long-lived keys.
    QDateTime expiration;
    // "environment", "<file> [<profile>]", "credential_process of profile dev", …
    QString source;

    bool isComplete() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    // Usable for at least `margin` more seconds.
    bool isFresh(qint64 margin) const { return !expiration.isValid() || QDateTime::currentDateTimeUtc().secsTo(expiration) > margin; }

    // As Target::credentials carries them from a TargetPreparation to the adapter.
    QJsonObject toTargetJson() const;
    static AwsCredentials fromTargetJson(const QJsonObject &object);
};

} // namespace muxi
