#pragma once

#include <muxi/message.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace muxi {

// One row of a conversation as the workbench keeps it: in the message model
// and in the history database.
class ChatMessage
{
public:
    enum class Status { Done, Pending, Streaming, Stopped, Failed };

    // Stable across sessions: a UUID, so rows are saved before the database answers.
    QString id;
    QString conversationId;
    // System, User, Assistant or Tool (one tool call and its result, the result in `text`).
    Message::Role role = Message::Role::User;
    QString text;
    QStringList attachments;
    // "provider/model" that answered, for assistant rows.
    QString model;
    Status status = Status::Done;
    QString error;
    QDateTime created;
    // -1 while unknown.
    qint64 firstTokenMs = -1;
    qint64 durationMs = -1;
    int promptTokens = 0;
    int completionTokens = 0;
    // Depth inside the conversation: the row it takes when its branch is shown.
    int position = 0;
    // The message this one follows; empty for a conversation's first.
    // Messages with the same parent are branches (an edited question, a regenerated answer).
    QString parentId;
    // Of its siblings, the branch shown.
    bool active = true;
    // The tries behind an answer (AttemptRecord::toJson each): which models
    // were asked, in order, and what became of them.
    QJsonArray attempts;
    // An answer's tool calls (ToolCall::toJson each), when the model asked for tools.
    QJsonArray toolCalls;
    // A tool row's call: callId, function, server, tool, arguments and state
    // ("queued", "approval", "running", "done", "error", "denied", "stopped").
    QJsonObject tool;

    // A tool row whose call has ended one way or another.
    bool isToolFinished() const;

    // The fields above, for places that keep messages as JSON (saved comparisons).
    QJsonObject toJson() const;
    static ChatMessage fromJson(const QJsonObject &object);

    static QString newId();
    static QString statusName(Status status);
    static Status statusFromName(const QString &name);

    friend bool operator==(const ChatMessage &, const ChatMessage &) = default;
};

// A conversation's row in the sidebar and the database.
class ConversationInfo
{
public:
    QString id;
    QString title;
    QDateTime created;
    QDateTime updated;
    int messageCount = 0;

    friend bool operator==(const ConversationInfo &, const ConversationInfo &) = default;
};

// A saved comparison: its columns, their models and threads, as the compare controller writes them.
class ComparisonRecord
{
public:
    QString id;
    QString title;
    QDateTime created;
    QDateTime updated;
    QJsonObject data;
};

} // namespace muxi

Q_DECLARE_METATYPE(muxi::ChatMessage)
Q_DECLARE_METATYPE(muxi::ConversationInfo)
