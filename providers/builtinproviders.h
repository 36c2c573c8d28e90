#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providerregistry.h>

namespace muxi {

/// Registers every adapter family (openai, anthropic, gemini, bedrock,
/// sagemaker, voyage, replicate, cohere, ollama, tgi, azure), every provider
/// of the built-in table and the curated model table (context windows,
/// capabilities, prices), all compiled into libmuxi-providers, into
/// `registry`, replacing same-named entries. For a program that adds its own
/// families or providers to a registry of its own.
MUXI_PROVIDERS_EXPORT void registerBuiltinProviders(ProviderRegistry &registry);

/// A registry filled by registerBuiltinProviders(), built on first use
/// (thread-safely) and alive until the program exits: what most programs pass
/// to Client. It is read-only, so any thread may use it.
MUXI_PROVIDERS_EXPORT const ProviderRegistry *builtinRegistry();

} // namespace muxi
