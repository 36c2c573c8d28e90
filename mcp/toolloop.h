#pragma once

#include "mcptoolresult.h"

#include <muxi/chatrequest.h>
#include <muxi/client.h>

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace muxi::mcp {

class McpCall;
class McpSession;

// One tool call the model asked for, resolved to the server that provides it.
struct ToolInvocation {
    QString callId;
    // The function name the model used, and the MCP tool it stands for.
    QString functionName;
    QString serverName;
    QString toolName;
    // The model's argument text, as sent.
    QString arguments;
};

// The tool-call loop: sends the conversation with the servers' tools offered,
// and while the model asks for tools, has each call approved, runs it on its
// server and sends the result back as a tool message, up to a step limit.
// It goes through muxi::Client, so streaming, retries and fallbacks behave as
// for any chat. Nothing blocks: approval is asked with approvalNeeded() and
// given later with approve() or deny(), which is how a UI drives it.
class ToolLoop : public QObject
{
    Q_OBJECT

public:
    enum class Approval { Ask, ApproveAll };
    Q_ENUM(Approval)

    explicit ToolLoop(Client *client, QObject *parent = nullptr);
    ~ToolLoop() override;

    // Ready sessions whose tools are offered; not owned.
    void addSession(McpSession *session);
    // Offer only these tools (MCP names or function names); empty offers all.
    void setAllowedTools(const QStringList &names) { m_allowed = names; }
    void setApproval(Approval approval) { m_approval = approval; }
    // Tool rounds allowed before the loop stops with an error.
    void setMaxSteps(int steps) { m_maxSteps = steps; }
    int maxSteps() const { return m_maxSteps; }
    // The functions the model is offered, with the names it will call them by.
    QList<Tool> offeredTools() const;
    // Tool names given to setAllowedTools that no server provides.
    QStringList unknownAllowedTools() const;

    void start(const ChatRequest &request);
    // Stops whatever runs (model reply or tool call); finished() follows with a Cancelled error.
    void stop();
    void approve(const QString &callId, bool alwaysForThisTool = false);
    void deny(const QString &callId);
    void waitForFinished();

    bool isRunning() const { return m_running; }
    bool hasError() const { return m_error.has_value(); }
    Error failure() const { return m_error.value_or(Error()); }
    // The conversation as it stands: the request's messages, then every assistant
    // turn and tool result, so a caller can keep it in its history.
    QList<Message> messages() const { return m_messages; }
    ChatCompletion lastCompletion() const { return m_lastCompletion; }
    QString answeredBy() const { return m_answeredBy; }
    QList<AttemptRecord> attempts() const { return m_attempts; }
    int steps() const { return m_step; }

Q_SIGNALS:
    // Text of the model's answer as it streams (choice 0).
    void delta(const QString &text);
    void assistantMessage(const muxi::Message &message);
    void approvalNeeded(const muxi::mcp::ToolInvocation &invocation);
    void callStarted(const muxi::mcp::ToolInvocation &invocation);
    void callProgress(const muxi::mcp::ToolInvocation &invocation, double progress, double total, const QString &message);
    void callFinished(const muxi::mcp::ToolInvocation &invocation, const muxi::mcp::McpToolResult &result);
    void callFailed(const muxi::mcp::ToolInvocation &invocation, const muxi::Error &error);
    void callDenied(const muxi::mcp::ToolInvocation &invocation);
    void finished();

private:
    struct Binding {
        QPointer<McpSession> session;
        QString toolName;
    };

    QHash<QString, Binding> bindings() const;
    void sendRequest();
    void onReplyFinished();
    void processNext();
    void run(const ToolInvocation &invocation);
    void addToolMessage(const ToolInvocation &invocation, const QString &text);
    void advance();
    void finishWith(std::optional<Error> error);

    Client *m_client;
    QList<QPointer<McpSession>> m_sessions;
    QStringList m_allowed;
    Approval m_approval = Approval::Ask;
    int m_maxSteps = 10;

    ChatRequest m_request;
    QList<Message> m_messages;
    QHash<QString, Binding> m_bindings;
    QSet<QString> m_alwaysAllowed;
    QList<ToolInvocation> m_queue;
    qsizetype m_index = 0;
    QString m_awaiting;
    QPointer<Reply> m_reply;
    QPointer<McpCall> m_call;
    int m_step = 0;
    bool m_running = false;
    ChatCompletion m_lastCompletion;
    QString m_answeredBy;
    QList<AttemptRecord> m_attempts;
    std::optional<Error> m_error;
};

} // namespace muxi::mcp

Q_DECLARE_METATYPE(muxi::mcp::ToolInvocation)
