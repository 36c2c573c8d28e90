#include "htmlblockmodel.h"

namespace muxi {

HtmlBlockModel::HtmlBlockModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int HtmlBlockModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_blocks.size());
}

QVariant HtmlBlockModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == BlockHtmlRole || role == Qt::DisplayRole)
        return m_blocks.at(index.row());
    return {};
}

QHash<int, QByteArray> HtmlBlockModel::roleNames() const
{
    return {{BlockHtmlRole, "blockHtml"}};
}

void HtmlBlockModel::sync(const QStringList &blocks)
{
    const qsizetype have = m_blocks.size();
    const bool grows = blocks.size() >= have && std::equal(m_blocks.begin(), m_blocks.end(), blocks.begin());
    if (!grows) {
        beginResetModel();
        m_blocks = blocks;
        endResetModel();
        return;
    }
    if (blocks.size() == have)
        return;
    beginInsertRows({}, int(have), int(blocks.size()) - 1);
    m_blocks.append(blocks.mid(have));
    endInsertRows();
}

} // namespace muxi
