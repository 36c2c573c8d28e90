#pragma once

#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

namespace muxi {

class ModelPickerModel;

// The picker's view of the models: what matches the search (every word of it,
// in the name, display name or provider) and has every chosen capability;
// favourites first, then the recently used (newest first), then the rest —
// usable models before unusable ones, by provider and name.
class ModelPickerFilter : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("modelpickermodel.h")
    Q_PROPERTY(muxi::ModelPickerModel *models READ models WRITE setModels NOTIFY modelsChanged)
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
    // Capability words as ModelPickerModel::capabilitiesOf() gives them ("vision", "tools", …).
    Q_PROPERTY(QStringList capabilities READ capabilities WRITE setCapabilities NOTIFY capabilitiesChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit ModelPickerFilter(QObject *parent = nullptr);

    ModelPickerModel *models() const { return m_models; }
    void setModels(ModelPickerModel *models);
    QString search() const { return m_search; }
    void setSearch(const QString &search);
    QStringList capabilities() const { return m_capabilities; }
    void setCapabilities(const QStringList &capabilities);
    int count() const { return rowCount(); }

    // Adds or removes one capability from the filter.
    Q_INVOKABLE void toggleCapability(const QString &capability);
    // The "provider/model" at `row`, or empty.
    Q_INVOKABLE QString nameAt(int row) const;
    Q_INVOKABLE int rowOf(const QString &name) const;

Q_SIGNALS:
    void modelsChanged();
    void searchChanged();
    void capabilitiesChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void refilter();

    ModelPickerModel *m_models = nullptr;
    QString m_search;
    QStringList m_words;
    QStringList m_capabilities;
};

} // namespace muxi
