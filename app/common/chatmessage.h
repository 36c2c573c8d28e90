#pragma once

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
    // "system", "user" or "assistant".
    QString role;
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
    // Order inside the conversation.
    int position = 0;
    // The tries behind an answer (AttemptRecord::toJson each): which models
    // were asked, in order, and what became of them.
    QJsonArray attempts;

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
