#pragma once

#include <providerregistry.h>

namespace muxi {

// Registers every adapter family and every provider of the built-in table.
void registerBuiltinProviders(ProviderRegistry &registry);

// A registry filled by registerBuiltinProviders(), built on first use.
const ProviderRegistry *builtinRegistry();

} // namespace muxi
