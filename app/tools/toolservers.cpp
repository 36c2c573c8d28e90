#include "toolservers.h"

#include "keystore.h"

#include <mcpelicitation.h>
#include <mcpsession.h>
#include <oauthclient.h>

#include <QCoreApplication>
#include <QDesktopServices>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

namespace muxi {

namespace {

constexpr int defaultMaxSteps = 10;

// Names and values that are secrets as far as anyone can tell: credentials
// in their name, a bearer or basic scheme, or a long opaque token.
bool looksSecret(const QString &name, const QString &value)
{
    static const QRegularExpression secretName(QStringLiteral("(auth|token|secret|key|password|passwd|cookie|credential|session)"),
                                               QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression opaque(QStringLiteral("^[A-Za-z0-9._~+/=:-]{20,}$"));
    static const QRegularExpression scheme(QStringLiteral("^(bearer|basic|token)\\s"), QRegularExpression::CaseInsensitiveOption);
    if (value.isEmpty())
        return false;
    return secretName.match(name).hasMatch() || scheme.match(value).hasMatch() || opaque.match(value).hasMatch();
}

// "NAME=value" or "Name: value" lines into pairs, in order.
QList<std::pair<QString, QString>> parseLines(const QString &text, QChar separator)
{
    QList<std::pair<QString, QString>> pairs;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const qsizetype at = line.indexOf(separator);
        if (line.trimmed().isEmpty() || at <= 0)
            continue;
        pairs.append({line.left(at).trimmed(), line.mid(at + 1).trimmed()});
    }
    return pairs;
}

QString commandLine(const mcp::McpServerConfig &config)
{
    QStringList words{config.program};
    words.append(config.arguments);
    for (QString &word : words) {
        if (word.contains(QLatin1Char(' ')) || word.contains(QLatin1Char('"')) || word.isEmpty())
            word = QLatin1Char('"') + QString(word).replace(QLatin1Char('"'), QLatin1String("\\\"")) + QLatin1Char('"');
    }
    return words.join(QLatin1Char(' '));
}

} // namespace

ToolServers::ToolServers(const QString &settingsFile, KeyStore *keys, QObject *parent)
    : QAbstractListModel(parent)
    , m_settings(settingsFile, QSettings::IniFormat)
    , m_keys(keys)
    , m_tokens(keys)
    , m_urlOpener([](const QUrl &url) {
        QDesktopServices::openUrl(url);
    })
{
    load();
}

ToolServers::~ToolServers()
{
    // Sessions are children: their server processes end with them.
    m_started = false;
}

int ToolServers::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_servers.size());
}

QVariant ToolServers::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Server &server = m_servers.at(size_t(index.row()));
    const mcp::McpServerConfig &config = server.config;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return config.name;
    case IdRole:
        return server.id;
    case TransportRole:
        return config.transport == mcp::McpServerConfig::Transport::Http ? QStringLiteral("http") : QStringLiteral("stdio");
    case CommandRole:
        return config.transport == mcp::McpServerConfig::Transport::Stdio ? commandLine(config) : QString();
    case EnvironmentRole: {
        QStringList lines;
        QStringList names = config.environment.keys();
        names.sort();
        for (const QString &name : std::as_const(names))
            lines.append(name + QLatin1Char('=')
                         + (server.secrets.contains(QLatin1String("env:") + name) ? secretMask : config.environment.value(name)));
        return lines.join(QLatin1Char('\n'));
    }
    case UrlRole:
        return config.url.toString();
    case HeadersRole: {
        QStringList lines;
        for (const auto &[name, value] : config.headers) {
            const QString header = QString::fromUtf8(name);
            lines.append(header + QLatin1String(": ")
                         + (server.secrets.contains(QLatin1String("header:") + header) ? secretMask : QString::fromUtf8(value)));
        }
        return lines.join(QLatin1Char('\n'));
    }
    case EnabledRole:
        return server.enabled;
    case StateRole:
        return stateOf(server);
    case StatusTextRole:
        return statusTextOf(server);
    case ToolCountRole:
        return server.session && server.session->state() == mcp::McpSession::State::Ready ? int(server.session->tools().size()) : 0;
    case ToolsRole: {
        QVariantList tools;
        if (!server.session || server.session->state() != mcp::McpSession::State::Ready)
            return tools;
        for (const mcp::McpTool &tool : server.session->tools()) {
            tools.append(QVariantMap{
                {QStringLiteral("name"), tool.name},
                {QStringLiteral("title"), tool.title},
                {QStringLiteral("description"), tool.description},
                {QStringLiteral("enabled"), !server.disabledTools.contains(tool.name)},
                {QStringLiteral("always"), server.alwaysAllowed.contains(tool.name)},
            });
        }
        return tools;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> ToolServers::roleNames() const
{
    return {
        {IdRole, "serverId"},
        {NameRole, "name"},
        {TransportRole, "transport"},
        {CommandRole, "command"},
        {EnvironmentRole, "environment"},
        {UrlRole, "url"},
        {HeadersRole, "headers"},
        {EnabledRole, "serverEnabled"},
        {StateRole, "serverState"},
        {StatusTextRole, "statusText"},
        {ToolCountRole, "toolCount"},
        {ToolsRole, "tools"},
    };
}

QString ToolServers::stateOf(const Server &server) const
{
    if (!server.enabled)
        return QStringLiteral("disabled");
    if (!server.secretError.isEmpty())
        return QStringLiteral("failed");
    if (!server.session)
        return QStringLiteral("starting");
    switch (server.session->state()) {
    case mcp::McpSession::State::Ready:
        return QStringLiteral("ready");
    case mcp::McpSession::State::Failed:
    case mcp::McpSession::State::Closed:
        return QStringLiteral("failed");
    default:
        return QStringLiteral("starting");
    }
}

QString ToolServers::statusTextOf(const Server &server) const
{
    const QString state = stateOf(server);
    if (state == QLatin1String("disabled"))
        return tr("Disabled");
    if (!server.secretError.isEmpty())
        return tr("Failed: MCP server \"%1\": %2").arg(server.config.name, server.secretError);
    if (state == QLatin1String("starting") && server.authorizing)
        return tr("Waiting for you to sign in with the browser…");
    if (state == QLatin1String("starting"))
        return server.pendingSecrets > 0 ? tr("Starting (reading its secrets from the keychain)…") : tr("Starting…");
    if (state == QLatin1String("ready")) {
        const qsizetype count = server.session->tools().size();
        return count == 1 ? tr("Ready with 1 tool") : tr("Ready with %1 tools").arg(count);
    }
    QString text = server.session->state() == mcp::McpSession::State::Closed ? tr("Failed: the server closed the session")
                                                                             : tr("Failed: %1").arg(server.session->failure().toString());
    // The error quotes what the server said when there was a moment to; otherwise add its last words here.
    const QString stderrTail = server.session->diagnostics().trimmed();
    if (!stderrTail.isEmpty() && !text.contains(stderrTail.right(200)))
        text += QLatin1Char('\n') + tr("The server wrote: %1").arg(stderrTail.right(1000));
    return text;
}

void ToolServers::load()
{
    m_settings.beginGroup(QStringLiteral("mcp"));
    const int count = m_settings.beginReadArray(QStringLiteral("servers"));
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        Server server;
        server.id = m_settings.value(QStringLiteral("id")).toString();
        mcp::McpServerConfig &config = server.config;
        config.name = m_settings.value(QStringLiteral("name")).toString();
        config.transport = m_settings.value(QStringLiteral("transport")).toString() == QLatin1String("http") ? mcp::McpServerConfig::Transport::Http
                                                                                                           : mcp::McpServerConfig::Transport::Stdio;
        config.program = m_settings.value(QStringLiteral("program")).toString();
        config.arguments = m_settings.value(QStringLiteral("arguments")).toStringList();
        const QStringList environment = m_settings.value(QStringLiteral("environment")).toStringList();
        for (const auto &[name, value] : parseLines(environment.join(QLatin1Char('\n')), QLatin1Char('=')))
            config.environment.insert(name, value);
        config.url = QUrl(m_settings.value(QStringLiteral("url")).toString());
        const QStringList headers = m_settings.value(QStringLiteral("headers")).toStringList();
        for (const auto &[name, value] : parseLines(headers.join(QLatin1Char('\n')), QLatin1Char(':')))
            config.headers.append({name.toUtf8(), value.toUtf8()});
        server.secrets = m_settings.value(QStringLiteral("secrets")).toStringList();
        server.enabled = m_settings.value(QStringLiteral("enabled"), true).toBool();
        server.disabledTools = m_settings.value(QStringLiteral("disabledTools")).toStringList();
        server.alwaysAllowed = m_settings.value(QStringLiteral("alwaysAllowed")).toStringList();
        if (!server.id.isEmpty() && config.isValid())
            m_servers.push_back(std::move(server));
    }
    m_settings.endArray();
    m_settings.endGroup();
}

void ToolServers::save()
{
    m_settings.beginGroup(QStringLiteral("mcp"));
    m_settings.remove(QStringLiteral("servers"));
    m_settings.beginWriteArray(QStringLiteral("servers"), int(m_servers.size()));
    for (size_t i = 0; i < m_servers.size(); ++i) {
        const Server &server = m_servers.at(i);
        const mcp::McpServerConfig &config = server.config;
        m_settings.setArrayIndex(int(i));
        m_settings.setValue(QStringLiteral("id"), server.id);
        m_settings.setValue(QStringLiteral("name"), config.name);
        m_settings.setValue(QStringLiteral("transport"),
                            config.transport == mcp::McpServerConfig::Transport::Http ? QStringLiteral("http") : QStringLiteral("stdio"));
        m_settings.setValue(QStringLiteral("program"), config.program);
        m_settings.setValue(QStringLiteral("arguments"), config.arguments);
        // Secrets are named here and kept in the keychain.
        QStringList environment;
        for (auto it = config.environment.begin(); it != config.environment.end(); ++it) {
            if (!server.secrets.contains(QLatin1String("env:") + it.key()))
                environment.append(it.key() + QLatin1Char('=') + it.value());
        }
        m_settings.setValue(QStringLiteral("environment"), environment);
        m_settings.setValue(QStringLiteral("url"), config.url.toString());
        QStringList headers;
        for (const auto &[name, value] : config.headers) {
            const QString header = QString::fromUtf8(name);
            if (!server.secrets.contains(QLatin1String("header:") + header))
                headers.append(header + QLatin1String(": ") + QString::fromUtf8(value));
        }
        m_settings.setValue(QStringLiteral("headers"), headers);
        m_settings.setValue(QStringLiteral("secrets"), server.secrets);
        m_settings.setValue(QStringLiteral("enabled"), server.enabled);
        m_settings.setValue(QStringLiteral("disabledTools"), server.disabledTools);
        m_settings.setValue(QStringLiteral("alwaysAllowed"), server.alwaysAllowed);
    }
    m_settings.endArray();
    m_settings.endGroup();
    m_settings.sync();
}

QString ToolServers::secretKey(const Server &server, const QString &secret) const
{
    return QStringLiteral("mcp/") + server.id + QLatin1Char('/') + secret;
}

void ToolServers::setKeychainError(const QString &message)
{
    if (m_keychainError == message)
        return;
    m_keychainError = message;
    Q_EMIT keychainErrorChanged();
}

void ToolServers::writeSecrets(const Server &server, const QStringList &previous)
{
    for (const QString &secret : server.secrets) {
        QString value;
        if (secret.startsWith(QLatin1String("env:"))) {
            value = server.config.environment.value(secret.mid(4));
        } else {
            const QByteArray name = secret.mid(7).toUtf8();
            for (const auto &[header, headerValue] : server.config.headers) {
                if (header == name)
                    value = QString::fromUtf8(headerValue);
            }
        }
        m_keys->write(secretKey(server, secret), value, [this](bool ok, const QString &message) {
            setKeychainError(ok ? QString() : tr("A server's secret could not be saved in the keychain: %1").arg(message));
        });
    }
    for (const QString &secret : previous) {
        if (!server.secrets.contains(secret))
            m_keys->remove(secretKey(server, secret), [](bool, const QString &) {});
    }
}

void ToolServers::start()
{
    if (m_started)
        return;
    m_started = true;
    for (Server &server : m_servers) {
        // Secrets are read for disabled servers too, so enabling one later can start it.
        if (server.secrets.isEmpty()) {
            startSession(server);
            continue;
        }
        server.pendingSecrets = int(server.secrets.size());
        const QString id = server.id;
        for (const QString &secret : std::as_const(server.secrets)) {
            m_keys->read(secretKey(server, secret), [this, id, secret](bool ok, const QString &value) {
                const int row = rowOfId(id);
                if (row < 0)
                    return;
                Server &s = m_servers.at(size_t(row));
                if (!ok)
                    s.secretError = tr("its secrets could not be read from the keychain (%1)").arg(m_keys->statusText());
                else if (secret.startsWith(QLatin1String("env:")))
                    s.config.environment.insert(secret.mid(4), value);
                else
                    s.config.headers.append({secret.mid(7).toUtf8(), value.toUtf8()});
                if (--s.pendingSecrets == 0 && s.secretError.isEmpty())
                    startSession(s);
                rowChanged(id, {StateRole, StatusTextRole});
            });
        }
    }
}

void ToolServers::startSession(Server &server)
{
    stopSession(server);
    server.secretError.clear();
    server.authorizing = false;
    if (!m_started || !server.enabled || server.pendingSecrets > 0)
        return;
    const bool remote = server.config.transport == mcp::McpServerConfig::Transport::Http;
    const QString serverId = server.id;
    if (remote && !m_tokens.isLoaded(server.config.url)) {
        // The server's OAuth tokens, if any, are read before its session needs them.
        m_tokens.preload(server.config.url, [this, serverId](bool ok) {
            const int row = rowOfId(serverId);
            if (row < 0)
                return;
            if (!ok)
                setKeychainError(tr("Sign-ins to MCP servers cannot be kept: %1").arg(m_keys->statusText()));
            startSession(m_servers.at(size_t(row)));
        });
        rowChanged(serverId, {StateRole, StatusTextRole});
        return;
    }
    auto *session = new mcp::McpSession(server.config, nullptr, this);
    if (remote) {
        // Owned by the session, which is the only one to use it.
        auto *oauth = new mcp::OAuthClient(server.config.url, nullptr, &m_tokens, session);
        oauth->setClientName(QStringLiteral("Muxi Workbench"));
        if (qEnvironmentVariableIsEmpty("BROWSER"))
            oauth->setUrlOpener(m_urlOpener);
        connect(oauth, &mcp::OAuthClient::authorizationStarted, this, [this, serverId] {
            const int row = rowOfId(serverId);
            if (row < 0)
                return;
            m_servers.at(size_t(row)).authorizing = true;
            rowChanged(serverId, {StateRole, StatusTextRole});
        });
        session->setAuthorizer(oauth);
    }
    session->setClientInfo(QStringLiteral("Muxi Workbench"), QCoreApplication::applicationVersion());
    session->setElicitationPolicy(mcp::McpSession::ElicitationPolicy::Ask);
    server.session = session;
    const QString id = server.id;
    const QList<int> statusRoles{StateRole, StatusTextRole, ToolCountRole, ToolsRole};
    connect(session, &mcp::McpSession::stateChanged, this, [this, id, statusRoles](mcp::McpSession::State state) {
        if (const int row = rowOfId(id); row >= 0 && state != mcp::McpSession::State::Starting)
            m_servers.at(size_t(row)).authorizing = false;
        rowChanged(id, statusRoles);
        Q_EMIT toolsChanged();
    });
    connect(session, &mcp::McpSession::toolsChanged, this, [this, id, statusRoles] {
        rowChanged(id, statusRoles);
        Q_EMIT toolsChanged();
    });
    connect(session, &mcp::McpSession::elicitationRequested, this, &ToolServers::onElicitation);
    session->start();
    rowChanged(id, statusRoles);
}

void ToolServers::stopSession(Server &server)
{
    mcp::McpSession *session = server.session;
    server.session = nullptr;
    if (!session)
        return;
    session->disconnect(this);
    // A stdio server gets its stdin closed and time to exit before the session goes.
    connect(session, &mcp::McpSession::closed, session, &QObject::deleteLater);
    if (session->state() == mcp::McpSession::State::Failed || session->state() == mcp::McpSession::State::Closed)
        session->deleteLater();
    else
        session->close();
    Q_EMIT toolsChanged();
}

int ToolServers::rowOfId(const QString &id) const
{
    for (size_t i = 0; i < m_servers.size(); ++i) {
        if (m_servers.at(i).id == id)
            return int(i);
    }
    return -1;
}

int ToolServers::rowOfName(const QString &name) const
{
    for (size_t i = 0; i < m_servers.size(); ++i) {
        if (m_servers.at(i).config.name == name)
            return int(i);
    }
    return -1;
}

void ToolServers::rowChanged(const QString &id, const QList<int> &roles)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at, roles);
}

QString ToolServers::uniqueName(const QString &wanted, const QString &exceptId) const
{
    QString name = wanted;
    for (int n = 2;; ++n) {
        const int row = rowOfName(name);
        if (row < 0 || m_servers.at(size_t(row)).id == exceptId)
            return name;
        name = QStringLiteral("%1 %2").arg(wanted).arg(n);
    }
}

bool ToolServers::fromSpec(const QVariantMap &spec, Server &server, const Server *previous)
{
    mcp::McpServerConfig config;
    const QString url = spec.value(QStringLiteral("url")).toString().trimmed();
    const QString command = spec.value(QStringLiteral("command")).toString().trimmed();
    if (!url.isEmpty()) {
        config = mcp::McpServerConfig::fromUrl(QUrl(url));
        if (!config.isValid()) {
            m_lastError = tr("\"%1\" is not an http or https URL.").arg(url);
            return false;
        }
    } else if (!command.isEmpty()) {
        config = mcp::McpServerConfig::fromCommandLine(command);
        if (spec.contains(QStringLiteral("arguments")))
            config.arguments.append(spec.value(QStringLiteral("arguments")).toStringList());
    } else {
        m_lastError = tr("A server needs a command to run or a URL.");
        return false;
    }
    QStringList secrets;
    // A masked value given back keeps what was stored.
    auto keep = [previous](const QString &secret, const QString &value) -> std::optional<QString> {
        if (value != secretMask || !previous || !previous->secrets.contains(secret))
            return std::nullopt;
        if (secret.startsWith(QLatin1String("env:")))
            return previous->config.environment.value(secret.mid(4));
        for (const auto &[name, stored] : previous->config.headers) {
            if (QString::fromUtf8(name) == secret.mid(7))
                return QString::fromUtf8(stored);
        }
        return std::nullopt;
    };
    const QVariant environment = spec.value(QStringLiteral("environment"));
    QList<std::pair<QString, QString>> variables;
    if (environment.typeId() == QMetaType::QVariantMap) {
        const QVariantMap map = environment.toMap();
        for (auto it = map.begin(); it != map.end(); ++it)
            variables.append({it.key(), it.value().toString()});
    } else {
        variables = parseLines(environment.toString(), QLatin1Char('='));
    }
    for (auto [name, value] : variables) {
        const QString secret = QLatin1String("env:") + name;
        if (const std::optional<QString> stored = keep(secret, value)) {
            value = *stored;
            secrets.append(secret);
        } else if (looksSecret(name, value)) {
            secrets.append(secret);
        }
        config.environment.insert(name, value);
    }
    const QVariant headers = spec.value(QStringLiteral("headers"));
    QList<std::pair<QString, QString>> fields;
    if (headers.typeId() == QMetaType::QVariantMap) {
        const QVariantMap map = headers.toMap();
        for (auto it = map.begin(); it != map.end(); ++it)
            fields.append({it.key(), it.value().toString()});
    } else {
        fields = parseLines(headers.toString(), QLatin1Char(':'));
    }
    for (auto [name, value] : fields) {
        const QString secret = QLatin1String("header:") + name;
        if (const std::optional<QString> stored = keep(secret, value)) {
            value = *stored;
            secrets.append(secret);
        } else if (looksSecret(name, value)) {
            secrets.append(secret);
        }
        config.headers.append({name.toUtf8(), value.toUtf8()});
    }
    QString name = spec.value(QStringLiteral("name")).toString().trimmed();
    if (name.isEmpty())
        name = config.displayName();
    config.name = uniqueName(name, server.id);
    server.config = config;
    server.secrets = secrets;
    server.enabled = spec.value(QStringLiteral("enabled"), previous ? previous->enabled : true).toBool();
    return true;
}

int ToolServers::addServer(const QVariantMap &spec)
{
    Server server;
    server.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!fromSpec(spec, server, nullptr))
        return -1;
    const int row = int(m_servers.size());
    beginInsertRows({}, row, row);
    m_servers.push_back(std::move(server));
    endInsertRows();
    Server &added = m_servers.back();
    writeSecrets(added, {});
    save();
    startSession(added);
    return row;
}

bool ToolServers::updateServer(int row, const QVariantMap &spec)
{
    if (row < 0 || row >= int(m_servers.size()))
        return false;
    Server &current = m_servers.at(size_t(row));
    Server updated = current;
    updated.session = nullptr;
    if (!fromSpec(spec, updated, &current))
        return false;
    stopSession(current);
    const QStringList previousSecrets = current.secrets;
    current.config = updated.config;
    current.secrets = updated.secrets;
    current.enabled = updated.enabled;
    current.pendingSecrets = 0;
    writeSecrets(current, previousSecrets);
    save();
    startSession(current);
    Q_EMIT dataChanged(index(row), index(row));
    return true;
}

void ToolServers::removeServer(int row)
{
    if (row < 0 || row >= int(m_servers.size()))
        return;
    Server &server = m_servers.at(size_t(row));
    stopSession(server);
    const QStringList secrets = server.secrets;
    server.secrets.clear();
    writeSecrets(server, secrets);
    beginRemoveRows({}, row, row);
    m_servers.erase(m_servers.begin() + row);
    endRemoveRows();
    save();
}

void ToolServers::setServerEnabled(int row, bool enabled)
{
    if (row < 0 || row >= int(m_servers.size()) || m_servers.at(size_t(row)).enabled == enabled)
        return;
    Server &server = m_servers.at(size_t(row));
    server.enabled = enabled;
    save();
    if (enabled)
        startSession(server);
    else
        stopSession(server);
    Q_EMIT dataChanged(index(row), index(row), {EnabledRole, StateRole, StatusTextRole, ToolCountRole, ToolsRole});
}

void ToolServers::restartServer(int row)
{
    if (row < 0 || row >= int(m_servers.size()))
        return;
    startSession(m_servers.at(size_t(row)));
}

void ToolServers::setToolEnabled(int row, const QString &tool, bool enabled)
{
    if (row < 0 || row >= int(m_servers.size()))
        return;
    Server &server = m_servers.at(size_t(row));
    if (enabled == !server.disabledTools.contains(tool))
        return;
    if (enabled)
        server.disabledTools.removeAll(tool);
    else
        server.disabledTools.append(tool);
    save();
    Q_EMIT dataChanged(index(row), index(row), {ToolsRole});
    Q_EMIT toolsChanged();
}

void ToolServers::setToolAlwaysAllowed(int row, const QString &tool, bool always)
{
    if (row < 0 || row >= int(m_servers.size()))
        return;
    Server &server = m_servers.at(size_t(row));
    if (always == server.alwaysAllowed.contains(tool))
        return;
    if (always)
        server.alwaysAllowed.append(tool);
    else
        server.alwaysAllowed.removeAll(tool);
    save();
    Q_EMIT dataChanged(index(row), index(row), {ToolsRole});
}

int ToolServers::importJson(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (!document.isObject()) {
        m_lastError = tr("The text is not a JSON object: %1 at offset %2.").arg(error.errorString()).arg(error.offset);
        return -1;
    }
    // Claude Desktop and Cursor use "mcpServers"; VS Code's "servers" has the same entries.
    QJsonObject servers = document.object().value(QLatin1String("mcpServers")).toObject();
    if (servers.isEmpty())
        servers = document.object().value(QLatin1String("servers")).toObject();
    if (servers.isEmpty()) {
        m_lastError = tr("The JSON has no \"mcpServers\" object with servers in it.");
        return -1;
    }
    QList<std::pair<QString, QVariantMap>> specs;
    for (auto it = servers.begin(); it != servers.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        QVariantMap spec{{QStringLiteral("name"), it.key()}};
        if (entry.contains(QLatin1String("url"))) {
            spec.insert(QStringLiteral("url"), entry.value(QLatin1String("url")).toString());
        } else if (entry.contains(QLatin1String("command"))) {
            // The command is a program, not a command line: quote it so a path with spaces stays whole.
            QString program = entry.value(QLatin1String("command")).toString();
            spec.insert(QStringLiteral("command"), QLatin1Char('"') + program.replace(QLatin1Char('"'), QLatin1String("\\\"")) + QLatin1Char('"'));
            QStringList arguments;
            for (const QJsonValue &argument : entry.value(QLatin1String("args")).toArray())
                arguments.append(argument.toString());
            spec.insert(QStringLiteral("arguments"), arguments);
        } else {
            m_lastError = tr("Server \"%1\" has neither \"command\" nor \"url\".").arg(it.key());
            return -1;
        }
        spec.insert(QStringLiteral("environment"), entry.value(QLatin1String("env")).toObject().toVariantMap());
        spec.insert(QStringLiteral("headers"), entry.value(QLatin1String("headers")).toObject().toVariantMap());
        spec.insert(QStringLiteral("enabled"), !entry.value(QLatin1String("disabled")).toBool());
        specs.append({it.key(), spec});
    }
    int added = 0;
    for (const auto &[name, spec] : std::as_const(specs)) {
        if (addServer(spec) < 0) {
            m_lastError = tr("Server \"%1\": %2").arg(name, m_lastError);
            return -1;
        }
        ++added;
    }
    m_lastError.clear();
    return added;
}

int ToolServers::importFile(const QUrl &file)
{
    QFile in(file.isLocalFile() ? file.toLocalFile() : file.toString());
    if (!in.open(QIODevice::ReadOnly)) {
        m_lastError = tr("Cannot read %1: %2").arg(in.fileName(), in.errorString());
        return -1;
    }
    return importJson(QString::fromUtf8(in.readAll()));
}

int ToolServers::maxSteps() const
{
    return m_settings.value(QStringLiteral("mcp/maxSteps"), defaultMaxSteps).toInt();
}

void ToolServers::setMaxSteps(int steps)
{
    if (steps < 1 || steps == maxSteps())
        return;
    m_settings.setValue(QStringLiteral("mcp/maxSteps"), steps);
    m_settings.sync();
    Q_EMIT maxStepsChanged();
}

int ToolServers::readyToolCount() const
{
    int count = 0;
    for (const Server &server : m_servers) {
        if (!server.enabled || !server.session || server.session->state() != mcp::McpSession::State::Ready)
            continue;
        for (const mcp::McpTool &tool : server.session->tools())
            count += server.disabledTools.contains(tool.name) ? 0 : 1;
    }
    return count;
}

QList<mcp::McpSession *> ToolServers::readySessions() const
{
    QList<mcp::McpSession *> sessions;
    for (const Server &server : m_servers) {
        if (server.enabled && server.session && server.session->state() == mcp::McpSession::State::Ready)
            sessions.append(server.session);
    }
    return sessions;
}

QStringList ToolServers::enabledToolNames() const
{
    // ToolLoop prefixes a tool name two servers share with the server's name;
    // such tools are named that way here so switching one off leaves the other.
    QHash<QString, int> uses;
    const QList<mcp::McpSession *> sessions = readySessions();
    for (const mcp::McpSession *session : sessions) {
        for (const mcp::McpTool &tool : session->tools())
            ++uses[tool.name];
    }
    QStringList names;
    for (const Server &server : m_servers) {
        if (!sessions.contains(server.session.data()))
            continue;
        for (const mcp::McpTool &tool : server.session->tools()) {
            if (server.disabledTools.contains(tool.name))
                continue;
            static const QRegularExpression invalid(QStringLiteral("[^A-Za-z0-9_-]"));
            names.append(uses.value(tool.name) > 1 ? QString(server.config.name + QLatin1Char('_') + tool.name).replace(invalid, QStringLiteral("_")).left(64)
                                                   : tool.name);
        }
    }
    return names;
}

bool ToolServers::isAlwaysAllowed(const QString &serverName, const QString &tool) const
{
    const int row = rowOfName(serverName);
    return row >= 0 && m_servers.at(size_t(row)).alwaysAllowed.contains(tool);
}

void ToolServers::setAlwaysAllowed(const QString &serverName, const QString &tool)
{
    setToolAlwaysAllowed(rowOfName(serverName), tool, true);
}

void ToolServers::onElicitation(mcp::McpElicitation *elicitation)
{
    m_elicitations.append(elicitation);
    if (!m_form)
        showNextElicitation();
}

void ToolServers::showNextElicitation()
{
    if (m_form) {
        m_form->deleteLater();
        m_form = nullptr;
    }
    while (!m_elicitations.isEmpty()) {
        QPointer<mcp::McpElicitation> next = m_elicitations.takeFirst();
        if (!next || next->isAnswered())
            continue;
        m_form = new ElicitationForm(next, this);
        connect(m_form, &ElicitationForm::answered, this, [this, next] {
            if (next)
                next->deleteLater();
            showNextElicitation();
        });
        break;
    }
    Q_EMIT elicitationChanged();
}

} // namespace muxi
