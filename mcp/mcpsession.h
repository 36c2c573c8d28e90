#pragma once

#include "mcpcall.h"
#include "mcpserverconfig.h"
#include "mcptool.h"
#include "mcptoolresult.h"

#include <muxi/error.h>

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QTimer;

namespace muxi::mcp {

class HttpAuthorizer;
class McpElicitation;
class McpTransport;

// A root the client exposes to servers that ask (roots/list).
struct McpRoot {
    QUrl uri;
    QString name;
};

// One connection to one MCP server: the JSON-RPC 2.0 session over stdio or
// Streamable HTTP, the initialize handshake, the tool list (kept current on
// list_changed), calls with progress, cancellation and timeouts, and the
// server's own requests (ping, roots/list, elicitation/create). Nothing here
// blocks; every failure names the server.
class McpSession : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Starting, Ready, Failed, Closed };
    Q_ENUM(State)
    // What to do with elicitation/create: ask whoever listens to
    // elicitationRequested (the workbench's form), accept the schema's defaults, or decline.
    enum class ElicitationPolicy { Ask, Defaults, Decline };
    Q_ENUM(ElicitationPolicy)

    static constexpr auto LatestProtocolVersion = "2025-11-25";
    static QStringList supportedProtocolVersions();

    explicit McpSession(McpServerConfig config, QNetworkAccessManager *network = nullptr, QObject *parent = nullptr);
    ~McpSession() override;

    const McpServerConfig &config() const { return m_config; }
    QString name() const { return m_config.displayName(); }
    State state() const { return m_state; }
    Error failure() const { return m_failure.value_or(Error()); }

    // For remote servers that need OAuth; not owned.
    void setAuthorizer(HttpAuthorizer *authorizer) { m_authorizer = authorizer; }
    void setClientInfo(const QString &name, const QString &version);
    void setRoots(const QList<McpRoot> &roots);
    void setElicitationPolicy(ElicitationPolicy policy) { m_elicitationPolicy = policy; }

    // Connects and initializes, then lists the tools: ready() or failed() follows.
    void start();
    // Blocks on a local event loop until ready or failed; true when ready.
    bool waitForReady();
    // Ends the session (stdin closed or HTTP DELETE); closed() follows.
    void close();
    void waitForClosed();

    QString protocolVersion() const { return m_protocolVersion; }
    QJsonObject serverInfo() const { return m_serverInfo; }
    QJsonObject serverCapabilities() const { return m_serverCapabilities; }
    QString instructions() const { return m_instructions; }
    QList<McpTool> tools() const { return m_tools; }
    std::optional<McpTool> tool(const QString &name) const;
    // What the server wrote to stderr lately (stdio servers).
    QString diagnostics() const;

    // Requests; the McpCall belongs to the session until finished, then to whoever deletes it.
    McpCall *request(const QString &method, const QJsonObject &params, std::chrono::milliseconds timeout);
    McpCall *listTools();
    McpCall *callTool(const QString &name, const QJsonObject &arguments);
    McpCall *ping();

Q_SIGNALS:
    void stateChanged(muxi::mcp::McpSession::State state);
    void ready();
    void failed(const muxi::Error &error);
    void closed();
    void toolsChanged();
    // notifications/message: a log line from the server.
    void logMessage(const QString &level, const QString &logger, const QJsonValue &data);
    void elicitationRequested(muxi::mcp::McpElicitation *elicitation);

private:
    friend class McpCall;
    struct Pending {
        QPointer<McpCall> call;
        QTimer *timer = nullptr;
        std::chrono::milliseconds timeout{0};
    };

    void setState(State state);
    void onOpened();
    void onMessage(const QJsonObject &message);
    void onResponse(const QJsonObject &message);
    void onNotification(const QString &method, const QJsonObject &params);
    void onServerRequest(const QJsonValue &id, const QString &method, const QJsonObject &params);
    void onRequestFailed(const QJsonValue &id, const Error &error);
    void onTransportFailed(const Error &error);
    void respond(const QJsonValue &id, const QJsonObject &result);
    void respondError(const QJsonValue &id, int code, const QString &message);
    void notify(const QString &method, const QJsonObject &params = {});
    void cancel(McpCall *call, const QString &reason);
    void timedOut(qint64 id);
    void fetchToolPage(McpCall *aggregate, const QString &cursor, QJsonArray collected, int pages);
    void failStart(const Error &error);
    Error error(Error::Kind kind, const QString &message) const;
    void finishPending(qint64 id, const std::function<void(McpCall *)> &finish);

    McpServerConfig m_config;
    QNetworkAccessManager *m_network;
    HttpAuthorizer *m_authorizer = nullptr;
    McpTransport *m_transport = nullptr;
    State m_state = State::Idle;
    std::optional<Error> m_failure;
    QString m_clientName;
    QString m_clientVersion;
    QList<McpRoot> m_roots;
    ElicitationPolicy m_elicitationPolicy = ElicitationPolicy::Ask;

    qint64 m_nextId = 1;
    QHash<qint64, Pending> m_pending;
    QString m_protocolVersion;
    QJsonObject m_serverInfo;
    QJsonObject m_serverCapabilities;
    QString m_instructions;
    QList<McpTool> m_tools;
};

} // namespace muxi::mcp
