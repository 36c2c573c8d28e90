#include "modelpickerfilter.h"

#include "modelpickermodel.h"

namespace muxi {

ModelPickerFilter::ModelPickerFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // Favourite and recent marks change the order; re-sort when they do.
    setDynamicSortFilter(true);
    setSortRole(ModelPickerModel::SectionRole);
    connect(this, &QAbstractItemModel::rowsInserted, this, &ModelPickerFilter::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &ModelPickerFilter::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &ModelPickerFilter::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &ModelPickerFilter::countChanged);
}

void ModelPickerFilter::setModels(ModelPickerModel *models)
{
    if (m_models == models)
        return;
    m_models = models;
    setSourceModel(models);
    sort(0);
    Q_EMIT modelsChanged();
}

void ModelPickerFilter::setSearch(const QString &search)
{
    if (m_search == search)
        return;
    m_search = search;
    m_words = search.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    refilter();
    Q_EMIT searchChanged();
}

void ModelPickerFilter::setCapabilities(const QStringList &capabilities)
{
    if (m_capabilities == capabilities)
        return;
    m_capabilities = capabilities;
    refilter();
    Q_EMIT capabilitiesChanged();
}

void ModelPickerFilter::toggleCapability(const QString &capability)
{
    QStringList next = m_capabilities;
    if (next.contains(capability))
        next.removeAll(capability);
    else
        next.append(capability);
    setCapabilities(next);
}

void ModelPickerFilter::refilter()
{
    // Qt 6.4 has no begin/endFilterChange; invalidateFilter() announces removals and insertions row by row.
    invalidateFilter();
    Q_EMIT countChanged();
}

QString ModelPickerFilter::nameAt(int row) const
{
    return index(row, 0).data(ModelPickerModel::NameRole).toString();
}

int ModelPickerFilter::rowOf(const QString &name) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (nameAt(row) == name)
            return row;
    }
    return -1;
}

bool ModelPickerFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_capabilities.isEmpty()) {
        const QStringList has = row.data(ModelPickerModel::CapabilitiesRole).toStringList();
        for (const QString &capability : m_capabilities) {
            if (!has.contains(capability))
                return false;
        }
    }
    if (m_words.isEmpty())
        return true;
    const QString haystack = row.data(ModelPickerModel::NameRole).toString() + QLatin1Char(' ')
        + row.data(ModelPickerModel::DisplayNameRole).toString() + QLatin1Char(' ')
        + row.data(ModelPickerModel::ProviderNameRole).toString();
    for (const QString &word : m_words) {
        if (!haystack.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

bool ModelPickerFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto rank = [](const QModelIndex &index) {
        if (index.data(ModelPickerModel::FavouriteRole).toBool())
            return 0;
        if (index.data(ModelPickerModel::RecentRankRole).toInt() >= 0)
            return 1;
        return index.data(ModelPickerModel::AvailableRole).toBool() ? 2 : 3;
    };
    const int l = rank(left);
    const int r = rank(right);
    if (l != r)
        return l < r;
    if (l == 1)
        return left.data(ModelPickerModel::RecentRankRole).toInt() < right.data(ModelPickerModel::RecentRankRole).toInt();
    // The source is sorted by provider and model already.
    return left.row() < right.row();
}

} // namespace muxi
