#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/capability.h>

#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace muxi {

/// \brief What Muxi knows about one provider before any configuration: where it
/// lives, how it authenticates, which adapter family speaks its protocol.
///
/// The built-in providers come from providers.json inside libmuxi-providers;
/// users add OpenAI-compatible ones through Configuration::addCustomProvider()
/// or the config file.
class MUXI_CORE_EXPORT ProviderInfo
{
public:
    /// Whether the provider can be used.
    enum class Status {
        Live, ///< In service.
        Discontinued, ///< Shut down; usable only with a base URL pointing at a replacement.
        Disabled ///< Unavailable for the reason in #statusNote; usable only with a base URL of the user's.
    };

    /// The id used in "provider/model" names and, upper-cased with - and . as _,
    /// in variable names (`<ID>_API_KEY`).
    QString id;
    /// The name shown to people.
    QString displayName;
    /// The adapter family that speaks this provider's wire format ("openai", "anthropic", …).
    QString family;
    /// Where the API lives unless configured otherwise; empty for services without a shared endpoint.
    QUrl defaultBaseUrl;
    /// Conventional variables besides `<ID>_API_KEY` and `<ID>_BASE_URL`.
    QStringList keyVariables;
    /// Conventional base URL variables besides `<ID>_BASE_URL`.
    QStringList baseUrlVariables;
    /// Settings that conventional variables may supply ("api_version" ← OPENAI_API_VERSION), first set one wins.
    QMap<QString, QStringList> settingVariables;
    /// False for services that take requests without a key (local servers).
    bool requiresKey = true;
    /// Services with no shared endpoint (a workspace URL, the user's own deployment).
    bool requiresBaseUrl = false;
    /// Runs on the user's machine (Ollama, llama.cpp).
    bool local = false;
    /// What the provider's protocol can carry; see capabilitiesFor() for one model.
    Capabilities capabilities;
    /// Whether the provider can be used.
    Status status = Status::Live;
    /// Why a provider is discontinued or disabled, and what to use instead.
    QString statusNote;
    /// Family-specific data the adapter interprets: parameter quirks, extra headers, API versions.
    QJsonObject options;

    /// `<ID>_API_KEY` first, then the provider's own conventions.
    QStringList allKeyVariables() const;
    /// `<ID>_BASE_URL` first, then the provider's own conventions.
    QStringList allBaseUrlVariables() const;

    /// What one of this provider's models can do: the model's own flags where
    /// known, within what the provider's protocol carries.
    Capabilities capabilitiesFor(const std::optional<Capabilities> &model) const;

    /// Reads one entry of providers.json (or of the config file's custom providers).
    static ProviderInfo fromJson(const QJsonObject &object);
    /// The entry in fromJson()'s shape.
    QJsonObject toJson() const;
};

} // namespace muxi
