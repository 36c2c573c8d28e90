#include "modelpickermodel.h"

#include "appsettings.h"
#include "providerlistmodel.h"

#include <muxi/client.h>
#include <muxi/modelid.h>

namespace muxi {

ModelPickerModel::ModelPickerModel(Client *client, ProviderListModel *providers, AppSettings *settings, QObject *parent)
    : QAbstractListModel(parent)
    , m_client(client)
    , m_providers(providers)
    , m_settings(settings)
{
    const QStringList custom = m_settings->customModels();
    for (const QString &name : custom)
        addModel(name);
}

int ModelPickerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ModelPickerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return QString(e.provider + QLatin1Char('/') + e.model);
    case ProviderRole:
        return e.provider;
    case ProviderNameRole: {
        const std::optional<ProviderInfo> p = m_client->provider(e.provider);
        return p ? p->displayName : e.provider;
    }
    case ModelRole:
        return e.model;
    case CapabilitiesRole:
        return capabilitiesOf(e.provider + QLatin1Char('/') + e.model);
    case SourceRole:
        return e.source;
    default:
        return {};
    }
}

QHash<int, QByteArray> ModelPickerModel::roleNames() const
{
    return {
        {NameRole, "name"},
        {ProviderRole, "provider"},
        {ProviderNameRole, "providerName"},
        {ModelRole, "model"},
        {CapabilitiesRole, "capabilities"},
        {SourceRole, "source"},
    };
}

QStringList ModelPickerModel::capabilitiesOf(const QString &name) const
{
    const qsizetype slash = name.indexOf(QLatin1Char('/'));
    const std::optional<ProviderInfo> p = m_client->provider(slash < 0 ? QStringLiteral("openai") : name.left(slash));
    if (!p)
        return {};
    const Capabilities capabilities = m_client->capabilitiesOf(name);
    // The badges worth showing in a picker; chat and streaming are a given there.
    QStringList badges;
    if (capabilities.testFlag(Capability::Vision))
        badges.append(QStringLiteral("vision"));
    if (capabilities.testFlag(Capability::Tools))
        badges.append(QStringLiteral("tools"));
    if (capabilities.testFlag(Capability::JsonSchema) || capabilities.testFlag(Capability::JsonMode))
        badges.append(QStringLiteral("json"));
    if (capabilities.testFlag(Capability::Audio))
        badges.append(QStringLiteral("audio"));
    if (p->local)
        badges.append(QStringLiteral("local"));
    return badges;
}

QString ModelPickerModel::firstModelOf(const QString &providerId) const
{
    for (const Entry &e : m_entries) {
        if (e.provider == providerId)
            return e.provider + QLatin1Char('/') + e.model;
    }
    return {};
}

int ModelPickerModel::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).provider + QLatin1Char('/') + m_entries.at(i).model == name)
            return int(i);
    }
    return -1;
}

void ModelPickerModel::insert(const Entry &entry)
{
    if (indexOf(entry.provider + QLatin1Char('/') + entry.model) >= 0)
        return;
    // Sorted by provider, then model, so the picker groups by provider.
    qsizetype at = 0;
    while (at < m_entries.size()
           && std::tie(m_entries.at(at).provider, m_entries.at(at).model) < std::tie(entry.provider, entry.model))
        ++at;
    beginInsertRows({}, int(at), int(at));
    m_entries.insert(at, entry);
    endInsertRows();
}

bool ModelPickerModel::addModel(const QString &name)
{
    QStringList known;
    for (const ProviderInfo &p : m_client->providers())
        known.append(p.id);
    const Expected<ModelId> id = ModelId::parse(name.trimmed(), known);
    if (!id || id->model.isEmpty())
        return false;
    m_settings->addCustomModel(id->toString());
    insert({id->provider, id->model, QStringLiteral("user")});
    return true;
}

void ModelPickerModel::refresh()
{
    const QStringList ids = m_providers->usableProviderIds();
    for (const QString &id : ids) {
        const std::optional<ProviderInfo> p = m_client->provider(id);
        if (!p || !p->capabilities.testFlag(Capability::ModelList))
            continue;
        ++m_pending;
        if (m_pending == 1)
            Q_EMIT loadingChanged();
        Reply *reply = m_client->listModels(id);
        connect(reply, &Reply::finished, this, [this, reply, id] {
            reply->deleteLater();
            if (!reply->hasError()) {
                const ModelList models = reply->models();
                for (const ModelInfo &m : models)
                    insert({id, m.id, QStringLiteral("listed")});
            }
            if (--m_pending == 0)
                Q_EMIT loadingChanged();
        });
    }
}

} // namespace muxi
