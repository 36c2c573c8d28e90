#include "conversationlistmodel.h"

#include "historystore.h"

namespace muxi {

ConversationListModel::ConversationListModel(HistoryStore *history, QObject *parent)
    : QAbstractListModel(parent)
    , m_history(history)
{
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConversationInfo &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return c.title;
    case IdRole:
        return c.id;
    case UpdatedRole:
        return c.updated;
    case MessageCountRole:
        return c.messageCount;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {{IdRole, "conversationId"}, {TitleRole, "title"}, {UpdatedRole, "updated"}, {MessageCountRole, "messageCount"}};
}

void ConversationListModel::setSearch(const QString &search)
{
    if (m_search == search)
        return;
    m_search = search;
    Q_EMIT searchChanged();
    reload();
}

void ConversationListModel::reload()
{
    // Answers to an older search that arrive late are dropped.
    const int generation = ++m_generation;
    m_history->conversations(m_search, [this, generation](const QList<ConversationInfo> &rows) {
        if (generation != m_generation)
            return;
        beginResetModel();
        m_rows = rows;
        endResetModel();
        Q_EMIT loaded();
    });
}

int ConversationListModel::rowOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return int(i);
    }
    return -1;
}

QString ConversationListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

ConversationInfo ConversationListModel::conversation(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? ConversationInfo() : m_rows.at(row);
}

void ConversationListModel::rename(const QString &id, const QString &title)
{
    const int row = rowOf(id);
    const QString trimmed = title.simplified();
    if (row < 0 || trimmed.isEmpty())
        return;
    m_rows[row].title = trimmed;
    m_history->saveConversation(m_rows.at(row));
    Q_EMIT dataChanged(index(row), index(row), {TitleRole});
}

void ConversationListModel::remove(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_history->setDeleted(id, true);
    beginRemoveRows({}, row, row);
    m_removed.append(m_rows.takeAt(row));
    endRemoveRows();
    Q_EMIT canUndoChanged();
    Q_EMIT removed(id);
}

void ConversationListModel::undoRemove()
{
    if (m_removed.isEmpty())
        return;
    const ConversationInfo restored = m_removed.takeLast();
    m_history->setDeleted(restored.id, false);
    Q_EMIT canUndoChanged();
    reload();
}

void ConversationListModel::touch(const ConversationInfo &conversation)
{
    const int row = rowOf(conversation.id);
    if (row == 0) {
        m_rows[0] = conversation;
        Q_EMIT dataChanged(index(0), index(0));
        return;
    }
    if (row > 0) {
        beginMoveRows({}, row, row, {}, 0);
        m_rows.move(row, 0);
        endMoveRows();
        m_rows[0] = conversation;
        Q_EMIT dataChanged(index(0), index(0));
        return;
    }
    if (!m_search.isEmpty())
        return;
    beginInsertRows({}, 0, 0);
    m_rows.prepend(conversation);
    endInsertRows();
}

} // namespace muxi
