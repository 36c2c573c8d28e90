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

/// \brief Every configured provider's models as people choose them.
///
/// The provider's own listing (all pages), completed by the curated model
/// table for what listings leave out, kept in a cache file shared by the CLI,
/// the workbench and the gateway so a listing is asked for once per refresh
/// interval. The client is not owned and must outlive the catalogue; the
/// catalogue lives in the client's thread, whose event loop carries the
/// listings. A failed listing is reported, never turned into an empty one.
class MUXI_CORE_EXPORT ModelCatalogue : public QObject
{
    Q_OBJECT

public:
    /// A catalogue asking through `client`, caching in defaultCacheFile() until setCacheFile() says otherwise.
    explicit ModelCatalogue(Client *client, QObject *parent = nullptr);

    /// $XDG_CACHE_HOME/muxi/model-catalogue.json unless set.
    static QString defaultCacheFile();
    /// The cache file in use; empty when none.
    QString cacheFile() const { return m_cacheFile; }
    /// Reads the listings cached there (a missing or broken file is an empty cache); an empty path keeps no cache.
    void setCacheFile(const QString &path);
    /// How old a cached listing may be before refresh() asks again; a day by default.
    void setMaxAge(std::chrono::seconds maxAge) { m_maxAge = maxAge; }

    /// Providers whose listing can be asked for now: live, enabled, with a key
    /// (or needing none), a base URL, and a model listing in their protocol.
    QStringList listableProviders() const;

    /// Asks each of `providerIds` (every listable one when empty) whose cached
    /// listing is older than the maximum age, or each when `force` is set.
    /// Ends with refreshFinished() (at once when nothing needs asking); a
    /// provider that fails keeps its old listing.
    void refresh(const QStringList &providerIds = {}, bool force = false);
    /// True between refresh() and refreshFinished().
    bool isRefreshing() const { return m_pending > 0; }

    /// One provider's models: its listing completed by the table, or the
    /// table's own entries when the provider was never listed.
    ModelList models(const QString &providerId) const;
    /// One model, listed or not: whatever the listing and the table know.
    ModelInfo model(const QString &providerId, const QString &modelId) const;
    /// What `model` can do once its provider's protocol is taken into account.
    Capabilities capabilities(const ModelInfo &model) const;
    /// When the provider's listing was last received; unset when never.
    std::optional<QDateTime> listedAt(const QString &providerId) const;
    /// Why the provider's last refresh failed; unset after a success.
    std::optional<Error> lastError(const QString &providerId) const;

Q_SIGNALS:
    /// A provider's listing arrived and was saved to the cache.
    void providerListed(const QString &providerId);
    /// A provider's listing failed with `error`; its old listing stays.
    void providerFailed(const QString &providerId, const muxi::Error &error);
    /// Every listing asked for by refresh() has arrived or failed.
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
