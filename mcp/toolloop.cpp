#include "toolloop.h"

#include "mcpcall.h"
#include "mcpsession.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QMetaMethod>
#include <QRegularExpression>

namespace muxi::mcp {

namespace {
// What every provider accepts as a function name.
QString functionName(const QString &name)
{
    static const QRegularExpression invalid(QStringLiteral("[^A-Za-z0-9_-]"));
    QString result = name;
    result.replace(invalid, QStringLiteral("_"));
    return result.left(64);
}
}

ToolLoop::ToolLoop(Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

ToolLoop::~ToolLoop()
{
    if (m_reply)
        m_reply->abort();
    if (m_call)
        m_call->cancel();
}

void ToolLoop::addSession(McpSession *session)
{
    m_sessions.append(session);
}

QHash<QString, ToolLoop::Binding> ToolLoop::bindings() const
{
    // A tool name two servers share gets each server's name in front.
    QHash<QString, int> uses;
    for (const QPointer<McpSession> &session : m_sessions) {
        if (!session)
            continue;
        for (const McpTool &tool : session->tools())
            ++uses[functionName(tool.name)];
    }
    QHash<QString, Binding> result;
    for (const QPointer<McpSession> &session : m_sessions) {
        if (!session)
            continue;
        for (const McpTool &tool : session->tools()) {
            QString name = functionName(tool.name);
            if (uses.value(name) > 1)
                name = functionName(session->name() + QLatin1Char('_') + tool.name);
            if (!m_allowed.isEmpty() && !m_allowed.contains(tool.name) && !m_allowed.contains(name))
                continue;
            result.insert(name, Binding{session, tool.name});
        }
    }
    return result;
}

QList<Tool> ToolLoop::offeredTools() const
{
    QList<Tool> tools;
    const QHash<QString, Binding> all = bindings();
    QStringList names = all.keys();
    names.sort();
    for (const QString &name : std::as_const(names)) {
        const Binding &binding = all.value(name);
        if (const std::optional<McpTool> tool = binding.session->tool(binding.toolName))
            tools.append(tool->toFunction(name));
    }
    return tools;
}

QStringList ToolLoop::unknownAllowedTools() const
{
    QStringList unknown;
    const QHash<QString, Binding> all = bindings();
    for (const QString &name : m_allowed) {
        bool found = all.contains(name);
        for (auto it = all.cbegin(); !found && it != all.cend(); ++it)
            found = it->toolName == name;
        if (!found)
            unknown.append(name);
    }
    return unknown;
}

void ToolLoop::start(const ChatRequest &request)
{
    m_request = request;
    m_messages = request.messages;
    m_alwaysAllowed.clear();
    m_attempts.clear();
    m_error.reset();
    m_step = 0;
    m_running = true;
    sendRequest();
}

void ToolLoop::sendRequest()
{
    m_bindings = bindings();
    ChatRequest request = m_request;
    request.messages = m_messages;
    request.tools.append(offeredTools());
    m_reply = m_client->chat(request);
    connect(m_reply, &Reply::delta, this, [this](const QString &text, int choice) {
        if (choice == 0)
            Q_EMIT delta(text);
    });
    connect(m_reply, &Reply::finished, this, &ToolLoop::onReplyFinished);
}

void ToolLoop::onReplyFinished()
{
    Reply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    m_attempts.append(reply->attempts());
    if (reply->hasError()) {
        finishWith(reply->failure());
        return;
    }
    m_lastCompletion = reply->chatCompletion();
    m_answeredBy = reply->answeredBy();
    Message message = m_lastCompletion.choices.value(0).message;
    message.role = Message::Role::Assistant;
    m_messages.append(message);
    Q_EMIT assistantMessage(message);
    if (message.toolCalls.isEmpty()) {
        finishWith(std::nullopt);
        return;
    }
    if (m_step >= m_maxSteps) {
        Error error(Error::Kind::BadRequest, tr("the model still asked for tools after %n tool step(s), the limit", nullptr, m_maxSteps));
        error.code = QStringLiteral("tool_step_limit");
        finishWith(error);
        return;
    }
    ++m_step;
    m_queue.clear();
    for (const ToolCall &call : std::as_const(message.toolCalls)) {
        ToolInvocation invocation;
        invocation.callId = call.id;
        invocation.functionName = call.name;
        invocation.arguments = call.arguments;
        const Binding binding = m_bindings.value(call.name);
        if (binding.session) {
            invocation.serverName = binding.session->name();
            invocation.toolName = binding.toolName;
        }
        m_queue.append(invocation);
    }
    m_index = 0;
    processNext();
}

void ToolLoop::processNext()
{
    if (!m_running)
        return;
    if (m_index >= m_queue.size()) {
        sendRequest();
        return;
    }
    const ToolInvocation invocation = m_queue.at(m_index);
    if (invocation.serverName.isEmpty()) {
        addToolMessage(invocation, tr("Error: there is no tool named \"%1\".").arg(invocation.functionName));
        advance();
        return;
    }
    if (m_approval == Approval::ApproveAll || m_alwaysAllowed.contains(invocation.functionName)) {
        run(invocation);
        return;
    }
    m_awaiting = invocation.callId;
    if (!isSignalConnected(QMetaMethod::fromSignal(&ToolLoop::approvalNeeded))) {
        deny(invocation.callId);
        return;
    }
    Q_EMIT approvalNeeded(invocation);
}

void ToolLoop::approve(const QString &callId, bool alwaysForThisTool)
{
    if (!m_running || m_awaiting.isNull() || m_awaiting != callId)
        return;
    m_awaiting.clear();
    const ToolInvocation invocation = m_queue.at(m_index);
    if (alwaysForThisTool)
        m_alwaysAllowed.insert(invocation.functionName);
    run(invocation);
}

void ToolLoop::deny(const QString &callId)
{
    if (!m_running || m_awaiting.isNull() || m_awaiting != callId)
        return;
    m_awaiting = QString();
    const ToolInvocation invocation = m_queue.at(m_index);
    addToolMessage(invocation, tr("The user declined to run this tool call."));
    Q_EMIT callDenied(invocation);
    advance();
}

void ToolLoop::run(const ToolInvocation &invocation)
{
    const QJsonDocument arguments = QJsonDocument::fromJson(invocation.arguments.trimmed().isEmpty() ? QByteArray("{}")
                                                                                                    : invocation.arguments.toUtf8());
    if (!arguments.isObject()) {
        addToolMessage(invocation, tr("Error: the arguments are not a JSON object: %1").arg(invocation.arguments));
        Q_EMIT callFailed(invocation, Error(Error::Kind::BadRequest, tr("the model's arguments for %1 are not a JSON object").arg(invocation.toolName)));
        advance();
        return;
    }
    const Binding binding = m_bindings.value(invocation.functionName);
    if (!binding.session) {
        addToolMessage(invocation, tr("Error: the server of \"%1\" is gone.").arg(invocation.toolName));
        advance();
        return;
    }
    Q_EMIT callStarted(invocation);
    m_call = binding.session->callTool(invocation.toolName, arguments.object());
    connect(m_call, &McpCall::progress, this, [this, invocation](double progress, double total, const QString &message) {
        Q_EMIT callProgress(invocation, progress, total, message);
    });
    connect(m_call, &McpCall::finished, this, [this, invocation] {
        McpCall *call = m_call;
        m_call = nullptr;
        if (!call)
            return;
        call->deleteLater();
        if (call->hasError()) {
            addToolMessage(invocation, tr("Error: the tool call failed: %1").arg(call->failure().toString()));
            Q_EMIT callFailed(invocation, call->failure());
        } else {
            const McpToolResult result = McpToolResult::fromJson(call->result());
            addToolMessage(invocation, result.isError ? tr("Error: %1").arg(result.text()) : result.text());
            Q_EMIT callFinished(invocation, result);
        }
        advance();
    });
}

void ToolLoop::addToolMessage(const ToolInvocation &invocation, const QString &text)
{
    Message message = Message::toolResult(invocation.callId, text);
    message.name = invocation.functionName;
    m_messages.append(message);
}

void ToolLoop::advance()
{
    ++m_index;
    processNext();
}

void ToolLoop::stop()
{
    if (!m_running)
        return;
    if (m_reply) {
        Reply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (m_call) {
        McpCall *call = m_call;
        m_call = nullptr;
        call->disconnect(this);
        call->cancel(tr("stopped by the user"));
        call->deleteLater();
    }
    m_awaiting.clear();
    finishWith(Error(Error::Kind::Cancelled, tr("stopped")));
}

void ToolLoop::finishWith(std::optional<Error> error)
{
    if (!m_running)
        return;
    m_running = false;
    m_error = std::move(error);
    Q_EMIT finished();
}

void ToolLoop::waitForFinished()
{
    if (!m_running)
        return;
    QEventLoop loop;
    connect(this, &ToolLoop::finished, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace muxi::mcp
