#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/chatrequest.h>
#include <muxi/contentpart.h>
#include <muxi/expected.h>
#include <muxi/target.h>
#include <muxi/timeouts.h>

#include <QHash>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace muxi {

/// \brief Fetches images given by URL for providers that take only inline bytes.
///
/// Each download has a size limit (a declared Content-Length over it is
/// refused before the body is read) and a check that what came back is an
/// image. Reply uses it before sending to a provider without
/// Capability::ImageUrls. Lives in the thread of its QNetworkAccessManager,
/// which must outlive it.
class MUXI_CORE_EXPORT ImageDownloader : public QObject
{
    Q_OBJECT

public:
    /// A downloader refusing images over `maxBytes`; `network` is not owned.
    ImageDownloader(QNetworkAccessManager *network, qint64 maxBytes, Timeouts timeouts, QObject *parent = nullptr);

    /// Starts every download at once (each URL once); finished() follows when
    /// the last one ends, queued when there is nothing to fetch.
    void fetch(const QList<QUrl> &urls);
    /// An inline image part, or why the URL could not become one: an
    /// Error::Kind::BadRequest naming the URL (HTTP error status, too large,
    /// not an image, transport failure, or never fetched). Valid after finished().
    Expected<ContentPart> result(const QUrl &url) const;

Q_SIGNALS:
    /// Every download of fetch() has ended, successfully or not.
    void finished();

private:
    void settle(const QUrl &url, const Expected<ContentPart> &outcome);

    QNetworkAccessManager *m_network;
    qint64 m_maxBytes;
    Timeouts m_timeouts;
    QHash<QUrl, Expected<ContentPart>> m_results;
    int m_pending = 0;
};

/// The http(s) image URLs of `request` that `target` needs as bytes: none when
/// the provider has Capability::ImageUrls. URLs under the provider's own file
/// store (its "file_url_prefixes" setting, such as Gemini's Files API) are
/// references the provider resolves itself.
MUXI_CORE_EXPORT QList<QUrl> imagesToFetch(const ChatRequest &request, const Target &target);

} // namespace muxi
