#pragma once

#include "chatmessage.h"
#include "chatoptions.h"
#include "messagemodel.h"

#include <muxi/chatrequest.h>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace muxi::mcp {
class McpToolResult;
class ToolLoop;
struct ToolInvocation;
}

namespace muxi {

class AnswerStream;
class AppSettings;
class AttachmentStore;
class Client;
class ConversationListModel;
class HistoryStore;
class PresetStore;
class ToolServers;

// One conversation at a time: sends the user's text with the history to the
// chosen model, streams the answer into the message model, and keeps the
// database current — the user message on send, the answer every second while
// it streams and again when it ends. With MCP tools ready, the answer goes
// through the tool loop: each call the model asks for becomes a "tool" row
// that asks for approval, runs and keeps its result, and the model's next
// turn streams into a new answer row.
class ChatController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(MessageModel *messages READ messages CONSTANT)
    Q_PROPERTY(QString conversationId READ conversationId NOTIFY conversationChanged)
    Q_PROPERTY(QString conversationTitle READ conversationTitle NOTIFY conversationChanged)
    Q_PROPERTY(QString model READ model WRITE setModel NOTIFY modelChanged)
    Q_PROPERTY(bool streaming READ isStreaming NOTIFY streamingChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
    Q_PROPERTY(muxi::ChatOptions *options READ options CONSTANT)

public:
    ChatController(Client *client, HistoryStore *history, AppSettings *settings, ConversationListModel *conversations,
                   QObject *parent = nullptr);
    ~ChatController() override;

    MessageModel *messages() { return &m_messages; }
    QString conversationId() const { return m_conversation.id; }
    QString conversationTitle() const { return m_conversation.title; }
    QString model() const { return m_model; }
    void setModel(const QString &model);
    bool isStreaming() const { return m_stream != nullptr || m_loop != nullptr; }
    bool isLoading() const { return m_loading; }

    // How often a growing answer is written to the database.
    void setSaveInterval(int ms) { m_saveTimer.setInterval(ms); }
    // Where attached files are kept; without one, messages go out as text only.
    void setAttachmentStore(const AttachmentStore *attachments) { m_attachments = attachments; }
    // The MCP servers whose tools answers may call; without any ready tool, a plain answer.
    void setToolServers(ToolServers *tools) { m_tools = tools; }
    // The presets new conversations may start from.
    void setPresets(PresetStore *presets) { m_presets = presets; }

    // The open conversation's system prompt and parameters, saved with it.
    ChatOptions *options() { return &m_options; }
    // A new conversation with the preset's settings (and its model, when it names one).
    Q_INVOKABLE bool newConversationFromPreset(const QString &presetId);
    // Keeps the open conversation's settings and model as a preset; returns its id.
    Q_INVOKABLE QString saveAsPreset(const QString &name);

    Q_INVOKABLE void newConversation();
    Q_INVOKABLE void openConversation(const QString &id);
    // `attachments` are references into the attachment store.
    Q_INVOKABLE bool send(const QString &text, const QStringList &attachments = {});
    Q_INVOKABLE void stop();
    // Answers again from the turn at `row` (an answer, or the user message before it).
    Q_INVOKABLE void regenerate(int row);
    Q_INVOKABLE void retry(int row) { regenerate(row); }
    // Replaces the user message at `row`, drops everything after it and sends again.
    Q_INVOKABLE void editAndResend(int row, const QString &text);
    Q_INVOKABLE void copy(int row) const;
    Q_INVOKABLE void copyCode(int row, int index) const;
    // The user's answer to a tool row asking for approval; "always" is remembered for that tool.
    Q_INVOKABLE void approveToolCall(const QString &callId, bool always);
    Q_INVOKABLE void denyToolCall(const QString &callId);

Q_SIGNALS:
    void conversationChanged();
    void modelChanged();
    void streamingChanged();
    void loadingChanged();
    // The answer of the current turn ended (done, stopped or failed).
    void answerFinished(const QString &messageId);

private:
    void startAnswer();
    void onFinished();
    void appendAnswerRow(const QString &model);
    void startToolLoop(const ChatRequest &request);
    void onLoopDelta(const QString &text);
    void onLoopAssistant(const Message &message);
    void onApprovalNeeded(const mcp::ToolInvocation &invocation);
    void updateToolRow(const mcp::ToolInvocation &invocation, const QString &state, const QString &result = {});
    // Picks up results the loop wrote without a signal (unknown tools) and
    // opens the next answer row once every call of a turn has ended.
    void syncToolRows();
    void onLoopFinished();
    int toolRowOf(const QString &callId) const;
    void saveProgress();
    void touchConversation();
    int answerRow() const;
    // Drops rows from `row` on, in the view and in the database.
    void truncateFrom(int row);
    // Writes the conversation's settings once it exists in the history.
    void saveOptions();

    Client *m_client;
    HistoryStore *m_history;
    AppSettings *m_settings;
    ConversationListModel *m_conversations;
    MessageModel m_messages;
    ConversationInfo m_conversation;
    QString m_model;
    bool m_loading = false;

    const AttachmentStore *m_attachments = nullptr;
    ToolServers *m_tools = nullptr;
    PresetStore *m_presets = nullptr;
    ChatOptions m_options;
    // The open conversation's settings came from the user or a preset, not only the defaults.
    bool m_optionsChosen = false;
    AnswerStream *m_stream = nullptr;
    mcp::ToolLoop *m_loop = nullptr;
    // The tool rows of the turn the loop works on.
    QStringList m_turnCalls;
    QString m_requestModel;
    QString m_answerId;
    QTimer m_saveTimer;
    QElapsedTimer m_clock;
    qsizetype m_savedLength = 0;
};

} // namespace muxi
