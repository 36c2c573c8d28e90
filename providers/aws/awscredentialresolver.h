#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/awscredentials.h>
#include <muxi/providers/awssharedconfig.h>

#include <muxi/httpmessage.h>
#include <muxi/targetpreparation.h>

#include <QPointer>
#include <QStringList>

#include <functional>

class QProcess;

namespace muxi {

class HttpExchange;

// The AWS SDKs' default credential chain
// (docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html), in
// their order, the first source that is configured deciding:
//   1. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN;
//   2. the profile's keys in the shared credentials or config file;
//   3. the profile's credential_process: run with QProcess, its standard
//      output a JSON object with Version 1, AccessKeyId, SecretAccessKey,
//      SessionToken and Expiration;
//   4. the profile's IAM Identity Center (SSO) settings: the token the AWS CLI
//      cached in ~/.aws/sso/cache/<sha1 of the session name or start URL>.json,
//      exchanged at the portal's GetRoleCredentials
//      (GET /federation/credentials; AWS_ENDPOINT_URL_SSO overrides the
//      endpoint https://portal.sso.<sso_region>.amazonaws.com);
//   5. the container endpoint: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (under
//      http://169.254.170.2) or _FULL_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE
//      or _TOKEN as the Authorization header;
//   6. EC2 instance metadata, IMDSv2: a token from PUT /latest/api/token, then
//      the role under /latest/meta-data/iam/security-credentials/ and its
//      credentials (AWS_EC2_METADATA_SERVICE_ENDPOINT overrides
//      http://169.254.169.254; AWS_EC2_METADATA_DISABLED=true skips it).
// Fetched credentials are kept per source until five minutes before they
// expire. When nothing answers, the error lists every place looked at.
class MUXI_PROVIDERS_TESTS_EXPORT AwsCredentialResolver : public TargetPreparation
{
    Q_OBJECT

public:
    explicit AwsCredentialResolver(Target target, QObject *parent = nullptr);
    ~AwsCredentialResolver() override;

    void start(QNetworkAccessManager *network, const Timeouts &timeouts) override;

    // Where the chain would take credentials from for `target`, without
    // fetching anything: for `muxi models`.
    static QString describe(const Target &target);
    // Forgets fetched credentials (tests, and a user who logged in again).
    static void clearCache();

private:
    enum class Source { Process, Sso, Container, InstanceMetadata, None };

    static Source sourceFor(const AwsSharedConfig &shared, const QProcessEnvironment &environment, QString *unsupported);
    void resolve();
    void runProcess();
    void fetchSso();
    void fetchContainer();
    void fetchInstanceMetadata();
    // `unanswered` turns a transport failure's text into the reason reported.
    void fetch(HttpRequest request, const Timeouts &timeouts, std::function<void(const HttpResponse &)> onAnswer,
               std::function<QString(const QString &)> unanswered);
    static QString didNotAnswer(const QUrl &url, const QString &why);
    void succeed(AwsCredentials credentials);
    void failWith(const QString &reason);
    // "the environment …, profile …, …": every place the chain looked.
    QString lookedAt(const QString &last) const;

    Target m_target;
    AwsSharedConfig m_shared;
    QNetworkAccessManager *m_network = nullptr;
    Timeouts m_timeouts;
    QString m_cacheKey;
    QPointer<HttpExchange> m_exchange;
    QPointer<QProcess> m_process;
    bool m_done = false;
};

} // namespace muxi
