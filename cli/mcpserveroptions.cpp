#include "mcpserveroptions.h"

#include <oauthclient.h>


#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace muxi::cli {

using namespace mcp;

McpServerOptions::McpServerOptions(const QString &serverOption, const QString &urlOption, const QString &prefix)
    : m_server(serverOption, tr("An MCP server to run over stdio: \"COMMAND ARGS…\" (repeatable)."), tr("command"))
    , m_url(urlOption, tr("An MCP server reached over Streamable HTTP (repeatable)."), tr("url"))
    , m_env(prefix + QStringLiteral("env"), tr("NAME=VALUE passed to the stdio servers' environment (repeatable)."), tr("name=value"))
    , m_header(prefix + QStringLiteral("header"), tr("\"Name: value\" sent to the HTTP servers (repeatable)."), tr("header"))
    , m_initTimeout(prefix + QStringLiteral("init-timeout"), tr("Seconds a server has to answer initialize (default 20)."), tr("seconds"))
    , m_callTimeout(prefix + QStringLiteral("call-timeout"), tr("Seconds a tool call may take (default 120)."), tr("seconds"))
    , m_elicit(QStringLiteral("elicit"), tr("Answer servers' questions with the form's defaults or decline them (default decline)."),
               tr("defaults|decline"), QStringLiteral("decline"))
    , m_verbose(prefix + QStringLiteral("verbose"), tr("Print the servers' log messages and tool progress to stderr."))
    , m_clientId(prefix + QStringLiteral("oauth-client-id"),
                 tr("OAuth client ID registered for Muxi with the HTTP servers' authorization server (secret in MUXI_MCP_CLIENT_SECRET)."),
                 tr("id"))
    , m_clientMetadata(prefix + QStringLiteral("oauth-client-metadata-url"),
                       tr("https URL of a client ID metadata document naming Muxi, for authorization servers that accept one."), tr("url"))
{
}

void McpServerOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_server, m_url, m_env, m_header, m_initTimeout, m_callTimeout, m_elicit, m_verbose, m_clientId, m_clientMetadata});
}

namespace {
std::optional<std::chrono::milliseconds> seconds(const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value <= 0)
        return std::nullopt;
    return std::chrono::milliseconds(qint64(value * 1000));
}
}

Expected<QList<McpServerConfig>> McpServerOptions::servers(const QCommandLineParser &parser) const
{
    QHash<QString, QString> environment;
    for (const QString &entry : parser.values(m_env)) {
        const qsizetype equals = entry.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return Error(Error::Kind::BadRequest, tr("--%1 takes NAME=VALUE, not \"%2\"").arg(m_env.names().first(), entry));
        environment.insert(entry.left(equals), entry.mid(equals + 1));
    }
    QList<std::pair<QByteArray, QByteArray>> headers;
    for (const QString &entry : parser.values(m_header)) {
        const qsizetype colon = entry.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return Error(Error::Kind::BadRequest, tr("--%1 takes \"Name: value\", not \"%2\"").arg(m_header.names().first(), entry));
        headers.append({entry.left(colon).trimmed().toUtf8(), entry.mid(colon + 1).trimmed().toUtf8()});
    }
    std::optional<std::chrono::milliseconds> initTimeout;
    if (parser.isSet(m_initTimeout) && !(initTimeout = seconds(parser.value(m_initTimeout))))
        return Error(Error::Kind::BadRequest, tr("--%1 takes a positive number of seconds").arg(m_initTimeout.names().first()));
    std::optional<std::chrono::milliseconds> callTimeout;
    if (parser.isSet(m_callTimeout) && !(callTimeout = seconds(parser.value(m_callTimeout))))
        return Error(Error::Kind::BadRequest, tr("--%1 takes a positive number of seconds").arg(m_callTimeout.names().first()));

    QList<McpServerConfig> configs;
    for (const QString &command : parser.values(m_server)) {
        McpServerConfig config = McpServerConfig::fromCommandLine(command);
        if (config.program.isEmpty())
            return Error(Error::Kind::BadRequest, tr("--%1 needs a command").arg(m_server.names().first()));
        config.environment = environment;
        configs.append(config);
    }
    for (const QString &text : parser.values(m_url)) {
        const QUrl url(text, QUrl::StrictMode);
        McpServerConfig config = McpServerConfig::fromUrl(url);
        if (!config.isValid())
            return Error(Error::Kind::BadRequest, tr("--%1 takes an http(s) URL, not \"%2\"").arg(m_url.names().first(), text));
        config.headers = headers;
        configs.append(config);
    }
    for (McpServerConfig &config : configs) {
        if (initTimeout)
            config.initializeTimeout = *initTimeout;
        if (callTimeout)
            config.requestTimeout = *callTimeout;
    }
    return configs;
}

Expected<McpSession::ElicitationPolicy> McpServerOptions::elicitation(const QCommandLineParser &parser) const
{
    const QString value = parser.value(m_elicit);
    if (value == QLatin1String("defaults"))
        return McpSession::ElicitationPolicy::Defaults;
    if (value == QLatin1String("decline"))
        return McpSession::ElicitationPolicy::Decline;
    return Error(Error::Kind::BadRequest, tr("--elicit takes defaults or decline, not \"%1\"").arg(value));
}

std::optional<Error> McpServerOptions::start(CommandContext &context, const QCommandLineParser &parser,
                                             std::vector<std::unique_ptr<McpSession>> &sessions)
{
    const Expected<QList<McpServerConfig>> configs = servers(parser);
    if (!configs) {
        Error error = configs.error();
        error.code = QStringLiteral("usage");
        return error;
    }
    const Expected<McpSession::ElicitationPolicy> policy = elicitation(parser);
    if (!policy) {
        Error error = policy.error();
        error.code = QStringLiteral("usage");
        return error;
    }
    const bool verbose = parser.isSet(m_verbose);
    // Every server starts at once; the slowest one sets the wait.
    for (const McpServerConfig &config : *configs) {
        auto session = std::make_unique<McpSession>(config, context.client.networkAccessManager());
        session->setElicitationPolicy(*policy);
        session->setRoots({McpRoot{QUrl::fromLocalFile(QDir::currentPath()), QStringLiteral("current directory")}});
        if (config.transport == McpServerConfig::Transport::Http) {
            auto *oauth = new OAuthClient(config.url, context.client.networkAccessManager(), &m_tokens, session.get());
            if (parser.isSet(m_clientId))
                oauth->setPreRegisteredClient(parser.value(m_clientId), qEnvironmentVariable("MUXI_MCP_CLIENT_SECRET"));
            if (parser.isSet(m_clientMetadata))
                oauth->setClientMetadataUrl(QUrl(parser.value(m_clientMetadata)));
            const QString serverName = session->name();
            QObject::connect(oauth, &OAuthClient::authorizationStarted, oauth, [&context, serverName](const QUrl &url) {
                context.err << "muxi: " << tr("%1 asks for authorization; continue in your browser: %2").arg(serverName, url.toString(QUrl::FullyEncoded))
                            << Qt::endl;
            });
            session->setAuthorizer(oauth);
        }
        if (verbose) {
            McpSession *raw = session.get();
            QObject::connect(raw, &McpSession::logMessage, raw, [&context, raw](const QString &level, const QString &logger, const QJsonValue &data) {
                const QString text = data.isString() ? data.toString() : QString::fromUtf8(QJsonDocument(QJsonArray{data}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
                context.err << "muxi: [" << raw->name() << (logger.isEmpty() ? QString() : QLatin1Char(' ') + logger) << "] " << level << ": " << text << Qt::endl;
            });
        }
        session->start();
        sessions.push_back(std::move(session));
    }
    for (const std::unique_ptr<McpSession> &session : sessions) {
        if (!session->waitForReady())
            return session->failure();
    }
    return std::nullopt;
}

void McpServerOptions::closeAll(std::vector<std::unique_ptr<McpSession>> &sessions)
{
    for (const std::unique_ptr<McpSession> &session : sessions) {
        if (session->state() == McpSession::State::Ready)
            session->waitForClosed();
    }
    sessions.clear();
}

} // namespace muxi::cli
