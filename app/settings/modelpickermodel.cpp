#include "modelpickermodel.h"

#include "appsettings.h"
#include "providerlistmodel.h"

#include <muxi/client.h>
#include <muxi/modelcatalogue.h>
#include <muxi/modelid.h>

#include <QJsonArray>

namespace muxi {

namespace {
QString providerOf(const QString &name)
{
    const qsizetype slash = name.indexOf(QLatin1Char('/'));
    return slash < 0 ? QStringLiteral("openai") : name.left(slash);
}
} // namespace

ModelPickerModel::ModelPickerModel(Client *client, ModelCatalogue *catalogue, ProviderListModel *providers, AppSettings *settings,
                                   QObject *parent)
    : QAbstractListModel(parent)
    , m_client(client)
    , m_catalogue(catalogue)
    , m_providers(providers)
    , m_settings(settings)
{
    // What is known before any request: cached listings and the curated table.
    for (const ProviderInfo &p : m_client->providers())
        addProviderModels(p.id, m_catalogue->listedAt(p.id) ? QStringLiteral("listed") : QStringLiteral("table"));
    const QStringList custom = m_settings->customModels();
    for (const QString &name : custom)
        addModel(name);
    connect(m_catalogue, &ModelCatalogue::providerListed, this, [this](const QString &providerId) {
        addProviderModels(providerId, QStringLiteral("listed"));
    });
    connect(m_catalogue, &ModelCatalogue::refreshFinished, this, [this] {
        if (!m_loading)
            return;
        m_loading = false;
        Q_EMIT loadingChanged();
    });
    // A key entered or a local server found makes its models usable.
    connect(m_providers, &ProviderListModel::providersChanged, this, [this] {
        // All roles: the picker's filter re-sorts usable models before the others.
        announceAll({});
    });
}

int ModelPickerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QString ModelPickerModel::nameOf(const Entry &entry)
{
    return entry.provider + QLatin1Char('/') + entry.model;
}

QVariant ModelPickerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    const QString name = nameOf(e);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return name;
    case ProviderRole:
        return e.provider;
    case ProviderNameRole: {
        const std::optional<ProviderInfo> p = m_client->provider(e.provider);
        return p ? p->displayName : e.provider;
    }
    case ModelRole:
        return e.model;
    case CapabilitiesRole:
        return capabilitiesOf(name);
    case SourceRole:
        return e.source;
    case DisplayNameRole:
        return e.displayName.isEmpty() ? e.model : e.displayName;
    case ContextWindowRole:
        return e.contextWindow.value_or(0);
    case InputPriceRole:
        return e.inputPrice.value_or(-1.0);
    case OutputPriceRole:
        return e.outputPrice.value_or(-1.0);
    case LocalRole: {
        const std::optional<ProviderInfo> p = m_client->provider(e.provider);
        return p && p->local;
    }
    case AvailableRole:
        return m_providers->isUsable(e.provider);
    case UnavailableReasonRole:
        return unavailableReason(name);
    case FavouriteRole:
        return m_settings->favouriteModels().contains(name);
    case RecentRankRole:
        return int(m_settings->recentModels().indexOf(name));
    case SectionRole:
        if (m_settings->favouriteModels().contains(name))
            return QStringLiteral("favourites");
        if (m_settings->recentModels().contains(name))
            return QStringLiteral("recent");
        return QStringLiteral("all");
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
        {DisplayNameRole, "displayName"},
        {ContextWindowRole, "contextWindow"},
        {InputPriceRole, "inputPrice"},
        {OutputPriceRole, "outputPrice"},
        {LocalRole, "local"},
        {AvailableRole, "available"},
        {UnavailableReasonRole, "unavailableReason"},
        {FavouriteRole, "favourite"},
        {RecentRankRole, "recentRank"},
        {SectionRole, "section"},
    };
}

QStringList ModelPickerModel::capabilitiesOf(const QString &name) const
{
    const std::optional<ProviderInfo> p = m_client->provider(providerOf(name));
    if (!p)
        return {};
    const int row = indexOf(name);
    const Capabilities capabilities = row >= 0 ? m_entries.at(row).capabilities : m_client->capabilitiesOf(name);
    // The ones worth showing in a picker; chat and streaming are a given there.
    QStringList badges;
    if (capabilities.testFlag(Capability::Vision))
        badges.append(QStringLiteral("vision"));
    if (capabilities.testFlag(Capability::Audio))
        badges.append(QStringLiteral("audio"));
    if (capabilities.testFlag(Capability::Tools))
        badges.append(QStringLiteral("tools"));
    if (capabilities.testFlag(Capability::JsonSchema) || capabilities.testFlag(Capability::JsonMode))
        badges.append(QStringLiteral("json"));
    if (row >= 0 && m_entries.at(row).reasoning)
        badges.append(QStringLiteral("reasoning"));
    if (p->local)
        badges.append(QStringLiteral("local"));
    return badges;
}

QString ModelPickerModel::firstModelOf(const QString &providerId) const
{
    // Listed models first: the table may name models this account cannot use.
    for (const QString &source : {QStringLiteral("listed"), QStringLiteral("user"), QStringLiteral("table")}) {
        for (const Entry &e : m_entries) {
            if (e.provider == providerId && e.source == source)
                return nameOf(e);
        }
    }
    return {};
}

qint64 ModelPickerModel::contextWindowOf(const QString &name) const
{
    const int row = indexOf(name);
    if (row >= 0)
        return m_entries.at(row).contextWindow.value_or(0);
    const qsizetype slash = name.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return 0;
    return m_catalogue->model(name.left(slash), name.mid(slash + 1)).contextWindow.value_or(0);
}

QString ModelPickerModel::unavailableReason(const QString &name) const
{
    const QString providerId = providerOf(name);
    const std::optional<ProviderInfo> p = m_client->provider(providerId);
    if (!p)
        return tr("no provider is called %1").arg(providerId);
    if (m_providers->isUsable(providerId))
        return {};
    if (p->status != ProviderInfo::Status::Live)
        return p->statusNote.isEmpty() ? tr("%1 is not in service").arg(p->displayName) : p->statusNote;
    if (!m_client->configuration().isEnabled(providerId))
        return tr("%1 is turned off in Settings").arg(p->displayName);
    if (p->local) {
        const QUrl url = m_client->configuration().baseUrl(*p);
        return tr("no %1 server answered at %2; start it or set its address in Settings").arg(p->displayName, url.toString());
    }
    const QStringList variables = p->allKeyVariables();
    return tr("needs %1 or a key in Settings").arg(variables.isEmpty() ? p->displayName : variables.first());
}

bool ModelPickerModel::isFavourite(const QString &name) const
{
    return m_settings->favouriteModels().contains(name);
}

void ModelPickerModel::setFavourite(const QString &name, bool favourite)
{
    if (isFavourite(name) == favourite)
        return;
    m_settings->setFavourite(name, favourite);
    announce({name}, {FavouriteRole, SectionRole});
}

void ModelPickerModel::noteUsed(const QString &name)
{
    const QStringList before = m_settings->recentModels();
    m_settings->noteModelUsed(name);
    // Every model that was or is recent moved (or dropped off the end).
    QStringList touched = before;
    touched.append(name);
    announce(touched, {RecentRankRole, SectionRole});
}

void ModelPickerModel::announce(const QStringList &names, const QList<int> &roles)
{
    for (const QString &name : names) {
        const int row = indexOf(name);
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row), roles);
    }
}

void ModelPickerModel::announceAll(const QList<int> &roles)
{
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_entries.size()) - 1), roles);
}

int ModelPickerModel::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (nameOf(m_entries.at(i)) == name)
            return int(i);
    }
    return -1;
}

ModelPickerModel::Entry ModelPickerModel::entryFor(const ModelInfo &info, const QString &source) const
{
    Entry e;
    e.provider = info.provider;
    e.model = info.id;
    e.source = source;
    e.displayName = info.displayName;
    e.contextWindow = info.contextWindow;
    e.inputPrice = info.inputPrice;
    e.outputPrice = info.outputPrice;
    e.capabilities = m_catalogue->capabilities(info);
    // OpenRouter's listing names the parameters a model takes; a thinking model takes "reasoning".
    e.reasoning = info.raw.value(QLatin1String("supported_parameters")).toArray().contains(QStringLiteral("reasoning"));
    return e;
}

void ModelPickerModel::addProviderModels(const QString &providerId, const QString &source)
{
    const ModelList models = m_catalogue->models(providerId);
    for (const ModelInfo &info : models) {
        // A chat picker: models known to do something else (embeddings, images) stay out.
        if (info.capabilities && !info.capabilities->testFlag(Capability::Chat))
            continue;
        insert(entryFor(info, source));
    }
}

void ModelPickerModel::insert(const Entry &entry)
{
    if (const int row = indexOf(nameOf(entry)); row >= 0) {
        // A listing confirms what the table or the user named; a typed name never downgrades a listed one.
        Entry &existing = m_entries[row];
        if (entry.source == QLatin1String("user") && existing.source != QLatin1String("user"))
            return;
        existing = entry;
        Q_EMIT dataChanged(index(row), index(row));
        return;
    }
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
    insert(entryFor(m_catalogue->model(id->provider, id->model), QStringLiteral("user")));
    return true;
}

void ModelPickerModel::refresh(bool force)
{
    const QStringList listable = m_catalogue->listableProviders();
    QStringList ids;
    for (const QString &id : m_providers->usableProviderIds()) {
        if (listable.contains(id))
            ids.append(id);
    }
    // An empty list would ask the catalogue for every listable provider.
    if (ids.isEmpty())
        return;
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged();
    }
    m_catalogue->refresh(ids, force);
}

} // namespace muxi
