#pragma once

#include <muxi/muxi_core_export.h>

#include <QFlags>
#include <QStringList>

namespace muxi {

enum class Capability {
    Chat = 1 << 0,
    Completions = 1 << 1,
    Embeddings = 1 << 2,
    Streaming = 1 << 3,
    Tools = 1 << 4,
    Vision = 1 << 5,
    Audio = 1 << 6,
    JsonMode = 1 << 7,
    JsonSchema = 1 << 8,
    ModelList = 1 << 9,
    // Accepts images by remote URL; without it images must be sent as bytes.
    ImageUrls = 1 << 10,
};
Q_DECLARE_FLAGS(Capabilities, Capability)
Q_DECLARE_OPERATORS_FOR_FLAGS(Capabilities)

// The capabilities that depend on the model rather than on the provider's
// protocol: what a model's own entry in the catalogue decides.
constexpr Capabilities modelCapabilityMask = Capability::Chat | Capability::Completions | Capability::Embeddings
    | Capability::Tools | Capability::Vision | Capability::Audio | Capability::JsonMode | Capability::JsonSchema;

MUXI_CORE_EXPORT QStringList capabilityNames(Capabilities capabilities);
MUXI_CORE_EXPORT Capabilities capabilitiesFromNames(const QStringList &names);

} // namespace muxi
