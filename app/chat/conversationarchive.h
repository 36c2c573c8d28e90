#pragma once

#include "chatmessage.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace muxi {

class AttachmentStore;
class ConversationListModel;
class HistoryStore;

// Conversations to and from files. Markdown is for reading: each
// conversation's shown branch. JSON is for keeping: every branch, which
// model answered, timings and tokens, and the attachments with their bytes
// (format "muxi-conversations", version 1; docs/workbench.md). Importing JSON
// adds the conversations under new ids and never overwrites one.
class ConversationArchive : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)

public:
    // One conversation with every message of every branch.
    struct Entry {
        ConversationInfo info;
        QList<ChatMessage> messages;
    };

    ConversationArchive(HistoryStore *history, const AttachmentStore *attachments, ConversationListModel *conversations,
                        QObject *parent = nullptr);

    bool isBusy() const { return m_busy; }

    // `format` is "markdown" or "json". An empty id exports every conversation.
    // The result arrives as finished() or failed().
    Q_INVOKABLE void exportConversations(const QString &conversationId, const QUrl &file, const QString &format);
    Q_INVOKABLE void importFile(const QUrl &file);

    static QString toMarkdown(const QList<Entry> &entries);
    // Without a store, attachments are listed by reference only.
    static QJsonObject toJson(const QList<Entry> &entries, const AttachmentStore *attachments);
    // The conversations of an export under new ids (messages too, their
    // branches intact), with attachments added to `attachments`; nullopt and
    // `error` set when the document is not such an export.
    static std::optional<QList<Entry>> fromJson(const QByteArray &json, const AttachmentStore *attachments, QString *error);

Q_SIGNALS:
    void busyChanged();
    // What was done, for the user: "Exported 3 conversations to …".
    void finished(const QString &message);
    void failed(const QString &error);

private:
    void setBusy(bool busy);
    void fail(const QString &error);

    HistoryStore *m_history;
    const AttachmentStore *m_attachments;
    ConversationListModel *m_conversations;
    bool m_busy = false;
};

} // namespace muxi
