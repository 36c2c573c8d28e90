#pragma once

#include <muxi/muxi_core_export.h>

#include <QFlags>
#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QUrl>

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

MUXI_CORE_EXPORT QStringList capabilityNames(Capabilities capabilities);
MUXI_CORE_EXPORT Capabilities capabilitiesFromNames(const QStringList &names);

// What Muxi knows about one provider before any configuration: where it
// lives, how it authenticates, which adapter family speaks its protocol.
class MUXI_CORE_EXPORT ProviderInfo
{
public:
    enum class Status { Live, Discontinued, Disabled };

    QString id;
    QString displayName;
    // The adapter family that speaks this provider's wire format ("openai", "anthropic", …).
    QString family;
    QUrl defaultBaseUrl;
    // Conventional variables besides <ID>_API_KEY and <ID>_BASE_URL.
    QStringList keyVariables;
    QStringList baseUrlVariables;
    // Settings that conventional variables may supply ("api_version" ← OPENAI_API_VERSION), first set one wins.
    QMap<QString, QStringList> settingVariables;
    bool requiresKey = true;
    // Services with no shared endpoint (a workspace URL, the user's own deployment).
    bool requiresBaseUrl = false;
    bool local = false;
    Capabilities capabilities;
    Status status = Status::Live;
    QString statusNote;
    // Family-specific data the adapter interprets: parameter quirks, extra headers, API versions.
    QJsonObject options;

    // <ID>_API_KEY first, then the provider's own conventions.
    QStringList allKeyVariables() const;
    QStringList allBaseUrlVariables() const;

    static ProviderInfo fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

} // namespace muxi
