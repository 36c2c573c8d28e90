#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providerregistry.h>

namespace muxi {

// Registers every adapter family, every provider of the built-in table and
// the curated model table (context windows, capabilities, prices).
MUXI_PROVIDERS_EXPORT void registerBuiltinProviders(ProviderRegistry &registry);

// A registry filled by registerBuiltinProviders(), built on first use.
MUXI_PROVIDERS_EXPORT const ProviderRegistry *builtinRegistry();

} // namespace muxi
