#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/providerinfo.h>

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace muxi {

// Where one attempt goes: a configured provider and the model name it knows.
// Holds the key only for the adapter that signs the request; never printed.
class MUXI_CORE_EXPORT Target
{
public:
    ProviderInfo provider;
    QString model;
    QUrl baseUrl;
    QString apiKey;
    // Provider settings from configuration (api-version, region, …), merged over the table's options.
    QJsonObject settings;
    // The environment the configuration was read from, for adapters that find
    // their own credentials (AWS profiles and shared credential files).
    QProcessEnvironment environment;
    // Temporary credentials a TargetPreparation fetched for the adapter
    // (AWS: access_key_id, secret_access_key, session_token); never printed.
    QJsonObject credentials;

    QString displayName() const { return provider.id + QLatin1Char('/') + model; }
    // baseUrl with `path` appended, keeping the base's own path prefix and query.
    QUrl endpoint(const QString &path) const;
};

} // namespace muxi
