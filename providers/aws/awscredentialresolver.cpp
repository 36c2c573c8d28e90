#include <muxi/providers/awscredentialresolver.h>

#include <muxi/httpexchange.h>

#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QMutex>
#include <QProcess>
#include <QTimer>
#include <QUrlQuery>

namespace muxi {

namespace {
// Kept until this many seconds before expiry, as the SDKs refresh them.
constexpr qint64 refreshMargin = 5 * 60;

QMutex cacheMutex;
QHash<QString, AwsCredentials> &cache()
{
    static QHash<QString, AwsCredentials> credentials;
    return credentials;
}

QDateTime isoTime(QString text)
{
    // The AWS CLI's older SSO cache files end in "UTC" instead of "Z".
    if (text.endsWith(QLatin1String("UTC")))
        text = text.chopped(3) + QLatin1Char('Z');
    QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!when.isValid())
        when = QDateTime::fromString(text, Qt::ISODate);
    return when;
}

// The JSON object credential_process, container and instance metadata endpoints answer with.
std::optional<AwsCredentials> credentialsFromJson(const QJsonObject &object, const QString &source)
{
    AwsCredentials credentials;
    credentials.accessKeyId = object.value(QLatin1String("AccessKeyId")).toString();
    credentials.secretAccessKey = object.value(QLatin1String("SecretAccessKey")).toString();
    credentials.sessionToken = object.value(QLatin1String("SessionToken")).toString();
    if (credentials.sessionToken.isEmpty())
        credentials.sessionToken = object.value(QLatin1String("Token")).toString();
    credentials.expiration = isoTime(object.value(QLatin1String("Expiration")).toString());
    credentials.source = source;
    if (!credentials.isComplete())
        return std::nullopt;
    return credentials;
}

bool isTrue(const QString &value)
{
    return value.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

QString ssoCacheFile(const AwsSharedConfig &shared, const QHash<QString, QString> &profile)
{
    // The CLI names the file after the session name, or for legacy profiles the start URL.
    const QString session = profile.value(QStringLiteral("sso_session"));
    const QString key = session.isEmpty() ? profile.value(QStringLiteral("sso_start_url")) : session;
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
    return shared.expandHome(QStringLiteral("~/.aws/sso/cache/")) + QString::fromLatin1(hash) + QLatin1String(".json");
}

QString ssoRegion(const AwsSharedConfig &shared, const QHash<QString, QString> &profile)
{
    const QString session = profile.value(QStringLiteral("sso_session"));
    return session.isEmpty() ? profile.value(QStringLiteral("sso_region")) : shared.ssoSession(session).value(QStringLiteral("sso_region"));
}

QString containerVariable(const QProcessEnvironment &environment)
{
    for (const char *name : {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"}) {
        if (!environment.value(QLatin1String(name)).isEmpty())
            return QLatin1String(name);
    }
    return {};
}

QUrl instanceMetadataEndpoint(const QProcessEnvironment &environment)
{
    const QString endpoint = environment.value(QStringLiteral("AWS_EC2_METADATA_SERVICE_ENDPOINT"));
    return QUrl(endpoint.isEmpty() ? QStringLiteral("http://169.254.169.254") : endpoint);
}

QUrl under(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}
}

AwsCredentialResolver::AwsCredentialResolver(Target target, QObject *parent)
    : TargetPreparation(parent)
    , m_target(std::move(target))
    , m_shared(m_target.environment, m_target.settings.value(QLatin1String("profile")).toString())
{
}

AwsCredentialResolver::~AwsCredentialResolver()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

void AwsCredentialResolver::clearCache()
{
    QMutexLocker lock(&cacheMutex);
    cache().clear();
}

void AwsCredentialResolver::start(QNetworkAccessManager *network, const Timeouts &timeouts)
{
    m_network = network;
    m_timeouts = timeouts;
    // Queued: listeners hear of the result only after start() returned.
    QMetaObject::invokeMethod(this, &AwsCredentialResolver::resolve, Qt::QueuedConnection);
}

AwsCredentialResolver::Source AwsCredentialResolver::sourceFor(const AwsSharedConfig &shared, const QProcessEnvironment &environment,
                                                               QString *unsupported)
{
    const QHash<QString, QString> profile = shared.profileSettings();
    if (profile.contains(QStringLiteral("credential_process")))
        return Source::Process;
    if (profile.contains(QStringLiteral("sso_session")) || profile.contains(QStringLiteral("sso_start_url")))
        return Source::Sso;
    for (const char *key : {"role_arn", "web_identity_token_file"}) {
        if (profile.contains(QLatin1String(key))) {
            *unsupported = QLatin1String(key);
            return Source::None;
        }
    }
    if (!containerVariable(environment).isEmpty())
        return Source::Container;
    if (!isTrue(environment.value(QStringLiteral("AWS_EC2_METADATA_DISABLED"))))
        return Source::InstanceMetadata;
    return Source::None;
}

void AwsCredentialResolver::resolve()
{
    const Expected<AwsCredentials> keys = m_shared.credentials();
    if (keys) {
        succeed(*keys);
        return;
    }
    QString unsupported;
    const Source source = sourceFor(m_shared, m_target.environment, &unsupported);
    const QHash<QString, QString> profile = m_shared.profileSettings();
    switch (source) {
    case Source::Process:
        m_cacheKey = QLatin1String("process:") + profile.value(QStringLiteral("credential_process"));
        break;
    case Source::Sso:
        m_cacheKey = QLatin1String("sso:") + ssoCacheFile(m_shared, profile) + QLatin1Char(':') + profile.value(QStringLiteral("sso_account_id"))
            + QLatin1Char(':') + profile.value(QStringLiteral("sso_role_name"));
        break;
    case Source::Container:
        m_cacheKey = QLatin1String("container:") + m_target.environment.value(containerVariable(m_target.environment));
        break;
    case Source::InstanceMetadata:
        m_cacheKey = QLatin1String("imds:") + instanceMetadataEndpoint(m_target.environment).toString();
        break;
    case Source::None:
        break;
    }
    if (!m_cacheKey.isEmpty()) {
        QMutexLocker lock(&cacheMutex);
        const auto cached = cache().constFind(m_cacheKey);
        if (cached != cache().constEnd() && cached->isFresh(refreshMargin)) {
            const AwsCredentials credentials = *cached;
            lock.unlock();
            succeed(credentials);
            return;
        }
    }
    switch (source) {
    case Source::Process:
        return runProcess();
    case Source::Sso:
        return fetchSso();
    case Source::Container:
        return fetchContainer();
    case Source::InstanceMetadata:
        return fetchInstanceMetadata();
    case Source::None:
        break;
    }
    if (!unsupported.isEmpty()) {
        failWith(tr("profile \"%1\" uses %2, which Muxi does not resolve; export temporary credentials with "
                    "`aws configure export-credentials --profile %1 --format env`")
                     .arg(m_shared.profile(), unsupported));
        return;
    }
    failWith(lookedAt(tr("no container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI), and instance metadata "
                         "is disabled (AWS_EC2_METADATA_DISABLED)")));
}

QString AwsCredentialResolver::lookedAt(const QString &last) const
{
    return tr("looked in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, plus AWS_SESSION_TOKEN), in profile \"%1\" "
              "of %2 and %3 (keys, credential_process or SSO; AWS_PROFILE picks the profile), then %4")
        .arg(m_shared.profile(), m_shared.credentialsFilePath(), m_shared.configFilePath(), last);
}

void AwsCredentialResolver::runProcess()
{
    const QString command = m_shared.profileSettings().value(QStringLiteral("credential_process"));
    const QString source = tr("credential_process of profile \"%1\"").arg(m_shared.profile());
    QStringList arguments = QProcess::splitCommand(command);
    if (arguments.isEmpty()) {
        failWith(tr("the credential_process of profile \"%1\" is empty").arg(m_shared.profile()));
        return;
    }
    const QString program = arguments.takeFirst();
    m_process = new QProcess(this);
    m_process->setProgram(program);
    m_process->setArguments(arguments);
    m_process->setProcessEnvironment(m_target.environment.isEmpty() ? QProcessEnvironment::systemEnvironment() : m_target.environment);
    connect(m_process, &QProcess::errorOccurred, this, [this, program](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            failWith(tr("the credential_process of profile \"%1\" could not be started (%2): %3")
                         .arg(m_shared.profile(), program, m_process->errorString()));
    });
    connect(m_process, &QProcess::finished, this, [this, source](int exitCode, QProcess::ExitStatus status) {
        // Standard output holds the secret: only standard error ever goes into a message.
        const QString errors = QString::fromUtf8(m_process->readAllStandardError()).simplified().left(300);
        if (status != QProcess::NormalExit || exitCode != 0) {
            failWith(tr("the credential_process of profile \"%1\" failed (exit code %2): %3")
                         .arg(m_shared.profile())
                         .arg(exitCode)
                         .arg(errors.isEmpty() ? tr("no message") : errors));
            return;
        }
        const QJsonObject object = QJsonDocument::fromJson(m_process->readAllStandardOutput()).object();
        if (object.value(QLatin1String("Version")).toInt() != 1) {
            failWith(tr("the credential_process of profile \"%1\" did not print a JSON object with \"Version\": 1").arg(m_shared.profile()));
            return;
        }
        const std::optional<AwsCredentials> credentials = credentialsFromJson(object, source);
        if (!credentials) {
            failWith(tr("the credential_process of profile \"%1\" printed no AccessKeyId and SecretAccessKey").arg(m_shared.profile()));
            return;
        }
        succeed(*credentials);
    });
    if (m_timeouts.firstByte.count() > 0) {
        QTimer::singleShot(m_timeouts.firstByte, this, [this] {
            if (m_done || !m_process)
                return;
            m_process->disconnect(this);
            m_process->kill();
            failWith(tr("the credential_process of profile \"%1\" did not finish within %2 ms")
                         .arg(m_shared.profile())
                         .arg(m_timeouts.firstByte.count()));
        });
    }
    m_process->start();
}

void AwsCredentialResolver::fetchSso()
{
    const QHash<QString, QString> profile = m_shared.profileSettings();
    const QString name = m_shared.profile();
    const QString login = tr("run `aws sso login --profile %1`").arg(name);
    const QString account = profile.value(QStringLiteral("sso_account_id"));
    const QString role = profile.value(QStringLiteral("sso_role_name"));
    const QString region = ssoRegion(m_shared, profile);
    if (account.isEmpty() || role.isEmpty() || region.isEmpty()) {
        failWith(tr("profile \"%1\" names an SSO session but lacks sso_account_id, sso_role_name or sso_region").arg(name));
        return;
    }
    const QString cacheFile = ssoCacheFile(m_shared, profile);
    QFile file(cacheFile);
    if (!file.open(QIODevice::ReadOnly)) {
        failWith(tr("profile \"%1\" uses IAM Identity Center (SSO), but no login is cached in %2; %3").arg(name, cacheFile, login));
        return;
    }
    const QJsonObject token = QJsonDocument::fromJson(file.readAll()).object();
    const QString accessToken = token.value(QLatin1String("accessToken")).toString();
    const QDateTime expiresAt = isoTime(token.value(QLatin1String("expiresAt")).toString());
    if (accessToken.isEmpty() || !expiresAt.isValid()) {
        failWith(tr("the SSO token cache %1 holds no accessToken and expiresAt; %2").arg(cacheFile, login));
        return;
    }
    if (expiresAt <= QDateTime::currentDateTimeUtc()) {
        failWith(tr("the SSO login of profile \"%1\" expired at %2; %3").arg(name, expiresAt.toString(Qt::ISODate), login));
        return;
    }
    const QString override = m_target.environment.value(QStringLiteral("AWS_ENDPOINT_URL_SSO"));
    const QUrl portal(override.isEmpty() ? QStringLiteral("https://portal.sso.%1.amazonaws.com").arg(region) : override);
    HttpRequest request;
    request.method = "GET";
    request.url = under(portal, QStringLiteral("/federation/credentials"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("role_name"), role);
    query.addQueryItem(QStringLiteral("account_id"), account);
    request.url.setQuery(query);
    request.setHeader("x-amz-sso_bearer_token", accessToken.toUtf8());
    request.setHeader("Accept", "application/json");
    fetch(request, m_timeouts, [this, name, login, role, account](const HttpResponse &response) {
        if (response.status == 401 || response.status == 403) {
            failWith(tr("the SSO portal refused the cached login of profile \"%1\" (HTTP %2); %3").arg(name).arg(response.status).arg(login));
            return;
        }
        if (!response.isSuccess()) {
            failWith(tr("the SSO portal answered HTTP %1 for role %2 in account %3: %4")
                         .arg(response.status)
                         .arg(role, account, QString::fromUtf8(response.body.left(300)).simplified()));
            return;
        }
        const QJsonObject roleCredentials = QJsonDocument::fromJson(response.body).object().value(QLatin1String("roleCredentials")).toObject();
        AwsCredentials credentials;
        credentials.accessKeyId = roleCredentials.value(QLatin1String("accessKeyId")).toString();
        credentials.secretAccessKey = roleCredentials.value(QLatin1String("secretAccessKey")).toString();
        credentials.sessionToken = roleCredentials.value(QLatin1String("sessionToken")).toString();
        // Milliseconds since the epoch.
        if (roleCredentials.value(QLatin1String("expiration")).isDouble())
            credentials.expiration = QDateTime::fromMSecsSinceEpoch(roleCredentials.value(QLatin1String("expiration")).toInteger(), Qt::UTC);
        credentials.source = tr("SSO role %1 of profile \"%2\"").arg(role, name);
        if (!credentials.isComplete()) {
            failWith(tr("the SSO portal's answer holds no roleCredentials"));
            return;
        }
        succeed(credentials);
    }, [portal](const QString &why) {
        return didNotAnswer(portal, why);
    });
}

void AwsCredentialResolver::fetchContainer()
{
    const QProcessEnvironment &environment = m_target.environment;
    const QString variable = containerVariable(environment);
    QUrl url;
    if (variable == QLatin1String("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
        url = QUrl(QStringLiteral("http://169.254.170.2") + environment.value(variable));
    } else {
        url = QUrl(environment.value(variable));
        // As the SDKs do: plain HTTP only to this machine or the ECS and EKS agents.
        const QString host = url.host();
        const bool local = host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost") || host == QLatin1String("::1")
            || host == QLatin1String("169.254.170.2") || host == QLatin1String("169.254.170.23") || host == QLatin1String("fd00:ec2::23");
        if (url.scheme() != QLatin1String("https") && !(url.scheme() == QLatin1String("http") && local)) {
            failWith(tr("%1 must be https, or http to a loopback address or the container agent, not %2")
                         .arg(variable, url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
            return;
        }
    }
    HttpRequest request;
    request.method = "GET";
    request.url = url;
    request.setHeader("Accept", "application/json");
    QString authorization;
    const QString tokenFile = environment.value(QStringLiteral("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
    if (!tokenFile.isEmpty()) {
        QFile file(tokenFile);
        if (!file.open(QIODevice::ReadOnly)) {
            failWith(tr("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE %1: %2").arg(tokenFile, file.errorString()));
            return;
        }
        authorization = QString::fromUtf8(file.readAll()).trimmed();
    } else {
        authorization = environment.value(QStringLiteral("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
    }
    if (!authorization.isEmpty())
        request.setHeader("Authorization", authorization.toUtf8());
    const QString where = url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    fetch(request, m_timeouts, [this, variable, where](const HttpResponse &response) {
        if (!response.isSuccess()) {
            failWith(tr("the container credentials endpoint %1 (%2) answered HTTP %3: %4")
                         .arg(where, variable)
                         .arg(response.status)
                         .arg(QString::fromUtf8(response.body.left(300)).simplified()));
            return;
        }
        const std::optional<AwsCredentials> credentials =
            credentialsFromJson(QJsonDocument::fromJson(response.body).object(), tr("container endpoint (%1)").arg(variable));
        if (!credentials) {
            failWith(tr("the container credentials endpoint %1 answered without AccessKeyId and SecretAccessKey").arg(where));
            return;
        }
        succeed(*credentials);
    }, [url](const QString &why) {
        return didNotAnswer(url, why);
    });
}

void AwsCredentialResolver::fetchInstanceMetadata()
{
    const QUrl endpoint = instanceMetadataEndpoint(m_target.environment);
    const QString where = endpoint.toDisplayString(QUrl::RemoveUserInfo);
    // Off EC2 nothing answers at the link-local address: give up as quickly as the SDKs do.
    Timeouts quick;
    quick.connect = std::chrono::milliseconds(1000);
    quick.firstByte = std::chrono::milliseconds(1000);
    quick.idle = std::chrono::milliseconds(1000);
    quick.total = std::chrono::milliseconds(3000);
    auto refused = [this, where](const QString &step, const HttpResponse &response) {
        failWith(lookedAt(tr("instance metadata at %1, whose %2 answered HTTP %3").arg(where, step).arg(response.status)));
    };
    auto unanswered = [this, where](const QString &why) {
        return lookedAt(tr("instance metadata at %1, which did not answer: %2").arg(where, why));
    };
    HttpRequest tokenRequest;
    tokenRequest.method = "PUT";
    tokenRequest.url = under(endpoint, QStringLiteral("/latest/api/token"));
    tokenRequest.setHeader("X-aws-ec2-metadata-token-ttl-seconds", "21600");
    fetch(tokenRequest, quick, [=, this](const HttpResponse &tokenResponse) {
        if (!tokenResponse.isSuccess())
            return refused(tr("token request"), tokenResponse);
        const QByteArray token = tokenResponse.body.trimmed();
        HttpRequest roleRequest;
        roleRequest.method = "GET";
        roleRequest.url = under(endpoint, QStringLiteral("/latest/meta-data/iam/security-credentials/"));
        roleRequest.setHeader("X-aws-ec2-metadata-token", token);
        fetch(roleRequest, quick, [=, this](const HttpResponse &roleResponse) {
            if (!roleResponse.isSuccess())
                return refused(tr("role listing (is an instance profile attached?)"), roleResponse);
            const QString role = QString::fromUtf8(roleResponse.body).split(QLatin1Char('\n')).value(0).trimmed();
            if (role.isEmpty()) {
                failWith(lookedAt(tr("instance metadata at %1, which lists no role: attach an instance profile").arg(where)));
                return;
            }
            HttpRequest credentialsRequest = roleRequest;
            credentialsRequest.url = under(endpoint, QStringLiteral("/latest/meta-data/iam/security-credentials/") + role);
            fetch(credentialsRequest, quick, [=, this](const HttpResponse &response) {
                if (!response.isSuccess())
                    return refused(tr("credentials of role %1").arg(role), response);
                const QJsonObject object = QJsonDocument::fromJson(response.body).object();
                const QString code = object.value(QLatin1String("Code")).toString();
                const std::optional<AwsCredentials> credentials =
                    credentialsFromJson(object, tr("instance metadata (role %1)").arg(role));
                if (!credentials || (!code.isEmpty() && code != QLatin1String("Success"))) {
                    failWith(tr("instance metadata at %1 gave no credentials for role %2 (%3)").arg(where, role, code));
                    return;
                }
                succeed(*credentials);
            }, unanswered);
        }, unanswered);
    }, unanswered);
}

void AwsCredentialResolver::fetch(HttpRequest request, const Timeouts &timeouts, std::function<void(const HttpResponse &)> onAnswer,
                                  std::function<QString(const QString &)> unanswered)
{
    if (m_exchange)
        m_exchange->deleteLater();
    m_exchange = new HttpExchange(m_network, std::move(request), timeouts, this);
    connect(m_exchange, &HttpExchange::finished, this, [this, onAnswer = std::move(onAnswer)](const HttpResponse &response) {
        if (!m_done)
            onAnswer(response);
    });
    connect(m_exchange, &HttpExchange::failed, this, [this, unanswered = std::move(unanswered)](const Error &error) {
        if (!m_done)
            failWith(unanswered(error.message));
    });
    m_exchange->start();
}

QString AwsCredentialResolver::didNotAnswer(const QUrl &url, const QString &why)
{
    return tr("%1 did not answer: %2").arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery), why);
}

void AwsCredentialResolver::succeed(AwsCredentials credentials)
{
    if (m_done)
        return;
    m_done = true;
    if (!m_cacheKey.isEmpty() && credentials.expiration.isValid()) {
        QMutexLocker lock(&cacheMutex);
        cache().insert(m_cacheKey, credentials);
    }
    Target prepared = m_target;
    prepared.credentials = credentials.toTargetJson();
    Q_EMIT ready(prepared);
}

void AwsCredentialResolver::failWith(const QString &reason)
{
    if (m_done)
        return;
    m_done = true;
    QString message = tr("%1: no AWS credentials: %2").arg(m_target.provider.displayName, reason);
    if (m_target.settings.value(QLatin1String("bearer_auth")).toBool())
        message += tr("; or set %1 to an API key").arg(m_target.provider.allKeyVariables().join(tr(" or ")));
    Error error(Error::Kind::Authentication, message);
    error.provider = m_target.provider.id;
    error.model = m_target.model;
    Q_EMIT failed(error);
}

QString AwsCredentialResolver::describe(const Target &target)
{
    const AwsSharedConfig shared(target.environment, target.settings.value(QLatin1String("profile")).toString());
    if (const Expected<AwsCredentials> keys = shared.credentials())
        return keys->source == QLatin1String("environment") ? tr("AWS keys from the environment (AWS_ACCESS_KEY_ID)")
                                                             : tr("AWS keys from %1").arg(keys->source);
    QString unsupported;
    const QHash<QString, QString> profile = shared.profileSettings();
    const QString name = shared.profile();
    switch (sourceFor(shared, target.environment, &unsupported)) {
    case Source::Process:
        return tr("AWS credentials from the credential_process of profile \"%1\", run on first use").arg(name);
    case Source::Sso: {
        const QString file = ssoCacheFile(shared, profile);
        QFile cacheFile(file);
        if (!cacheFile.open(QIODevice::ReadOnly))
            return tr("none yet: profile \"%1\" uses SSO but no login is cached (run `aws sso login --profile %1`)").arg(name);
        const QDateTime expiresAt = isoTime(QJsonDocument::fromJson(cacheFile.readAll()).object().value(QLatin1String("expiresAt")).toString());
        if (!expiresAt.isValid() || expiresAt <= QDateTime::currentDateTimeUtc())
            return tr("none yet: the SSO login of profile \"%1\" expired (run `aws sso login --profile %1`)").arg(name);
        return tr("AWS credentials from SSO, profile \"%1\" (login valid until %2)").arg(name, expiresAt.toString(Qt::ISODate));
    }
    case Source::Container:
        return tr("AWS credentials from the container endpoint (%1)").arg(containerVariable(target.environment));
    case Source::InstanceMetadata:
        return tr("no AWS keys found locally; EC2 instance metadata (%1) is asked on first use")
            .arg(instanceMetadataEndpoint(target.environment).toDisplayString());
    case Source::None:
        break;
    }
    if (!unsupported.isEmpty())
        return tr("none: profile \"%1\" uses %2, which Muxi does not resolve").arg(name, unsupported);
    return tr("none found: no AWS keys in the environment or profile \"%1\", no credential_process, SSO or container endpoint, "
              "instance metadata disabled")
        .arg(name);
}

} // namespace muxi
