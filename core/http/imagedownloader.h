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

// Fetches images given by URL for providers that take only inline bytes,
// with a size limit and a check that what came back is an image.
class MUXI_CORE_EXPORT ImageDownloader : public QObject
{
    Q_OBJECT

public:
    ImageDownloader(QNetworkAccessManager *network, qint64 maxBytes, Timeouts timeouts, QObject *parent = nullptr);

    // Starts every download at once; finished() follows when the last one ends.
    void fetch(const QList<QUrl> &urls);
    // An inline image part, or why the URL could not become one.
    Expected<ContentPart> result(const QUrl &url) const;

Q_SIGNALS:
    void finished();

private:
    void settle(const QUrl &url, const Expected<ContentPart> &outcome);

    QNetworkAccessManager *m_network;
    qint64 m_maxBytes;
    Timeouts m_timeouts;
    QHash<QUrl, Expected<ContentPart>> m_results;
    int m_pending = 0;
};

// The http(s) image URLs of `request` that `target` needs as bytes. URLs
// under the provider's own file store (its "file_url_prefixes" setting, such
// as Gemini's Files API) are references the provider resolves itself.
MUXI_CORE_EXPORT QList<QUrl> imagesToFetch(const ChatRequest &request, const Target &target);

} // namespace muxi
