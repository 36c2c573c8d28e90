#pragma once

#include "chatmessage.h"
#include "messagemodel.h"

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace muxi {

class AnswerStream;
class AppSettings;
class AttachmentStore;
class Client;
class ConversationListModel;
class HistoryStore;

// One conversation at a time: sends the user's text with the history to the
// chosen model, streams the answer into the message model, and keeps the
// database current — the user message on send, the answer every second while
// it streams and again when it ends.
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

public:
    ChatController(Client *client, HistoryStore *history, AppSettings *settings, ConversationListModel *conversations,
                   QObject *parent = nullptr);
    ~ChatController() override;

    MessageModel *messages() { return &m_messages; }
    QString conversationId() const { return m_conversation.id; }
    QString conversationTitle() const { return m_conversation.title; }
    QString model() const { return m_model; }
    void setModel(const QString &model);
    bool isStreaming() const { return m_stream != nullptr; }
    bool isLoading() const { return m_loading; }

    // How often a growing answer is written to the database.
    void setSaveInterval(int ms) { m_saveTimer.setInterval(ms); }
    // Where attached files are kept; without one, messages go out as text only.
    void setAttachmentStore(const AttachmentStore *attachments) { m_attachments = attachments; }

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
    void saveProgress();
    void touchConversation();
    int answerRow() const;
    // Drops rows from `row` on, in the view and in the database.
    void truncateFrom(int row);

    Client *m_client;
    HistoryStore *m_history;
    AppSettings *m_settings;
    ConversationListModel *m_conversations;
    MessageModel m_messages;
    ConversationInfo m_conversation;
    QString m_model;
    bool m_loading = false;

    const AttachmentStore *m_attachments = nullptr;
    AnswerStream *m_stream = nullptr;
    QString m_answerId;
    QTimer m_saveTimer;
    qsizetype m_savedLength = 0;
};

} // namespace muxi
