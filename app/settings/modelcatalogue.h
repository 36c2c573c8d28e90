#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace muxi {

class AppSettings;
class Client;
class ProviderListModel;

// The models the picker offers: what each usable provider's model listing
// returned, plus names the user typed ("provider/model"), each with its
// provider's capability badges.
class ModelCatalogue : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        ProviderRole,
        ProviderNameRole,
        ModelRole,
        CapabilitiesRole,
        SourceRole,
    };
    Q_ENUM(Role)

    ModelCatalogue(Client *client, ProviderListModel *providers, AppSettings *settings, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool loading() const { return m_pending > 0; }

    // Asks every usable provider with a model listing for its models.
    Q_INVOKABLE void refresh();
    // Adds a name the user typed; returns false for one that names no known provider.
    Q_INVOKABLE bool addModel(const QString &name);
    Q_INVOKABLE int indexOf(const QString &name) const;
    Q_INVOKABLE QStringList capabilitiesOf(const QString &name) const;
    // "provider/model" of the first model listed for `providerId`, or empty.
    Q_INVOKABLE QString firstModelOf(const QString &providerId) const;

Q_SIGNALS:
    void loadingChanged();

private:
    struct Entry {
        QString provider;
        QString model;
        QString source;
    };
    void insert(const Entry &entry);

    Client *m_client;
    ProviderListModel *m_providers;
    AppSettings *m_settings;
    QList<Entry> m_entries;
    int m_pending = 0;
};

} // namespace muxi
