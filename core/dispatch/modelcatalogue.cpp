#include <muxi/modelcatalogue.h>

#include <muxi/client.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace muxi {

namespace {
constexpr int cacheVersion = 1;
}

ModelCatalogue::ModelCatalogue(Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    setCacheFile(defaultCacheFile());
}

QString ModelCatalogue::defaultCacheFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QLatin1String("/muxi/model-catalogue.json");
}

void ModelCatalogue::setCacheFile(const QString &path)
{
    m_cacheFile = path;
    m_listings.clear();
    loadCache();
}

QStringList ModelCatalogue::listableProviders() const
{
    const Configuration &config = m_client->configuration();
    QStringList ids;
    for (const ProviderInfo &info : m_client->providers()) {
        if (info.status != ProviderInfo::Status::Live || !config.isEnabled(info.id)
            || !info.capabilities.testFlag(Capability::ModelList) || config.baseUrl(info).isEmpty())
            continue;
        if (info.requiresKey && config.apiKey(info).isEmpty())
            continue;
        ids.append(info.id);
    }
    return ids;
}

void ModelCatalogue::refresh(const QStringList &providerIds, bool force)
{
    const QStringList ids = providerIds.isEmpty() ? listableProviders() : providerIds;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    ++m_pending; // held until every request below is sent, so an instant answer cannot end the refresh early
    for (const QString &id : ids) {
        const auto cached = m_listings.constFind(id);
        if (!force && cached != m_listings.constEnd() && cached->listedAt.secsTo(now) < m_maxAge.count())
            continue;
        ++m_pending;
        Reply *reply = m_client->listModels(id);
        connect(reply, &Reply::finished, this, [this, reply, id] {
            reply->deleteLater();
            if (reply->hasError()) {
                m_errors.insert(id, reply->failure());
                Q_EMIT providerFailed(id, reply->failure());
            } else {
                m_errors.remove(id);
                m_listings.insert(id, {QDateTime::currentDateTimeUtc(), reply->models()});
                saveCache();
                Q_EMIT providerListed(id);
            }
            settle();
        });
    }
    settle();
}

void ModelCatalogue::settle()
{
    if (--m_pending == 0)
        Q_EMIT refreshFinished();
}

ModelList ModelCatalogue::models(const QString &providerId) const
{
    const auto listing = m_listings.constFind(providerId);
    ModelList models = listing != m_listings.constEnd() ? listing->models : m_client->registry().knownModels(providerId);
    for (ModelInfo &model : models)
        model = completed(std::move(model));
    return models;
}

ModelInfo ModelCatalogue::model(const QString &providerId, const QString &modelId) const
{
    const auto listing = m_listings.constFind(providerId);
    if (listing != m_listings.constEnd()) {
        for (const ModelInfo &model : listing->models) {
            if (model.id == modelId)
                return completed(model);
        }
    }
    ModelInfo model;
    model.provider = providerId;
    model.id = modelId;
    return completed(std::move(model));
}

Capabilities ModelCatalogue::capabilities(const ModelInfo &model) const
{
    const std::optional<ProviderInfo> provider = m_client->provider(model.provider);
    return provider ? provider->capabilitiesFor(model.capabilities) : Capabilities();
}

std::optional<QDateTime> ModelCatalogue::listedAt(const QString &providerId) const
{
    const auto listing = m_listings.constFind(providerId);
    return listing == m_listings.constEnd() ? std::nullopt : std::optional(listing->listedAt);
}

std::optional<Error> ModelCatalogue::lastError(const QString &providerId) const
{
    const auto error = m_errors.constFind(providerId);
    return error == m_errors.constEnd() ? std::nullopt : std::optional(*error);
}

ModelInfo ModelCatalogue::completed(ModelInfo model) const
{
    // The listing speaks for the model first; the table fills the gaps.
    if (const std::optional<ModelInfo> known = m_client->registry().knownModel(model.provider, model.id))
        model.fillFrom(*known);
    return model;
}

void ModelCatalogue::loadCache()
{
    if (m_cacheFile.isEmpty())
        return;
    QFile file(m_cacheFile);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    if (root.value(QLatin1String("version")).toInt() != cacheVersion)
        return;
    const QJsonObject providers = root.value(QLatin1String("providers")).toObject();
    for (auto it = providers.begin(); it != providers.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        Listing listing;
        listing.listedAt = QDateTime::fromString(entry.value(QLatin1String("listed_at")).toString(), Qt::ISODate);
        if (!listing.listedAt.isValid())
            continue;
        const QJsonArray models = entry.value(QLatin1String("models")).toArray();
        for (const QJsonValue &model : models) {
            ModelInfo info = ModelInfo::fromCatalogueJson(model.toObject());
            info.provider = it.key();
            listing.models.append(info);
        }
        m_listings.insert(it.key(), listing);
    }
}

void ModelCatalogue::saveCache() const
{
    if (m_cacheFile.isEmpty())
        return;
    QJsonObject providers;
    for (auto it = m_listings.begin(); it != m_listings.end(); ++it) {
        QJsonArray models;
        for (const ModelInfo &model : it->models)
            models.append(model.toCatalogueJson(model.capabilities));
        providers.insert(it.key(), QJsonObject{
            {QLatin1String("listed_at"), it->listedAt.toString(Qt::ISODateWithMs)},
            {QLatin1String("models"), models},
        });
    }
    QDir().mkpath(QFileInfo(m_cacheFile).absolutePath());
    QSaveFile file(m_cacheFile);
    // A cache that cannot be written only costs a listing request next time.
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(QJsonObject{{QLatin1String("version"), cacheVersion}, {QLatin1String("providers"), providers}})
                   .toJson(QJsonDocument::Compact));
    file.commit();
}

} // namespace muxi
