#pragma once

#include "chatmessage.h"
#include "conversationsettings.h"
#include "messagemodel.h"

#include <muxi/chatrequest.h>

#include <QHash>
#include <QObject>
#include <QTimer>

namespace muxi {

class AnswerStream;
class AppSettings;
class AttachmentStore;
class Client;
class HistoryStore;

// One conversation's messages and the answer streaming into them, shared by
// the chat and each column of a comparison: builds the user and assistant
// rows, starts and stops the answer, recovers answers a crash cut, and —
// with a history store — saves every row (a growing answer every second).
//
// A conversation is a tree: editing a question or answering again adds a
// sibling of the old message (same parent) instead of replacing it. The
// model shows one path through the tree, following each level's active
// sibling; the other branches are kept here and in the database.
class ConversationThread : public QObject
{
    Q_OBJECT

public:
    ConversationThread(Client *client, const AppSettings *settings, QObject *parent = nullptr);
    ~ConversationThread() override;

    MessageModel *messages() { return &m_messages; }
    const MessageModel *messages() const { return &m_messages; }
    // Without a store nothing is saved here (a comparison saves its columns whole).
    void setHistory(HistoryStore *history) { m_history = history; }
    // Where attached files are kept; without one, messages go out as text only.
    void setAttachmentStore(const AttachmentStore *attachments) { m_attachments = attachments; }
    // How often a growing answer is written to the database.
    void setSaveInterval(int ms) { m_saveTimer.setInterval(ms); }

    QString conversationId() const { return m_conversationId; }
    // Empties the thread and starts another conversation (empty: not yet saved).
    void reset(const QString &conversationId = {});
    // Shows `stored`, every branch of a conversation in any order: answers and
    // tool calls left unfinished by a crash become stopped.
    void load(const QString &conversationId, const QList<ChatMessage> &stored);
    void setConversationId(const QString &conversationId) { m_conversationId = conversationId; }
    // Every message, every branch, the shown ones as they are now.
    QList<ChatMessage> allMessages() const;

    // Adds `message` after the last row of the shown branch, filling in what
    // places it (id when empty, conversation, position, parent), and saves it.
    int append(ChatMessage message);
    int appendUser(const QString &text, const QStringList &attachments);
    // A pending answer row for `model`; the growing answer saveProgress() writes.
    int appendAnswer(const QString &model);
    // The request answering the shown branch as it is, with the Defaults page's settings.
    ChatRequest request(const QString &model) const;
    // The same with a conversation's own settings (system prompt, model, parameters).
    ChatRequest request(const ConversationSettings &settings) const;
    // Appends an answer row and streams `model`'s answer into it.
    void startAnswer(const QString &model);
    // Streams `request`'s answer into the answer row appended last.
    void stream(const ChatRequest &request);
    // Ends the answer as stopped, keeping what arrived.
    void stop();
    bool isStreaming() const { return m_stream != nullptr; }
    // The answer streaming now, or nullptr.
    const AnswerStream *answerStream() const { return m_stream; }
    // Of the answer that streamed last: whether its token counts were made here.
    bool lastTokensCounted() const { return m_lastTokensCounted; }

    // Writes a row to the history as it is now.
    void save(int row);
    // Writes the growing answer every save interval while `on`, and once more when turned off.
    void setSavingProgress(bool on);
    // The row of the answer appended last, -1 when gone.
    int answerRow() const;

    // The next append() becomes a new branch beside the message at `row`:
    // the rows from `row` on leave the view and are kept as the other branch.
    void branchAt(int row);
    // Drops the rows from `row` on with every branch below them, here and in the database.
    void discardFrom(int row);
    // Shows the sibling `delta` steps from the message at `row` (-1 previous,
    // +1 next) with the branch below it as it was last shown. False at either end.
    bool switchBranch(int row, int delta);

Q_SIGNALS:
    void streamingChanged();
    void firstToken();
    // The streamed answer ended (done, stopped or failed) and is saved.
    void answerFinished(const QString &messageId);

private:
    void onStreamFinished();
    // Appends `id` (taken from the kept branches) and below it, level by level, the active sibling.
    void showPathFrom(const QString &id);
    std::pair<int, int> siblingsOf(const ChatMessage &message) const;

    Client *m_client;
    const AppSettings *m_settings;
    const AttachmentStore *m_attachments = nullptr;
    HistoryStore *m_history = nullptr;
    MessageModel m_messages;
    QString m_conversationId;
    // The messages not shown, by id.
    QHash<QString, ChatMessage> m_hidden;
    // Each message's children in the order they were made; "" holds the first messages.
    QHash<QString, QStringList> m_children;
    AnswerStream *m_stream = nullptr;
    bool m_lastTokensCounted = false;
    QString m_answerId;
    QTimer m_saveTimer;
    qsizetype m_savedLength = 0;
};

} // namespace muxi
