#include <muxi/providerregistry.h>

namespace muxi {

void ProviderRegistry::registerFamily(const QString &family, std::shared_ptr<const ProviderAdapter> adapter)
{
    m_adapters.insert(family, std::move(adapter));
}

void ProviderRegistry::registerProvider(const ProviderInfo &info)
{
    for (ProviderInfo &existing : m_providers) {
        if (existing.id == info.id) {
            existing = info;
            return;
        }
    }
    m_providers.append(info);
}

void ProviderRegistry::registerKnownModel(const ModelInfo &model)
{
    ModelList &models = m_knownModels[model.provider];
    for (ModelInfo &existing : models) {
        if (existing.id == model.id) {
            existing = model;
            return;
        }
    }
    models.append(model);
}

std::optional<ModelInfo> ProviderRegistry::knownModel(const QString &providerId, const QString &model) const
{
    const ModelList models = m_knownModels.value(providerId);
    const ModelInfo *best = nullptr;
    qsizetype bestLength = -1;
    for (const ModelInfo &entry : models) {
        if (entry.id == model)
            return entry;
        if (!entry.id.endsWith(QLatin1Char('*')))
            continue;
        const QStringView prefix = QStringView(entry.id).chopped(1);
        if (model.startsWith(prefix) && prefix.size() > bestLength) {
            best = &entry;
            bestLength = prefix.size();
        }
    }
    if (!best)
        return std::nullopt;
    ModelInfo match = *best;
    match.id = model;
    return match;
}

ModelList ProviderRegistry::knownModels(const QString &providerId) const
{
    ModelList named;
    for (const ModelInfo &entry : m_knownModels.value(providerId)) {
        if (!entry.id.endsWith(QLatin1Char('*')))
            named.append(entry);
    }
    return named;
}

const ProviderAdapter *ProviderRegistry::adapter(const QString &family) const
{
    const auto it = m_adapters.constFind(family);
    return it == m_adapters.constEnd() ? nullptr : it->get();
}

const ProviderInfo *ProviderRegistry::provider(const QString &id) const
{
    for (const ProviderInfo &info : m_providers) {
        if (info.id == id)
            return &info;
    }
    return nullptr;
}

QStringList ProviderRegistry::providerIds() const
{
    QStringList ids;
    ids.reserve(m_providers.size());
    for (const ProviderInfo &info : m_providers)
        ids.append(info.id);
    return ids;
}

} // namespace muxi
