#include "mcpsession.h"

#include "httptransport.h"
#include "mcpelicitation.h"
#include "stdiotransport.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QMetaMethod>
#include <QTimer>

namespace muxi::mcp {

namespace {
// A server that keeps handing out cursors is stopped after this many pages.
constexpr int maxToolPages = 100;
// Ping and the handshake's follow-ups are quick or the server is unwell.
constexpr std::chrono::milliseconds pingTimeout{10'000};

QString seconds(std::chrono::milliseconds duration)
{
    const double value = double(duration.count()) / 1000.0;
    return QString::number(value, 'g', 3);
}
}

QStringList McpSession::supportedProtocolVersions()
{
    // 2025-03-26 introduced Streamable HTTP; servers on it still answer everything used here.
    return {QLatin1String(LatestProtocolVersion), QStringLiteral("2025-06-18"), QStringLiteral("2025-03-26")};
}

McpSession::McpSession(McpServerConfig config, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_network(network)
    , m_clientName(QStringLiteral("muxi"))
    , m_clientVersion(QCoreApplication::applicationVersion().isEmpty() ? QStringLiteral("0") : QCoreApplication::applicationVersion())
{
}

McpSession::~McpSession()
{
    for (const Pending &pending : std::as_const(m_pending))
        delete pending.timer;
}

void McpSession::setClientInfo(const QString &name, const QString &version)
{
    m_clientName = name;
    m_clientVersion = version;
}

void McpSession::setRoots(const QList<McpRoot> &roots)
{
    m_roots = roots;
    if (m_state == State::Ready)
        notify(QStringLiteral("notifications/roots/list_changed"));
}

void McpSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

Error McpSession::error(Error::Kind kind, const QString &message) const
{
    Error error(kind, message);
    error.provider = tr("MCP server \"%1\"").arg(name());
    return error;
}

void McpSession::start()
{
    if (m_state != State::Idle)
        return;
    if (!m_config.isValid()) {
        setState(State::Starting);
        QTimer::singleShot(0, this, [this] {
            failStart(error(Error::Kind::BadRequest, m_config.transport == McpServerConfig::Transport::Stdio
                                                         ? tr("no command to run")
                                                         : tr("not an http(s) URL: %1").arg(m_config.url.toDisplayString())));
        });
        return;
    }
    setState(State::Starting);
    if (m_config.transport == McpServerConfig::Transport::Stdio) {
        m_transport = new StdioTransport(m_config, this);
    } else {
        auto *http = new HttpTransport(m_config, m_network, this);
        http->setAuthorizer(m_authorizer);
        m_transport = http;
    }
    connect(m_transport, &McpTransport::opened, this, &McpSession::onOpened);
    connect(m_transport, &McpTransport::messageReceived, this, &McpSession::onMessage);
    connect(m_transport, &McpTransport::requestFailed, this, &McpSession::onRequestFailed);
    connect(m_transport, &McpTransport::failed, this, &McpSession::onTransportFailed);
    connect(m_transport, &McpTransport::closed, this, [this] {
        if (m_state != State::Failed)
            setState(State::Closed);
        Q_EMIT closed();
    });
    m_transport->open();
}

bool McpSession::waitForReady()
{
    if (m_state == State::Starting || m_state == State::Idle) {
        QEventLoop loop;
        connect(this, &McpSession::ready, &loop, &QEventLoop::quit);
        connect(this, &McpSession::failed, &loop, &QEventLoop::quit);
        if (m_state == State::Idle)
            start();
        if (m_state == State::Starting)
            loop.exec();
    }
    return m_state == State::Ready;
}

void McpSession::onOpened()
{
    const QJsonObject capabilities{
        {QLatin1String("roots"), QJsonObject{{QLatin1String("listChanged"), true}}},
        {QLatin1String("elicitation"), QJsonObject{{QLatin1String("form"), QJsonObject()}}},
    };
    const QJsonObject params{
        {QLatin1String("protocolVersion"), QLatin1String(LatestProtocolVersion)},
        {QLatin1String("capabilities"), capabilities},
        {QLatin1String("clientInfo"), QJsonObject{{QLatin1String("name"), m_clientName}, {QLatin1String("version"), m_clientVersion}}},
    };
    McpCall *initialize = request(QStringLiteral("initialize"), params, m_config.initializeTimeout);
    connect(initialize, &McpCall::finished, this, [this, initialize] {
        initialize->deleteLater();
        if (m_state != State::Starting)
            return;
        if (initialize->hasError()) {
            failStart(initialize->failure());
            return;
        }
        const QJsonObject result = initialize->result();
        const QString version = result.value(QLatin1String("protocolVersion")).toString();
        if (!supportedProtocolVersions().contains(version)) {
            failStart(error(Error::Kind::Unsupported, tr("speaks MCP version \"%1\"; Muxi speaks %2")
                                                          .arg(version, supportedProtocolVersions().join(QLatin1String(", ")))));
            return;
        }
        m_protocolVersion = version;
        m_serverInfo = result.value(QLatin1String("serverInfo")).toObject();
        m_serverCapabilities = result.value(QLatin1String("capabilities")).toObject();
        m_instructions = result.value(QLatin1String("instructions")).toString();
        m_transport->setProtocolVersion(version);
        notify(QStringLiteral("notifications/initialized"));
        m_transport->startListening();
        if (!m_serverCapabilities.contains(QLatin1String("tools"))) {
            setState(State::Ready);
            Q_EMIT ready();
            return;
        }
        McpCall *list = listTools();
        connect(list, &McpCall::finished, this, [this, list] {
            list->deleteLater();
            if (m_state != State::Starting)
                return;
            if (list->hasError()) {
                failStart(list->failure());
                return;
            }
            setState(State::Ready);
            Q_EMIT ready();
        });
    });
}

void McpSession::failStart(const Error &failure)
{
    m_failure = failure;
    setState(State::Failed);
    const QList<qint64> ids = m_pending.keys();
    for (qint64 id : ids)
        finishPending(id, [&](McpCall *call) { call->failWith(failure); });
    Q_EMIT failed(failure);
    if (m_transport)
        m_transport->close();
}

void McpSession::onTransportFailed(const Error &transportError)
{
    if (m_state == State::Failed || m_state == State::Closed)
        return;
    Error named = transportError;
    named.provider = tr("MCP server \"%1\"").arg(name());
    failStart(named);
}

void McpSession::close()
{
    if (m_state == State::Closed || !m_transport) {
        setState(State::Closed);
        QTimer::singleShot(0, this, &McpSession::closed);
        return;
    }
    const QList<qint64> ids = m_pending.keys();
    for (qint64 id : ids)
        finishPending(id, [&](McpCall *call) { call->failWith(error(Error::Kind::Cancelled, tr("the session was closed"))); });
    if (m_state != State::Failed)
        setState(State::Closed);
    m_transport->close();
}

void McpSession::waitForClosed()
{
    if (!m_transport)
        return;
    QEventLoop loop;
    connect(this, &McpSession::closed, &loop, &QEventLoop::quit);
    close();
    loop.exec();
}

std::optional<McpTool> McpSession::tool(const QString &name) const
{
    for (const McpTool &tool : m_tools) {
        if (tool.name == name)
            return tool;
    }
    return std::nullopt;
}

QString McpSession::diagnostics() const
{
    return m_transport ? m_transport->diagnostics() : QString();
}

McpCall *McpSession::request(const QString &method, const QJsonObject &params, std::chrono::milliseconds timeout)
{
    auto *call = new McpCall(this, method, this);
    if (m_state == State::Failed || m_state == State::Closed || !m_transport) {
        const Error reason = m_failure.value_or(error(Error::Kind::Cancelled, tr("the session is not running")));
        QTimer::singleShot(0, call, [call, reason] { call->failWith(reason); });
        return call;
    }
    const qint64 id = m_nextId++;
    QJsonObject sent = params;
    if (method == QLatin1String("tools/call")) {
        QJsonObject meta = sent.value(QLatin1String("_meta")).toObject();
        meta.insert(QLatin1String("progressToken"), id);
        sent.insert(QLatin1String("_meta"), meta);
    }
    Pending pending;
    pending.call = call;
    pending.timeout = timeout;
    pending.timer = new QTimer(this);
    pending.timer->setSingleShot(true);
    connect(pending.timer, &QTimer::timeout, this, [this, id] { timedOut(id); });
    pending.timer->start(timeout);
    m_pending.insert(id, pending);
    QJsonObject message{{QLatin1String("jsonrpc"), QLatin1String("2.0")}, {QLatin1String("id"), id}, {QLatin1String("method"), method}};
    if (!sent.isEmpty())
        message.insert(QLatin1String("params"), sent);
    m_transport->send(message);
    return call;
}

McpCall *McpSession::listTools()
{
    auto *aggregate = new McpCall(this, QStringLiteral("tools/list"), this);
    fetchToolPage(aggregate, QString(), QJsonArray(), 0);
    return aggregate;
}

void McpSession::fetchToolPage(McpCall *aggregate, const QString &cursor, QJsonArray collected, int pages)
{
    QJsonObject params;
    if (!cursor.isEmpty())
        params.insert(QLatin1String("cursor"), cursor);
    McpCall *page = request(QStringLiteral("tools/list"), params, m_config.requestTimeout);
    QPointer<McpCall> target(aggregate);
    connect(page, &McpCall::finished, this, [this, page, target, cursor, collected, pages]() mutable {
        page->deleteLater();
        if (!target)
            return;
        if (page->hasError()) {
            target->failWith(page->failure());
            return;
        }
        const QJsonObject result = page->result();
        for (const QJsonValue &tool : result.value(QLatin1String("tools")).toArray())
            collected.append(tool);
        const QString next = result.value(QLatin1String("nextCursor")).toString();
        if (!next.isEmpty() && next != cursor && pages + 1 < maxToolPages) {
            fetchToolPage(target, next, collected, pages + 1);
            return;
        }
        QList<McpTool> tools;
        for (const QJsonValue &tool : std::as_const(collected))
            tools.append(McpTool::fromJson(tool.toObject()));
        m_tools = tools;
        target->finishWith({{QLatin1String("tools"), collected}});
    });
}

McpCall *McpSession::callTool(const QString &name, const QJsonObject &arguments)
{
    return request(QStringLiteral("tools/call"), {{QLatin1String("name"), name}, {QLatin1String("arguments"), arguments}}, m_config.requestTimeout);
}

McpCall *McpSession::ping()
{
    return request(QStringLiteral("ping"), {}, pingTimeout);
}

void McpSession::finishPending(qint64 id, const std::function<void(McpCall *)> &finish)
{
    const auto it = m_pending.constFind(id);
    if (it == m_pending.cend())
        return;
    const Pending pending = *it;
    m_pending.erase(it);
    delete pending.timer;
    if (pending.call)
        finish(pending.call);
}

void McpSession::timedOut(qint64 id)
{
    const auto it = m_pending.constFind(id);
    if (it == m_pending.cend())
        return;
    const QString method = it->call ? it->call->method() : QString();
    const std::chrono::milliseconds timeout = it->timeout;
    // The spec forbids cancelling initialize; everything else is told to stop.
    if (method != QLatin1String("initialize"))
        notify(QStringLiteral("notifications/cancelled"),
               {{QLatin1String("requestId"), id}, {QLatin1String("reason"), QStringLiteral("timed out after %1 s").arg(seconds(timeout))}});
    QString message = tr("did not answer %1 within %2 s").arg(method, seconds(timeout));
    const QString log = diagnostics();
    if (!log.isEmpty())
        message += tr("; its last output on stderr: %1").arg(log.right(800));
    const Error failure = error(Error::Kind::Timeout, message);
    finishPending(id, [&](McpCall *call) { call->failWith(failure); });
    if (method == QLatin1String("initialize") && m_state == State::Starting)
        failStart(failure);
}

void McpSession::cancel(McpCall *call, const QString &reason)
{
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->call != call)
            continue;
        const qint64 id = it.key();
        QJsonObject params{{QLatin1String("requestId"), id}};
        if (!reason.isEmpty())
            params.insert(QLatin1String("reason"), reason);
        notify(QStringLiteral("notifications/cancelled"), params);
        const Error failure = error(Error::Kind::Cancelled, reason.isEmpty() ? tr("%1 was cancelled").arg(call->method()) : reason);
        finishPending(id, [&](McpCall *pendingCall) { pendingCall->failWith(failure); });
        return;
    }
}

void McpSession::onRequestFailed(const QJsonValue &id, const Error &failure)
{
    Error named = failure;
    named.provider = tr("MCP server \"%1\"").arg(name());
    finishPending(id.toInteger(-1), [&](McpCall *call) { call->failWith(named); });
}

void McpSession::onMessage(const QJsonObject &message)
{
    const QString method = message.value(QLatin1String("method")).toString();
    if (!method.isEmpty()) {
        const QJsonObject params = message.value(QLatin1String("params")).toObject();
        if (message.contains(QLatin1String("id")))
            onServerRequest(message.value(QLatin1String("id")), method, params);
        else
            onNotification(method, params);
        return;
    }
    if (message.contains(QLatin1String("id")))
        onResponse(message);
}

void McpSession::onResponse(const QJsonObject &message)
{
    const qint64 id = message.value(QLatin1String("id")).toInteger(-1);
    if (message.contains(QLatin1String("error"))) {
        const QJsonObject rpcError = message.value(QLatin1String("error")).toObject();
        const int code = rpcError.value(QLatin1String("code")).toInt();
        Error::Kind kind = Error::Kind::Server;
        if (code == -32601)
            kind = Error::Kind::Unsupported;
        else if (code == -32602 || code == -32600)
            kind = Error::Kind::BadRequest;
        const QString method = m_pending.contains(id) && m_pending.value(id).call ? m_pending.value(id).call->method() : QString();
        Error failure = error(kind, tr("%1 failed: %2").arg(method, rpcError.value(QLatin1String("message")).toString()));
        failure.code = QString::number(code);
        finishPending(id, [&](McpCall *call) { call->failWith(failure); });
        return;
    }
    finishPending(id, [&](McpCall *call) { call->finishWith(message.value(QLatin1String("result")).toObject()); });
}

void McpSession::onNotification(const QString &method, const QJsonObject &params)
{
    if (method == QLatin1String("notifications/progress")) {
        const qint64 id = params.value(QLatin1String("progressToken")).toInteger(-1);
        const auto it = m_pending.constFind(id);
        if (it == m_pending.cend() || !it->call)
            return;
        // Progress shows the server is working: the timeout starts again.
        it->timer->start(it->timeout);
        Q_EMIT it->call->progress(params.value(QLatin1String("progress")).toDouble(), params.value(QLatin1String("total")).toDouble(),
                                  params.value(QLatin1String("message")).toString());
    } else if (method == QLatin1String("notifications/message")) {
        Q_EMIT logMessage(params.value(QLatin1String("level")).toString(), params.value(QLatin1String("logger")).toString(),
                          params.value(QLatin1String("data")));
    } else if (method == QLatin1String("notifications/tools/list_changed")) {
        if (m_state != State::Ready)
            return;
        McpCall *list = listTools();
        connect(list, &McpCall::finished, this, [this, list] {
            list->deleteLater();
            if (!list->hasError())
                Q_EMIT toolsChanged();
        });
    }
    // notifications/cancelled concerns requests the server sent us; ours are answered
    // at once except elicitation, whose answer then simply arrives too late to matter.
}

void McpSession::onServerRequest(const QJsonValue &id, const QString &method, const QJsonObject &params)
{
    if (method == QLatin1String("ping")) {
        respond(id, {});
    } else if (method == QLatin1String("roots/list")) {
        QJsonArray roots;
        for (const McpRoot &root : std::as_const(m_roots)) {
            QJsonObject entry{{QLatin1String("uri"), root.uri.toString(QUrl::FullyEncoded)}};
            if (!root.name.isEmpty())
                entry.insert(QLatin1String("name"), root.name);
            roots.append(entry);
        }
        respond(id, {{QLatin1String("roots"), roots}});
    } else if (method == QLatin1String("elicitation/create")) {
        QPointer<McpSession> self(this);
        auto *elicitation = new McpElicitation(name(), params, [self, id](const QJsonObject &result) {
            if (self)
                self->respond(id, result);
        }, this);
        const bool formMode = params.value(QLatin1String("mode")).toString(QStringLiteral("form")) == QLatin1String("form");
        if (!formMode || m_elicitationPolicy == ElicitationPolicy::Decline) {
            elicitation->decline();
            elicitation->deleteLater();
        } else if (m_elicitationPolicy == ElicitationPolicy::Defaults) {
            elicitation->acceptDefaults();
            elicitation->deleteLater();
        } else if (isSignalConnected(QMetaMethod::fromSignal(&McpSession::elicitationRequested))) {
            Q_EMIT elicitationRequested(elicitation);
        } else {
            elicitation->decline();
            elicitation->deleteLater();
        }
    } else {
        respondError(id, -32601, QStringLiteral("Method not found: %1").arg(method));
    }
}

void McpSession::respond(const QJsonValue &id, const QJsonObject &result)
{
    if (m_transport)
        m_transport->send({{QLatin1String("jsonrpc"), QLatin1String("2.0")}, {QLatin1String("id"), id}, {QLatin1String("result"), result}});
}

void McpSession::respondError(const QJsonValue &id, int code, const QString &message)
{
    if (m_transport)
        m_transport->send({{QLatin1String("jsonrpc"), QLatin1String("2.0")},
                           {QLatin1String("id"), id},
                           {QLatin1String("error"), QJsonObject{{QLatin1String("code"), code}, {QLatin1String("message"), message}}}});
}

void McpSession::notify(const QString &method, const QJsonObject &params)
{
    if (!m_transport)
        return;
    QJsonObject message{{QLatin1String("jsonrpc"), QLatin1String("2.0")}, {QLatin1String("method"), method}};
    if (!params.isEmpty())
        message.insert(QLatin1String("params"), params);
    m_transport->send(message);
}

} // namespace muxi::mcp
