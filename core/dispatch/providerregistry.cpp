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
