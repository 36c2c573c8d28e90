#pragma once

#include "chatmessage.h"
#include "conversationsettings.h"

#include <QList>
#include <QString>

#include <optional>

namespace muxi {

// The SQLite file behind the history, used from one thread at a time (the
// HistoryStore's worker). WAL journal with synchronous=NORMAL: a committed
// transaction survives the process being killed.
class HistoryDatabase
{
public:
    // Version the migrations bring a database to.
    static constexpr int currentVersion = 5;

    HistoryDatabase();
    ~HistoryDatabase();
    HistoryDatabase(const HistoryDatabase &) = delete;
    HistoryDatabase &operator=(const HistoryDatabase &) = delete;

    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QString errorString() const { return m_error; }
    int schemaVersion() const;
    QString journalMode() const;

    bool saveConversation(const ConversationInfo &conversation);
    // Deletion is soft until purgeDeleted(), so the sidebar can undo it.
    bool setDeleted(const QString &conversationId, bool deleted);
    bool purgeDeleted();
    // Newest first; `search` matches titles and message text.
    QList<ConversationInfo> conversations(const QString &search = {}) const;
    std::optional<ConversationInfo> conversation(const QString &id) const;

    bool saveMessage(const ChatMessage &message);
    // Removes messages at and after `position` (regenerate, edit-and-resend).
    bool truncate(const QString &conversationId, int position);
    QList<ChatMessage> messages(const QString &conversationId) const;

    bool saveComparison(const ComparisonRecord &comparison);
    bool removeComparison(const QString &id);
    // Newest first, without their data.
    QList<ComparisonRecord> comparisons() const;
    std::optional<ComparisonRecord> comparison(const QString &id) const;

    // A conversation's own system prompt, model and parameters (since version 5).
    bool saveConversationSettings(const QString &conversationId, const ConversationSettings &settings);
    // Unset for a conversation that never had any saved.
    std::optional<ConversationSettings> conversationSettings(const QString &conversationId) const;

private:
    bool migrate();
    bool exec(const QString &statement);

    QString m_connection;
    QString m_error;
};

} // namespace muxi
