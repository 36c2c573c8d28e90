#pragma once

#include "chatmessage.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace muxi {

class HistoryStore;

// The sidebar: conversations newest first, filtered by `search` (titles and
// message text, matched in the database). Deleting hides a conversation at
// once and keeps it restorable with undoRemove() until the next start.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY canUndoChanged)
    Q_PROPERTY(QString lastRemovedTitle READ lastRemovedTitle NOTIFY canUndoChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        UpdatedRole,
        MessageCountRole,
    };
    Q_ENUM(Role)

    explicit ConversationListModel(HistoryStore *history, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString search() const { return m_search; }
    void setSearch(const QString &search);
    bool canUndo() const { return !m_removed.isEmpty(); }
    QString lastRemovedTitle() const { return m_removed.isEmpty() ? QString() : m_removed.last().title; }

    Q_INVOKABLE void reload();
    Q_INVOKABLE void rename(const QString &id, const QString &title);
    Q_INVOKABLE void remove(const QString &id);
    Q_INVOKABLE void undoRemove();
    Q_INVOKABLE int rowOf(const QString &id) const;
    Q_INVOKABLE QString idAt(int row) const;

    // A conversation was created or changed: its row moves to the top.
    void touch(const ConversationInfo &conversation);
    ConversationInfo conversation(const QString &id) const;

Q_SIGNALS:
    void searchChanged();
    void canUndoChanged();
    void loaded();
    void removed(const QString &id);

private:
    HistoryStore *m_history;
    QList<ConversationInfo> m_rows;
    QList<ConversationInfo> m_removed;
    QString m_search;
    int m_generation = 0;
};

} // namespace muxi
