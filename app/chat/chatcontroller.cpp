#include "chatcontroller.h"

#include "answerstream.h"
#include "appsettings.h"
#include "chatrequestbuilder.h"
#include "conversationlistmodel.h"
#include "historystore.h"
#include "presetstore.h"
#include "toolservers.h"

#include <mcpsession.h>
#include <toolloop.h>

#include <muxi/client.h>

#include <QClipboard>
#include <QGuiApplication>

namespace muxi {

namespace {
constexpr int titleLength = 60;
}

ChatController::ChatController(Client *client, HistoryStore *history, AppSettings *settings, ConversationListModel *conversations,
                               QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_history(history)
    , m_settings(settings)
    , m_conversations(conversations)
{
    m_model = m_settings->defaultModel();
    if (m_model.isEmpty())
        m_model = m_client->configuration().defaultModel();
    m_saveTimer.setInterval(1000);
    connect(&m_saveTimer, &QTimer::timeout, this, &ChatController::saveProgress);
    ConversationSettings defaults = m_settings->conversationDefaults();
    defaults.model = m_model;
    m_options.setSettings(defaults);
    connect(&m_options, &ChatOptions::edited, this, [this] {
        m_optionsChosen = true;
        saveOptions();
    });
    // A conversation not yet sent, whose settings nobody chose, follows the Defaults page.
    connect(m_settings, &AppSettings::changed, this, [this] {
        if (!m_conversation.id.isEmpty() || m_optionsChosen)
            return;
        ConversationSettings defaults = m_settings->conversationDefaults();
        defaults.model = m_model;
        m_options.setSettings(defaults);
    });
}

ChatController::~ChatController()
{
    // A window closed mid-stream keeps what arrived.
    if (m_stream)
        m_stream->stop();
    if (m_loop)
        m_loop->stop();
}

void ChatController::setModel(const QString &model)
{
    if (m_model == model)
        return;
    m_model = model;
    m_options.setModel(model);
    saveOptions();
    Q_EMIT modelChanged();
}

void ChatController::newConversation()
{
    stop();
    m_conversation = ConversationInfo();
    m_messages.setMessages({});
    // A new conversation starts from the defaults, with the model last chosen.
    ConversationSettings defaults = m_settings->conversationDefaults();
    defaults.model = m_model;
    m_options.setSettings(defaults);
    m_optionsChosen = false;
    Q_EMIT conversationChanged();
}

bool ChatController::newConversationFromPreset(const QString &presetId)
{
    const std::optional<PresetStore::Preset> preset = m_presets ? m_presets->preset(presetId) : std::nullopt;
    if (!preset)
        return false;
    newConversation();
    ConversationSettings settings = preset->settings;
    if (settings.model.isEmpty())
        settings.model = m_model;
    m_options.setSettings(settings);
    m_optionsChosen = true;
    setModel(settings.model);
    return true;
}

QString ChatController::saveAsPreset(const QString &name)
{
    return m_presets ? m_presets->add(name, m_options.settings()) : QString();
}

void ChatController::saveOptions()
{
    // A conversation not yet sent has no row to hang its settings on; send() saves them.
    if (!m_conversation.id.isEmpty())
        m_history->saveConversationSettings(m_conversation.id, m_options.settings());
}

void ChatController::openConversation(const QString &id)
{
    if (id == m_conversation.id)
        return;
    stop();
    m_conversation = m_conversations->conversation(id);
    m_conversation.id = id;
    m_loading = true;
    Q_EMIT loadingChanged();
    Q_EMIT conversationChanged();
    m_history->conversationSettings(id, [this, id](const std::optional<ConversationSettings> &stored) {
        if (id != m_conversation.id)
            return;
        // Conversations from before version 5 have none: they keep the defaults and the model in use.
        ConversationSettings settings = stored.value_or(m_settings->conversationDefaults());
        if (!stored)
            settings.model = m_model;
        m_options.setSettings(settings);
        if (!settings.model.isEmpty() && settings.model != m_model) {
            m_model = settings.model;
            Q_EMIT modelChanged();
        }
    });
    m_history->messages(id, [this, id](const QList<ChatMessage> &stored) {
        if (id != m_conversation.id)
            return;
        QList<ChatMessage> messages = stored;
        // An answer still marked as streaming was cut by a crash or a kill.
        for (ChatMessage &m : messages) {
            if (m.status == ChatMessage::Status::Streaming || m.status == ChatMessage::Status::Pending)
                m.status = ChatMessage::Status::Stopped;
            if (m.role == QLatin1String("tool") && !m.isToolFinished()) {
                m.tool.insert(QStringLiteral("state"), QStringLiteral("stopped"));
                if (m.text.isEmpty())
                    m.text = tr("The call was stopped before it finished.");
            }
        }
        m_messages.setMessages(messages);
        m_loading = false;
        Q_EMIT loadingChanged();
    });
}

bool ChatController::send(const QString &text, const QStringList &attachments)
{
    const QString trimmed = text.trimmed();
    if ((trimmed.isEmpty() && attachments.isEmpty()) || isStreaming())
        return false;
    const QDateTime now = QDateTime::currentDateTime();
    const bool first = m_conversation.id.isEmpty();
    if (first) {
        m_conversation.id = ChatMessage::newId();
        m_conversation.title = trimmed.simplified().left(titleLength);
        m_conversation.created = now;
        Q_EMIT conversationChanged();
    }
    ChatMessage user;
    user.id = ChatMessage::newId();
    user.conversationId = m_conversation.id;
    user.role = QStringLiteral("user");
    user.text = trimmed;
    user.attachments = attachments;
    user.created = now;
    user.position = m_messages.rowCount();
    m_messages.append(user);
    touchConversation();
    if (first)
        saveOptions();
    m_history->saveMessage(user);
    startAnswer();
    return true;
}

void ChatController::touchConversation()
{
    m_conversation.updated = QDateTime::currentDateTime();
    m_conversation.messageCount = m_messages.rowCount();
    m_history->saveConversation(m_conversation);
    m_conversations->touch(m_conversation);
}

void ChatController::appendAnswerRow(const QString &model)
{
    ChatMessage answer;
    answer.id = ChatMessage::newId();
    answer.conversationId = m_conversation.id;
    answer.role = QStringLiteral("assistant");
    answer.model = model;
    answer.status = ChatMessage::Status::Pending;
    answer.created = QDateTime::currentDateTime();
    answer.position = m_messages.rowCount();
    m_messages.append(answer);
    m_history->saveMessage(answer);
    m_answerId = answer.id;
    m_savedLength = 0;
}

void ChatController::startAnswer()
{
    ConversationSettings settings = m_options.settings();
    settings.model = m_model;
    const ChatRequest request = ChatRequestBuilder::build(settings, m_messages.messages(), m_attachments);
    appendAnswerRow(request.model);
    if (m_tools && m_tools->readyToolCount() > 0) {
        startToolLoop(request);
        return;
    }

    m_stream = new AnswerStream(m_client, &m_messages, m_answerId, request, this);
    connect(m_stream, &AnswerStream::finished, this, &ChatController::onFinished);
    m_stream->start();
    m_saveTimer.start();
    Q_EMIT streamingChanged();
}

int ChatController::answerRow() const
{
    const int last = m_messages.rowCount() - 1;
    if (last >= 0 && m_messages.message(last).id == m_answerId)
        return last;
    return m_messages.rowOf(m_answerId);
}

void ChatController::saveProgress()
{
    const int row = answerRow();
    if (row < 0)
        return;
    const ChatMessage &m = m_messages.message(row);
    if (m.text.size() == m_savedLength)
        return;
    m_savedLength = m.text.size();
    m_history->saveMessage(m);
}

void ChatController::onFinished()
{
    m_saveTimer.stop();
    AnswerStream *stream = m_stream;
    m_stream = nullptr;
    const int row = answerRow();
    if (row >= 0) {
        m_history->saveMessage(m_messages.message(row));
        touchConversation();
    }
    stream->disconnect(this);
    stream->deleteLater();
    const QString id = m_answerId;
    Q_EMIT streamingChanged();
    Q_EMIT answerFinished(id);
}

void ChatController::stop()
{
    if (m_stream)
        m_stream->stop();
    if (m_loop)
        m_loop->stop();
}

void ChatController::startToolLoop(const ChatRequest &request)
{
    m_requestModel = request.model;
    m_turnCalls.clear();
    m_loop = new mcp::ToolLoop(m_client, this);
    const QList<mcp::McpSession *> sessions = m_tools->readySessions();
    for (mcp::McpSession *session : sessions)
        m_loop->addSession(session);
    m_loop->setAllowedTools(m_tools->enabledToolNames());
    m_loop->setMaxSteps(m_tools->maxSteps());
    connect(m_loop, &mcp::ToolLoop::delta, this, &ChatController::onLoopDelta);
    connect(m_loop, &mcp::ToolLoop::assistantMessage, this, &ChatController::onLoopAssistant);
    connect(m_loop, &mcp::ToolLoop::approvalNeeded, this, &ChatController::onApprovalNeeded);
    connect(m_loop, &mcp::ToolLoop::callStarted, this, [this](const mcp::ToolInvocation &invocation) {
        updateToolRow(invocation, QStringLiteral("running"));
    });
    connect(m_loop, &mcp::ToolLoop::callFinished, this, [this](const mcp::ToolInvocation &invocation, const mcp::McpToolResult &result) {
        updateToolRow(invocation, result.isError ? QStringLiteral("error") : QStringLiteral("done"), result.text());
    });
    connect(m_loop, &mcp::ToolLoop::callFailed, this, [this](const mcp::ToolInvocation &invocation, const Error &error) {
        updateToolRow(invocation, QStringLiteral("error"), error.toString());
    });
    connect(m_loop, &mcp::ToolLoop::callDenied, this, [this](const mcp::ToolInvocation &invocation) {
        updateToolRow(invocation, QStringLiteral("denied"), tr("The user declined to run this tool call."));
    });
    connect(m_loop, &mcp::ToolLoop::finished, this, &ChatController::onLoopFinished);
    m_clock.start();
    m_saveTimer.start();
    Q_EMIT streamingChanged();
    m_loop->start(request);
}

void ChatController::onLoopDelta(const QString &text)
{
    syncToolRows();
    if (m_answerId.isEmpty())
        appendAnswerRow(m_requestModel);
    const int row = answerRow();
    if (row < 0)
        return;
    if (m_messages.message(row).status == ChatMessage::Status::Pending) {
        ChatMessage m = m_messages.message(row);
        m.status = ChatMessage::Status::Streaming;
        m.firstTokenMs = m_clock.elapsed();
        m_messages.update(row, m);
    }
    m_messages.appendText(row, text);
}

void ChatController::onLoopAssistant(const Message &message)
{
    syncToolRows();
    if (m_answerId.isEmpty())
        appendAnswerRow(m_requestModel);
    const int row = answerRow();
    if (row < 0)
        return;
    m_messages.flush();
    if (m_messages.message(row).text.isEmpty() && !message.text().isEmpty())
        m_messages.setText(row, message.text());
    ChatMessage m = m_messages.message(row);
    if (!m_loop->answeredBy().isEmpty())
        m.model = m_loop->answeredBy();
    if (const std::optional<Usage> usage = m_loop->lastCompletion().usage) {
        m.promptTokens = usage->promptTokens;
        m.completionTokens = usage->completionTokens;
    }
    QJsonArray attempts;
    for (const AttemptRecord &attempt : m_loop->attempts())
        attempts.append(attempt.toJson());
    m.attempts = attempts;
    m.durationMs = m_clock.elapsed();
    m.status = ChatMessage::Status::Done;
    QJsonArray calls;
    for (const ToolCall &call : message.toolCalls)
        calls.append(call.toJson());
    m.toolCalls = calls;
    m_messages.update(row, m);
    m_history->saveMessage(m_messages.message(row));
    if (message.toolCalls.isEmpty())
        return;
    // This answer is complete; the calls follow as rows of their own.
    m_answerId.clear();
    m_turnCalls.clear();
    for (const ToolCall &call : message.toolCalls) {
        ChatMessage tool;
        tool.id = ChatMessage::newId();
        tool.conversationId = m_conversation.id;
        tool.role = QStringLiteral("tool");
        tool.created = QDateTime::currentDateTime();
        tool.position = m_messages.rowCount();
        tool.tool = {
            {QStringLiteral("callId"), call.id},
            {QStringLiteral("function"), call.name},
            {QStringLiteral("arguments"), call.arguments},
            {QStringLiteral("state"), QStringLiteral("queued")},
        };
        m_messages.append(tool);
        m_history->saveMessage(tool);
        m_turnCalls.append(call.id);
    }
    touchConversation();
}

int ChatController::toolRowOf(const QString &callId) const
{
    for (int row = m_messages.rowCount() - 1; row >= 0; --row) {
        const ChatMessage &m = m_messages.message(row);
        if (m.role == QLatin1String("tool") && m.tool.value(QLatin1String("callId")).toString() == callId)
            return row;
    }
    return -1;
}

void ChatController::updateToolRow(const mcp::ToolInvocation &invocation, const QString &state, const QString &result)
{
    const int row = toolRowOf(invocation.callId);
    if (row < 0)
        return;
    ChatMessage m = m_messages.message(row);
    m.tool.insert(QStringLiteral("server"), invocation.serverName);
    m.tool.insert(QStringLiteral("tool"), invocation.toolName);
    m.tool.insert(QStringLiteral("state"), state);
    m_messages.update(row, m);
    if (!result.isNull())
        m_messages.setText(row, result);
    m_history->saveMessage(m_messages.message(row));
    syncToolRows();
}

void ChatController::onApprovalNeeded(const mcp::ToolInvocation &invocation)
{
    updateToolRow(invocation, QStringLiteral("approval"));
    if (m_tools->isAlwaysAllowed(invocation.serverName, invocation.toolName))
        m_loop->approve(invocation.callId, true);
}

void ChatController::approveToolCall(const QString &callId, bool always)
{
    if (!m_loop)
        return;
    const int row = toolRowOf(callId);
    if (row < 0 || m_messages.message(row).tool.value(QLatin1String("state")).toString() != QLatin1String("approval"))
        return;
    const QJsonObject tool = m_messages.message(row).tool;
    if (always && m_tools)
        m_tools->setAlwaysAllowed(tool.value(QLatin1String("server")).toString(), tool.value(QLatin1String("tool")).toString());
    m_loop->approve(callId, always);
}

void ChatController::denyToolCall(const QString &callId)
{
    if (m_loop)
        m_loop->deny(callId);
}

void ChatController::syncToolRows()
{
    if (!m_loop || m_turnCalls.isEmpty())
        return;
    const QList<Message> messages = m_loop->messages();
    bool allFinished = true;
    for (const QString &callId : std::as_const(m_turnCalls)) {
        const int row = toolRowOf(callId);
        if (row < 0)
            continue;
        if (m_messages.message(row).isToolFinished())
            continue;
        for (const Message &message : messages) {
            if (message.role != Message::Role::Tool || message.toolCallId != callId)
                continue;
            // A result the loop wrote on its own: a tool no server has, or arguments that are not an object.
            ChatMessage m = m_messages.message(row);
            m.tool.insert(QStringLiteral("state"), QStringLiteral("error"));
            m_messages.update(row, m);
            m_messages.setText(row, message.text());
            m_history->saveMessage(m_messages.message(row));
        }
        allFinished = allFinished && m_messages.message(row).isToolFinished();
    }
    if (allFinished && m_loop->isRunning()) {
        m_turnCalls.clear();
        // The model works on the results: its next turn has a row of its own.
        if (m_answerId.isEmpty())
            appendAnswerRow(m_requestModel);
    }
}

void ChatController::onLoopFinished()
{
    m_saveTimer.stop();
    mcp::ToolLoop *loop = m_loop;
    syncToolRows();
    // Calls that never ran (stopped, or past the step limit) still answer the model's turn.
    const QString notRun = loop->hasError() && loop->failure().kind != Error::Kind::Cancelled
        ? tr("Not run: %1").arg(loop->failure().toString())
        : tr("The call was stopped before it finished.");
    for (int row = 0; row < m_messages.rowCount(); ++row) {
        const ChatMessage &m = m_messages.message(row);
        if (m.role != QLatin1String("tool") || m.isToolFinished())
            continue;
        ChatMessage stopped = m;
        stopped.tool.insert(QStringLiteral("state"), QStringLiteral("stopped"));
        m_messages.update(row, stopped);
        m_messages.setText(row, notRun);
        m_history->saveMessage(m_messages.message(row));
    }
    if (loop->hasError() && m_answerId.isEmpty())
        appendAnswerRow(m_requestModel);
    const int row = answerRow();
    if (!m_answerId.isEmpty() && row >= 0) {
        m_messages.flush();
        ChatMessage m = m_messages.message(row);
        m.durationMs = m_clock.elapsed();
        if (!loop->answeredBy().isEmpty())
            m.model = loop->answeredBy();
        if (!loop->hasError()) {
            m.status = ChatMessage::Status::Done;
        } else if (loop->failure().kind == Error::Kind::Cancelled) {
            m.status = ChatMessage::Status::Stopped;
        } else {
            Error error = loop->failure();
            // Whatever the provider echoed, the key never reaches the screen or the database.
            if (const std::optional<ProviderInfo> p = m_client->provider(error.provider))
                error.redact(m_client->configuration().apiKey(*p));
            m.status = ChatMessage::Status::Failed;
            m.error = error.toString();
        }
        m_messages.update(row, m);
        m_history->saveMessage(m_messages.message(row));
    }
    touchConversation();
    m_loop = nullptr;
    m_turnCalls.clear();
    loop->disconnect(this);
    loop->deleteLater();
    const QString id = m_answerId;
    Q_EMIT streamingChanged();
    Q_EMIT answerFinished(id);
}

void ChatController::truncateFrom(int row)
{
    m_messages.truncate(row);
    m_history->truncate(m_conversation.id, row);
}

void ChatController::regenerate(int row)
{
    if (isStreaming() || row < 0 || row >= m_messages.rowCount())
        return;
    // From a user message, answer it again; from an answer, replace it.
    const bool isUser = m_messages.message(row).role == QLatin1String("user");
    truncateFrom(isUser ? row + 1 : row);
    startAnswer();
}

void ChatController::editAndResend(int row, const QString &text)
{
    if (isStreaming() || row < 0 || row >= m_messages.rowCount() || m_messages.message(row).role != QLatin1String("user"))
        return;
    if (text.trimmed().isEmpty())
        return;
    truncateFrom(row);
    send(text);
}

void ChatController::copy(int row) const
{
    if (row < 0 || row >= m_messages.rowCount())
        return;
    QGuiApplication::clipboard()->setText(m_messages.message(row).text);
}

void ChatController::copyCode(int row, int index) const
{
    const QString code = m_messages.codeBlock(row, index);
    if (!code.isEmpty())
        QGuiApplication::clipboard()->setText(code);
}

} // namespace muxi
