#pragma once

#include "chatmessage.h"
#include "conversationsettings.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <optional>
#include <memory>

namespace muxi {

class HistoryDatabase;

// The history as the GUI sees it: every call returns at once, the SQLite
// work runs in order on a worker thread, and query results come back to the
// GUI thread through the given callbacks.
class HistoryStore : public QObject
{
    Q_OBJECT

public:
    // Opens (creating and migrating) the database at `path`.
    explicit HistoryStore(const QString &path, QObject *parent = nullptr);
    ~HistoryStore() override;

    QString path() const { return m_path; }
    // Empty when the database opened; otherwise why not (shown in the window).
    QString errorString() const;

    void saveConversation(const ConversationInfo &conversation);
    void setDeleted(const QString &conversationId, bool deleted);
    void purgeDeleted();
    void saveMessage(const ChatMessage &message);
    void truncate(const QString &conversationId, int position);

    void conversations(const QString &search, std::function<void(const QList<ConversationInfo> &)> callback);
    void messages(const QString &conversationId, std::function<void(const QList<ChatMessage> &)> callback);

    void saveComparison(const ComparisonRecord &comparison);
    void removeComparison(const QString &id);
    void comparisons(std::function<void(const QList<ComparisonRecord> &)> callback);
    void comparison(const QString &id, std::function<void(const std::optional<ComparisonRecord> &)> callback);
    void saveConversationSettings(const QString &conversationId, const ConversationSettings &settings);
    void conversationSettings(const QString &conversationId, std::function<void(const std::optional<ConversationSettings> &)> callback);
    // Blocks until every queued write is committed.
    void sync();

Q_SIGNALS:
    void failed(const QString &message);

private:
    void post(std::function<void(HistoryDatabase &)> work);

    QString m_path;
    QThread m_thread;
    QObject *m_worker;
    std::unique_ptr<HistoryDatabase> m_database;
    QString m_openError;
};

} // namespace muxi
