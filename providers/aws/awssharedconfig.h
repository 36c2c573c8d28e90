#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/awscredentials.h>

#include <muxi/expected.h>

#include <QHash>
#include <QProcessEnvironment>
#include <QString>

namespace muxi {

// The settings the AWS CLI and SDKs share: AWS_* variables and the shared
// credentials and config files with their named profiles
// (docs.aws.amazon.com/sdkref/latest/guide/file-format.html). The long-lived
// keys found here; AwsCredentialResolver goes on to the sources that fetch.
class MUXI_PROVIDERS_TESTS_EXPORT AwsSharedConfig
{
public:
    // `profile` set explicitly wins over AWS_PROFILE and over the key variables.
    explicit AwsSharedConfig(QProcessEnvironment environment, QString profile = {});

    QString profile() const;
    QString credentialsFilePath() const;
    QString configFilePath() const;

    // AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN unless a
    // profile was named explicitly, then the profile in the credentials file,
    // then in the config file. The error says what was looked at.
    Expected<AwsCredentials> credentials() const;
    // AWS_REGION, AWS_DEFAULT_REGION, then the profile's `region`; empty when none.
    QString region() const;
    // The profile's settings in the config file ("[profile <name>]", or [default]).
    QHash<QString, QString> profileSettings() const;
    // An "[sso-session <name>]" section of the config file.
    QHash<QString, QString> ssoSession(const QString &name) const;
    // `path` with a leading "~" as the HOME of the environment.
    QString expandHome(const QString &path) const;

    // name -> (key -> value). Keys are lower-cased; indented sub-settings and comments are skipped.
    static QHash<QString, QHash<QString, QString>> parseIni(const QByteArray &text);

private:
    QHash<QString, QString> credentialsSection() const;
    QHash<QString, QString> configSection() const;

    QProcessEnvironment m_environment;
    QString m_explicitProfile;
};

} // namespace muxi
