#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/provideradapter.h>
#include <muxi/providerinfo.h>

#include <QHash>
#include <QList>
#include <QStringList>

#include <memory>

namespace muxi {

// The providers Muxi knows and the adapter family each one speaks. The core
// fills nothing in: providers/ registers its families and table at start-up.
class MUXI_CORE_EXPORT ProviderRegistry
{
public:
    void registerFamily(const QString &family, std::shared_ptr<const ProviderAdapter> adapter);
    // Adds or replaces (by id) a provider.
    void registerProvider(const ProviderInfo &info);

    const ProviderAdapter *adapter(const QString &family) const;
    const ProviderInfo *provider(const QString &id) const;
    QList<ProviderInfo> providers() const { return m_providers; }
    QStringList providerIds() const;
    QStringList families() const { return m_adapters.keys(); }

private:
    QHash<QString, std::shared_ptr<const ProviderAdapter>> m_adapters;
    QList<ProviderInfo> m_providers;
};

} // namespace muxi
