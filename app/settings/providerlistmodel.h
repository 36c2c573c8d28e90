#pragma once

#include <muxi/providerinfo.h>

#include <QAbstractListModel>
#include <QSet>
#include <QtQml/qqmlregistration.h>

namespace muxi {

class AppSettings;
class Client;
class KeyStore;

// Every provider the core knows, with what the settings page shows and
// edits: enabled, base URL, whether a key is configured (and where from),
// and whether a local server answered. Local discovery is plugged in from
// outside through setLocalServerDetected().
class ProviderListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(int usableCount READ usableCount NOTIFY usableCountChanged)
    Q_PROPERTY(QStringList detectedLocalServers READ detectedLocalServers NOTIFY detectedLocalServersChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        StatusRole,
        StatusNoteRole,
        CapabilitiesRole,
        RequiresKeyRole,
        KeyConfiguredRole,
        KeySourceRole,
        LocalRole,
        LocalDetectedRole,
        EnabledRole,
        BaseUrlRole,
        DefaultBaseUrlRole,
        UsableRole,
        TestStateRole,
        TestMessageRole,
    };
    Q_ENUM(Role)

    ProviderListModel(Client *client, AppSettings *settings, KeyStore *keys, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Providers a request can go to now: enabled, live, with a key or a detected local server.
    int usableCount() const;
    bool isUsable(const QString &providerId) const;
    QStringList usableProviderIds() const;

    Q_INVOKABLE void setEnabled(const QString &providerId, bool enabled);
    Q_INVOKABLE void setBaseUrl(const QString &providerId, const QString &url);
    // Stores the key in the keychain and hands it to the core; never kept anywhere else.
    Q_INVOKABLE void setApiKey(const QString &providerId, const QString &key);
    Q_INVOKABLE void clearApiKey(const QString &providerId);
    // Lists the provider's models as a cheap authenticated request.
    Q_INVOKABLE void testConnection(const QString &providerId);
    Q_INVOKABLE int rowOf(const QString &providerId) const;
    Q_INVOKABLE QString nameOf(const QString &providerId) const;
    // Ids of local providers whose server answered, in table order.
    QStringList detectedLocalServers() const;

    // Reads the stored key of every provider that takes one.
    void loadKeys();
    void setLocalServerDetected(const QString &providerId, bool detected);
    // Re-reads the provider list (after a custom provider was added).
    void reload();

Q_SIGNALS:
    void usableCountChanged();
    void detectedLocalServersChanged();
    // A provider became usable or stopped being usable.
    void providersChanged();
    void keySaved(const QString &providerId, bool stored, const QString &message);

private:
    void changedRow(const QString &providerId, const QList<int> &roles);
    void setTest(const QString &providerId, const QString &state, const QString &message);

    Client *m_client;
    AppSettings *m_settings;
    KeyStore *m_keys;
    QList<ProviderInfo> m_providers;
    QSet<QString> m_keychainKeys;
    QSet<QString> m_detected;
    QHash<QString, std::pair<QString, QString>> m_tests;
    int m_lastUsable = 0;
};

} // namespace muxi
