#include <muxi/capability.h>

#include <array>
#include <utility>

namespace muxi {

namespace {
constexpr std::array capabilityTable = {
    std::pair{Capability::Chat, "chat"},
    std::pair{Capability::Completions, "completions"},
    std::pair{Capability::Embeddings, "embeddings"},
    std::pair{Capability::Streaming, "streaming"},
    std::pair{Capability::Tools, "tools"},
    std::pair{Capability::Vision, "vision"},
    std::pair{Capability::Audio, "audio"},
    std::pair{Capability::JsonMode, "json_mode"},
    std::pair{Capability::JsonSchema, "json_schema"},
    std::pair{Capability::ModelList, "models"},
    std::pair{Capability::ImageUrls, "image_urls"},
};
}

QStringList capabilityNames(Capabilities capabilities)
{
    QStringList names;
    for (const auto &[flag, name] : capabilityTable) {
        if (capabilities.testFlag(flag))
            names.append(QString::fromLatin1(name));
    }
    return names;
}

Capabilities capabilitiesFromNames(const QStringList &names)
{
    Capabilities capabilities;
    for (const auto &[flag, name] : capabilityTable) {
        if (names.contains(QLatin1String(name)))
            capabilities |= flag;
    }
    return capabilities;
}

} // namespace muxi
