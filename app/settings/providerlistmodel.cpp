#include "providerlistmodel.h"

#include "appsettings.h"
#include "keystore.h"

#include <muxi/client.h>

namespace muxi {

namespace {
QString statusName(ProviderInfo::Status status)
{
    switch (status) {
    case ProviderInfo::Status::Live:
        return QStringLiteral("live");
    case ProviderInfo::Status::Discontinued:
        return QStringLiteral("discontinued");
    case ProviderInfo::Status::Disabled:
        return QStringLiteral("disabled");
    }
    return QStringLiteral("live");
}
} // namespace

ProviderListModel::ProviderListModel(Client *client, AppSettings *settings, KeyStore *keys, QObject *parent)
    : QAbstractListModel(parent)
    , m_client(client)
    , m_settings(settings)
    , m_keys(keys)
    , m_providers(client->providers())
{
    m_lastUsable = usableCount();
}

int ProviderListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_providers.size());
}

QVariant ProviderListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProviderInfo &p = m_providers.at(index.row());
    const Configuration &config = m_client->configuration();
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return p.displayName;
    case IdRole:
        return p.id;
    case StatusRole:
        return statusName(p.status);
    case StatusNoteRole:
        return p.statusNote;
    case CapabilitiesRole:
        return capabilityNames(p.capabilities);
    case RequiresKeyRole:
        return p.requiresKey;
    case KeyConfiguredRole:
        return !config.apiKey(p).isEmpty();
    case KeySourceRole: {
        // Where the key comes from, never the key.
        if (m_keychainKeys.contains(p.id))
            return QStringLiteral("keychain");
        const QString source = config.apiKeySource(p);
        return source.startsWith(QLatin1String("env:")) ? source.mid(4) : source;
    }
    case LocalRole:
        return p.local;
    case LocalDetectedRole:
        return m_detected.contains(p.id);
    case EnabledRole:
        return config.isEnabled(p.id);
    case BaseUrlRole:
        return config.baseUrl(p).toString();
    case DefaultBaseUrlRole:
        return p.defaultBaseUrl.toString();
    case UsableRole:
        return isUsable(p.id);
    case TestStateRole:
        return m_tests.value(p.id).first;
    case TestMessageRole:
        return m_tests.value(p.id).second;
    default:
        return {};
    }
}

QHash<int, QByteArray> ProviderListModel::roleNames() const
{
    return {
        {IdRole, "providerId"},
        {NameRole, "name"},
        {StatusRole, "status"},
        {StatusNoteRole, "statusNote"},
        {CapabilitiesRole, "capabilities"},
        {RequiresKeyRole, "requiresKey"},
        {KeyConfiguredRole, "keyConfigured"},
        {KeySourceRole, "keySource"},
        {LocalRole, "local"},
        {LocalDetectedRole, "localDetected"},
        {EnabledRole, "enabled"},
        {BaseUrlRole, "baseUrl"},
        {DefaultBaseUrlRole, "defaultBaseUrl"},
        {UsableRole, "usable"},
        {TestStateRole, "testState"},
        {TestMessageRole, "testMessage"},
    };
}

bool ProviderListModel::isUsable(const QString &providerId) const
{
    const std::optional<ProviderInfo> p = m_client->provider(providerId);
    if (!p || p->status != ProviderInfo::Status::Live || !m_client->configuration().isEnabled(providerId))
        return false;
    if (p->local)
        return m_detected.contains(providerId);
    return !p->requiresKey || !m_client->configuration().apiKey(*p).isEmpty();
}

QStringList ProviderListModel::usableProviderIds() const
{
    QStringList ids;
    for (const ProviderInfo &p : m_providers) {
        if (isUsable(p.id))
            ids.append(p.id);
    }
    return ids;
}

int ProviderListModel::usableCount() const
{
    return int(usableProviderIds().size());
}

int ProviderListModel::rowOf(const QString &providerId) const
{
    for (qsizetype i = 0; i < m_providers.size(); ++i) {
        if (m_providers.at(i).id == providerId)
            return int(i);
    }
    return -1;
}

QString ProviderListModel::nameOf(const QString &providerId) const
{
    const int row = rowOf(providerId);
    return row < 0 ? providerId : m_providers.at(row).displayName;
}

QStringList ProviderListModel::detectedLocalServers() const
{
    QStringList ids;
    for (const ProviderInfo &p : m_providers) {
        if (m_detected.contains(p.id))
            ids.append(p.id);
    }
    return ids;
}

void ProviderListModel::changedRow(const QString &providerId, const QList<int> &roles)
{
    const int row = rowOf(providerId);
    if (row < 0)
        return;
    Q_EMIT dataChanged(index(row), index(row), roles);
    const int usable = usableCount();
    if (usable != m_lastUsable) {
        m_lastUsable = usable;
        Q_EMIT usableCountChanged();
    }
    if (roles.contains(UsableRole))
        Q_EMIT providersChanged();
}

void ProviderListModel::setEnabled(const QString &providerId, bool enabled)
{
    m_settings->setProviderEnabled(providerId, enabled);
    m_client->configuration().setEnabled(providerId, enabled);
    changedRow(providerId, {EnabledRole, UsableRole});
}

void ProviderListModel::setBaseUrl(const QString &providerId, const QString &url)
{
    const QUrl parsed = QUrl::fromUserInput(url.trimmed());
    m_settings->setProviderBaseUrl(providerId, url.trimmed().isEmpty() ? QUrl() : parsed);
    m_client->configuration().setBaseUrl(providerId, url.trimmed().isEmpty() ? QUrl() : parsed);
    changedRow(providerId, {BaseUrlRole, UsableRole});
}

void ProviderListModel::setApiKey(const QString &providerId, const QString &key)
{
    const QString trimmed = key.trimmed();
    if (trimmed.isEmpty()) {
        clearApiKey(providerId);
        return;
    }
    // The key serves this session even when it cannot be stored.
    m_client->configuration().setApiKey(providerId, trimmed);
    m_keys->write(providerId, trimmed, [this, providerId](bool ok, const QString &message) {
        if (ok)
            m_keychainKeys.insert(providerId);
        else
            m_keychainKeys.remove(providerId);
        Q_EMIT keySaved(providerId, ok, ok ? tr("Key saved in the keychain.") : message + QLatin1Char(' ') + tr("The key is used for this session only."));
        changedRow(providerId, {KeyConfiguredRole, KeySourceRole, UsableRole});
    });
    changedRow(providerId, {KeyConfiguredRole, KeySourceRole, UsableRole});
}

void ProviderListModel::clearApiKey(const QString &providerId)
{
    m_client->configuration().setApiKey(providerId, QString());
    m_keychainKeys.remove(providerId);
    m_keys->remove(providerId, [this, providerId](bool, const QString &) {
        changedRow(providerId, {KeyConfiguredRole, KeySourceRole, UsableRole});
    });
    changedRow(providerId, {KeyConfiguredRole, KeySourceRole, UsableRole});
}

void ProviderListModel::loadKeys()
{
    for (const ProviderInfo &p : std::as_const(m_providers)) {
        if (!p.requiresKey)
            continue;
        const QString id = p.id;
        m_keys->read(id, [this, id](bool ok, const QString &key) {
            if (!ok || key.isEmpty())
                return;
            m_keychainKeys.insert(id);
            m_client->configuration().setApiKey(id, key);
            changedRow(id, {KeyConfiguredRole, KeySourceRole, UsableRole});
        });
    }
}

void ProviderListModel::setLocalServerDetected(const QString &providerId, bool detected)
{
    if (m_detected.contains(providerId) == detected)
        return;
    if (detected)
        m_detected.insert(providerId);
    else
        m_detected.remove(providerId);
    Q_EMIT detectedLocalServersChanged();
    changedRow(providerId, {LocalDetectedRole, UsableRole});
}

void ProviderListModel::reload()
{
    beginResetModel();
    m_providers = m_client->providers();
    endResetModel();
    m_lastUsable = usableCount();
    Q_EMIT usableCountChanged();
}

void ProviderListModel::setTest(const QString &providerId, const QString &state, const QString &message)
{
    m_tests.insert(providerId, {state, message});
    changedRow(providerId, {TestStateRole, TestMessageRole});
}

void ProviderListModel::testConnection(const QString &providerId)
{
    const std::optional<ProviderInfo> p = m_client->provider(providerId);
    if (!p)
        return;
    if (!p->capabilities.testFlag(Capability::ModelList)) {
        setTest(providerId, QStringLiteral("unknown"), tr("This provider has no model listing to test with; send a message instead."));
        return;
    }
    setTest(providerId, QStringLiteral("running"), tr("Testing…"));
    Reply *reply = m_client->listModels(providerId);
    connect(reply, &Reply::finished, this, [this, reply, providerId, info = *p] {
        reply->deleteLater();
        if (reply->hasError()) {
            Error error = reply->failure();
            error.redact(m_client->configuration().apiKey(info));
            setTest(providerId, QStringLiteral("failed"), error.toString());
        } else {
            setTest(providerId, QStringLiteral("ok"), tr("Connected: %n model(s) listed.", nullptr, int(reply->models().size())));
        }
    });
}

} // namespace muxi
