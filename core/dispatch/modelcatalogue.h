#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/error.h>
#include <muxi/modelinfo.h>

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <chrono>
#include <optional>

namespace muxi {

class Client;
class ProviderInfo;

// Every configured provider's models as people choose them: the provider's
// own listing (all pages), completed by the curated model table for what
// listings leave out, kept in a cache file shared by the CLI, the workbench
// and the gateway so a listing is asked for once per refresh interval.
class MUXI_CORE_EXPORT ModelCatalogue : public QObject
{
    Q_OBJECT

public:
    explicit ModelCatalogue(Client *client, QObject *parent = nullptr);

    // $XDG_CACHE_HOME/muxi/model-catalogue.json unless set.
    static QString defaultCacheFile();
    QString cacheFile() const { return m_cacheFile; }
    // Reads the listings cached there (a missing or broken file is an empty cache).
    void setCacheFile(const QString &path);
    // How old a cached listing may be before refresh() asks again; a day by default.
    void setMaxAge(std::chrono::seconds maxAge) { m_maxAge = maxAge; }

    // Providers whose listing can be asked for now: live, enabled, with a key
    // (or needing none), a base URL, and a model listing in their protocol.
    QStringList listableProviders() const;

    // Asks each of `providerIds` (every listable one when empty) whose cached
    // listing is older than the maximum age, or each when `force` is set.
    // Ends with refreshFinished(); a provider that fails keeps its old listing.
    void refresh(const QStringList &providerIds = {}, bool force = false);
    bool isRefreshing() const { return m_pending > 0; }

    // One provider's models: its listing completed by the table, or the
    // table's own entries when the provider was never listed.
    ModelList models(const QString &providerId) const;
    // One model, listed or not: whatever the listing and the table know.
    ModelInfo model(const QString &providerId, const QString &modelId) const;
    // What `model` can do once its provider's protocol is taken into account.
    Capabilities capabilities(const ModelInfo &model) const;
    // When the provider's listing was last received; unset when never.
    std::optional<QDateTime> listedAt(const QString &providerId) const;
    // Why the provider's last refresh failed; unset after a success.
    std::optional<Error> lastError(const QString &providerId) const;

Q_SIGNALS:
    void providerListed(const QString &providerId);
    void providerFailed(const QString &providerId, const muxi::Error &error);
    void refreshFinished();

private:
    struct Listing {
        QDateTime listedAt;
        ModelList models;
    };
    void loadCache();
    void saveCache() const;
    ModelInfo completed(ModelInfo model) const;
    void settle();

    Client *m_client;
    QString m_cacheFile;
    std::chrono::seconds m_maxAge{std::chrono::hours(24)};
    QHash<QString, Listing> m_listings;
    QHash<QString, Error> m_errors;
    int m_pending = 0;
};

} // namespace muxi
