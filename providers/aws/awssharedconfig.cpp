#include <muxi/providers/awssharedconfig.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>

namespace muxi {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::AwsSharedConfig", text);
}

QHash<QString, QHash<QString, QString>> readIni(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return AwsSharedConfig::parseIni(file.readAll());
}

std::optional<AwsCredentials> credentialsIn(const QHash<QString, QString> &section, const QString &source)
{
    AwsCredentials credentials;
    credentials.accessKeyId = section.value(QStringLiteral("aws_access_key_id"));
    credentials.secretAccessKey = section.value(QStringLiteral("aws_secret_access_key"));
    credentials.sessionToken = section.value(QStringLiteral("aws_session_token"));
    credentials.source = source;
    if (!credentials.isComplete())
        return std::nullopt;
    return credentials;
}
}

AwsSharedConfig::AwsSharedConfig(QProcessEnvironment environment, QString profile)
    : m_environment(std::move(environment))
    , m_explicitProfile(std::move(profile))
{
}

QString AwsSharedConfig::profile() const
{
    if (!m_explicitProfile.isEmpty())
        return m_explicitProfile;
    const QString fromEnvironment = m_environment.value(QStringLiteral("AWS_PROFILE"));
    return fromEnvironment.isEmpty() ? QStringLiteral("default") : fromEnvironment;
}

QString AwsSharedConfig::expandHome(const QString &path) const
{
    if (path != QLatin1String("~") && !path.startsWith(QLatin1String("~/")))
        return path;
    QString home = m_environment.value(QStringLiteral("HOME"));
    if (home.isEmpty())
        home = QDir::homePath();
    return home + path.mid(1);
}

QString AwsSharedConfig::credentialsFilePath() const
{
    const QString path = m_environment.value(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"));
    return expandHome(path.isEmpty() ? QStringLiteral("~/.aws/credentials") : path);
}

QString AwsSharedConfig::configFilePath() const
{
    const QString path = m_environment.value(QStringLiteral("AWS_CONFIG_FILE"));
    return expandHome(path.isEmpty() ? QStringLiteral("~/.aws/config") : path);
}

QHash<QString, QString> AwsSharedConfig::credentialsSection() const
{
    return readIni(credentialsFilePath()).value(profile());
}

QHash<QString, QString> AwsSharedConfig::profileSettings() const
{
    return configSection();
}

QHash<QString, QString> AwsSharedConfig::ssoSession(const QString &name) const
{
    return readIni(configFilePath()).value(QLatin1String("sso-session ") + name);
}

QHash<QString, QString> AwsSharedConfig::configSection() const
{
    // The config file names sections "profile <name>", except [default].
    const QHash<QString, QHash<QString, QString>> sections = readIni(configFilePath());
    const QString name = profile();
    const auto prefixed = sections.constFind(QLatin1String("profile ") + name);
    if (prefixed != sections.constEnd())
        return *prefixed;
    return name == QLatin1String("default") ? sections.value(name) : QHash<QString, QString>();
}

Expected<AwsCredentials> AwsSharedConfig::credentials() const
{
    if (m_explicitProfile.isEmpty()) {
        AwsCredentials fromEnvironment;
        fromEnvironment.accessKeyId = m_environment.value(QStringLiteral("AWS_ACCESS_KEY_ID"));
        fromEnvironment.secretAccessKey = m_environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
        fromEnvironment.sessionToken = m_environment.value(QStringLiteral("AWS_SESSION_TOKEN"));
        fromEnvironment.source = QStringLiteral("environment");
        if (fromEnvironment.isComplete())
            return fromEnvironment;
    }
    const QString name = profile();
    if (auto found = credentialsIn(credentialsSection(), QStringLiteral("%1 [%2]").arg(credentialsFilePath(), name)))
        return *found;
    const QHash<QString, QString> config = configSection();
    if (auto found = credentialsIn(config, QStringLiteral("%1 [%2]").arg(configFilePath(), name)))
        return *found;

    return Error(Error::Kind::Authentication,
                 tr("no keys in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, plus AWS_SESSION_TOKEN for temporary "
                    "credentials) or in profile \"%1\" (AWS_PROFILE picks it) of %2 (AWS_SHARED_CREDENTIALS_FILE) or %3 (AWS_CONFIG_FILE)")
                     .arg(name, credentialsFilePath(), configFilePath()));
}

QString AwsSharedConfig::region() const
{
    for (const char *name : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
        const QString value = m_environment.value(QLatin1String(name)).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return configSection().value(QStringLiteral("region"));
}

QHash<QString, QHash<QString, QString>> AwsSharedConfig::parseIni(const QByteArray &text)
{
    QHash<QString, QHash<QString, QString>> sections;
    QString current;
    bool inSection = false;
    for (const QByteArray &rawLine : text.split('\n')) {
        // Indented lines continue a nested setting ("s3 =\n  max_concurrent_requests = 2").
        if (rawLine.startsWith(' ') || rawLine.startsWith('\t'))
            continue;
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            const qsizetype close = line.indexOf(QLatin1Char(']'));
            inSection = close > 0;
            if (inSection) {
                current = line.mid(1, close - 1).simplified();
                sections[current];
            }
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (!inSection || equals <= 0)
            continue;
        QString value = line.mid(equals + 1);
        // Inline comments need whitespace before them: secrets may contain '#'.
        for (const QLatin1String marker : {QLatin1String(" #"), QLatin1String(" ;"), QLatin1String("\t#"), QLatin1String("\t;")}) {
            const qsizetype at = value.indexOf(marker);
            if (at >= 0)
                value.truncate(at);
        }
        sections[current].insert(line.left(equals).trimmed().toLower(), value.trimmed());
    }
    return sections;
}

} // namespace muxi
