#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/provideradapter.h>
#include <muxi/modelinfo.h>
#include <muxi/providerinfo.h>

#include <QHash>
#include <QList>
#include <QStringList>

#include <memory>
#include <optional>

namespace muxi {

// The providers Muxi knows and the adapter family each one speaks. The core
// fills nothing in: providers/ registers its families and table at start-up.
class MUXI_CORE_EXPORT ProviderRegistry
{
public:
    void registerFamily(const QString &family, std::shared_ptr<const ProviderAdapter> adapter);
    // Adds or replaces (by id) a provider.
    void registerProvider(const ProviderInfo &info);

    // Adds an entry of the curated model table. Its id may end in '*' to
    // describe every model whose name starts with what comes before.
    void registerKnownModel(const ModelInfo &model);
    // The table's entry for `model` at `providerId`: the exact name first,
    // then the longest matching pattern.
    std::optional<ModelInfo> knownModel(const QString &providerId, const QString &model) const;
    // The table's named (not pattern) entries for one provider.
    ModelList knownModels(const QString &providerId) const;

    const ProviderAdapter *adapter(const QString &family) const;
    const ProviderInfo *provider(const QString &id) const;
    QList<ProviderInfo> providers() const { return m_providers; }
    QStringList providerIds() const;
    QStringList families() const { return m_adapters.keys(); }

private:
    QHash<QString, std::shared_ptr<const ProviderAdapter>> m_adapters;
    QList<ProviderInfo> m_providers;
    QHash<QString, ModelList> m_knownModels;
};

} // namespace muxi
