#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/capability.h>

#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace muxi {

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

    // What one of this provider's models can do: the model's own flags where
    // known, within what the provider's protocol carries.
    Capabilities capabilitiesFor(const std::optional<Capabilities> &model) const;

    static ProviderInfo fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

} // namespace muxi
