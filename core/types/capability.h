#pragma once

#include <muxi/muxi_core_export.h>

#include <QFlags>
#include <QStringList>

namespace muxi {

/// What a provider (ProviderInfo::capabilities) or a model (ModelInfo::capabilities)
/// can do. The client skips a candidate lacking what a request needs (with an
/// Error::Kind::Unsupported attempt) or adapts the request to it.
enum class Capability {
    Chat = 1 << 0, ///< Chat completions.
    Completions = 1 << 1, ///< Legacy text completions.
    Embeddings = 1 << 2, ///< Embedding vectors.
    Streaming = 1 << 3, ///< Streamed answers; without it a stream is replayed from the whole answer.
    Tools = 1 << 4, ///< Function calling.
    Vision = 1 << 5, ///< Images in messages.
    Audio = 1 << 6, ///< Audio in messages.
    JsonMode = 1 << 7, ///< A native JSON object mode; without it JsonModeEmulation steps in.
    JsonSchema = 1 << 8, ///< Native JSON schema answers.
    ModelList = 1 << 9, ///< A model listing endpoint.
    /// Accepts images by remote URL; without it images must be sent as bytes.
    ImageUrls = 1 << 10,
};
/// A set of Capability flags.
Q_DECLARE_FLAGS(Capabilities, Capability)
Q_DECLARE_OPERATORS_FOR_FLAGS(Capabilities)

/// The capabilities that depend on the model rather than on the provider's
/// protocol: what a model's own entry in the catalogue decides.
constexpr Capabilities modelCapabilityMask = Capability::Chat | Capability::Completions | Capability::Embeddings
    | Capability::Tools | Capability::Vision | Capability::Audio | Capability::JsonMode | Capability::JsonSchema;

/// The names of the flags in `capabilities` as providers.json writes them ("chat", "json_mode", "image_urls", …).
MUXI_CORE_EXPORT QStringList capabilityNames(Capabilities capabilities);
/// The flags named in `names`; unknown names are ignored.
MUXI_CORE_EXPORT Capabilities capabilitiesFromNames(const QStringList &names);

} // namespace muxi
