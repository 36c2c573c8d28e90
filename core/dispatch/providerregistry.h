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

/// \brief The providers Muxi knows, the adapter family each one speaks, and
/// the curated table of known models.
///
/// The core fills nothing in: libmuxi-providers registers its families and
/// tables (registerBuiltinProviders(), builtinRegistry()). A program may build
/// its own registry, e.g. to add a family, then pass it to Client. Filling a
/// registry is not thread-safe; once filled, its const functions may be
/// called from any thread, and the registry must outlive the clients using it.
class MUXI_CORE_EXPORT ProviderRegistry
{
public:
    /// Makes `adapter` speak for every provider whose ProviderInfo::family is
    /// `family`; replaces an adapter registered under the same name.
    void registerFamily(const QString &family, std::shared_ptr<const ProviderAdapter> adapter);
    /// Adds or replaces (by id) a provider.
    void registerProvider(const ProviderInfo &info);

    /// Adds an entry of the curated model table. Its id may end in '*' to
    /// describe every model whose name starts with what comes before.
    void registerKnownModel(const ModelInfo &model);
    /// The table's entry for `model` at `providerId`: the exact name first,
    /// then the longest matching pattern; nullopt when none matches.
    std::optional<ModelInfo> knownModel(const QString &providerId, const QString &model) const;
    /// The table's named (not pattern) entries for one provider.
    ModelList knownModels(const QString &providerId) const;

    /// The adapter of `family`; nullptr when none is registered. Owned by the registry.
    const ProviderAdapter *adapter(const QString &family) const;
    /// The provider with `id`; nullptr when unknown. Valid until the registry changes.
    const ProviderInfo *provider(const QString &id) const;
    /// Every provider, in registration order.
    QList<ProviderInfo> providers() const { return m_providers; }
    /// The ids of providers(), in the same order.
    QStringList providerIds() const;
    /// The registered family names, in no particular order.
    QStringList families() const { return m_adapters.keys(); }

private:
    QHash<QString, std::shared_ptr<const ProviderAdapter>> m_adapters;
    QList<ProviderInfo> m_providers;
    QHash<QString, ModelList> m_knownModels;
};

} // namespace muxi
