#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/providerinfo.h>

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace muxi {

/// \brief Where one attempt goes: a configured provider and the model name it knows.
///
/// Holds the key only for the adapter that signs the request; never printed.
/// Client::resolve() makes one from a "provider/model" name.
class MUXI_CORE_EXPORT Target
{
public:
    /// The provider, as in the registry or the configuration.
    ProviderInfo provider;
    /// The model as the provider knows it, without the "provider/" prefix.
    QString model;
    /// The configured base URL, or the provider's default.
    QUrl baseUrl;
    /// The key from the environment or a run-time override; empty for providers without keys.
    QString apiKey;
    /// Provider settings from configuration (api-version, region, …), merged over the table's options.
    QJsonObject settings;
    /// The environment the configuration was read from, for adapters that find
    /// their own credentials (AWS profiles and shared credential files).
    QProcessEnvironment environment;
    /// Temporary credentials a TargetPreparation fetched for the adapter
    /// (AWS: access_key_id, secret_access_key, session_token); never printed.
    QJsonObject credentials;

    /// "provider/model".
    QString displayName() const { return provider.id + QLatin1Char('/') + model; }
    /// baseUrl with `path` appended, keeping the base's own path prefix and query.
    QUrl endpoint(const QString &path) const;
};

} // namespace muxi
