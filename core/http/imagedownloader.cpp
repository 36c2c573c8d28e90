#include <muxi/imagedownloader.h>

#include <muxi/httpexchange.h>

#include <QJsonArray>
#include <QMimeDatabase>

#include <algorithm>

namespace muxi {

ImageDownloader::ImageDownloader(QNetworkAccessManager *network, qint64 maxBytes, Timeouts timeouts, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_maxBytes(maxBytes)
    , m_timeouts(timeouts)
{
}

void ImageDownloader::fetch(const QList<QUrl> &requested)
{
    QList<QUrl> urls;
    for (const QUrl &url : requested) {
        if (!urls.contains(url))
            urls.append(url);
    }
    m_pending = int(urls.size());
    if (urls.isEmpty()) {
        QMetaObject::invokeMethod(this, &ImageDownloader::finished, Qt::QueuedConnection);
        return;
    }
    for (const QUrl &url : urls) {
        HttpRequest request;
        request.method = "GET";
        request.url = url;
        request.setHeader("Accept", "image/*");
        auto *exchange = new HttpExchange(m_network, request, m_timeouts, this);
        connect(exchange, &HttpExchange::headReceived, this, [this, exchange, url](int, const HttpHeaders &headers) {
            // Refuse early rather than buffer a huge body only to drop it.
            const qint64 declared = headerValue(headers, "content-length").toLongLong();
            if (declared > m_maxBytes) {
                exchange->abort();
                settle(url, Error(Error::Kind::BadRequest, tr("the image at %1 is %2 bytes, more than the limit of %3")
                                                              .arg(url.toDisplayString()).arg(declared).arg(m_maxBytes)));
            }
        });
        connect(exchange, &HttpExchange::finished, this, [this, url](const HttpResponse &response) {
            if (!response.isSuccess()) {
                Error error(Error::Kind::BadRequest, tr("downloading the image at %1 failed with HTTP status %2").arg(url.toDisplayString()).arg(response.status));
                error.httpStatus = response.status;
                settle(url, error);
                return;
            }
            if (response.body.size() > m_maxBytes) {
                settle(url, Error(Error::Kind::BadRequest, tr("the image at %1 is %2 bytes, more than the limit of %3")
                                                              .arg(url.toDisplayString()).arg(response.body.size()).arg(m_maxBytes)));
                return;
            }
            const QMimeType type = QMimeDatabase().mimeTypeForData(response.body);
            if (!type.name().startsWith(QLatin1String("image/"))) {
                settle(url, Error(Error::Kind::BadRequest, tr("%1 is not an image (%2)").arg(url.toDisplayString(), type.name())));
                return;
            }
            settle(url, ContentPart::fromImageData(response.body, type.name()));
        });
        connect(exchange, &HttpExchange::failed, this, [this, url](const Error &error) {
            settle(url, Error(Error::Kind::BadRequest, tr("cannot download the image at %1: %2").arg(url.toDisplayString(), error.message)));
        });
        exchange->start();
    }
}

Expected<ContentPart> ImageDownloader::result(const QUrl &url) const
{
    return m_results.value(url, Error(Error::Kind::BadRequest, tr("%1 was not downloaded").arg(url.toDisplayString())));
}

void ImageDownloader::settle(const QUrl &url, const Expected<ContentPart> &outcome)
{
    if (m_results.contains(url))
        return;
    m_results.insert(url, outcome);
    if (--m_pending == 0)
        Q_EMIT finished();
}

QList<QUrl> imagesToFetch(const ChatRequest &request, const Target &target)
{
    if (target.provider.capabilities.testFlag(Capability::ImageUrls))
        return {};
    const QJsonArray ownPrefixes = target.settings.value(QLatin1String("file_url_prefixes")).toArray();
    QList<QUrl> urls;
    for (const QUrl &url : request.remoteImageUrls()) {
        const QString text = url.toString();
        const bool own = std::any_of(ownPrefixes.begin(), ownPrefixes.end(), [&](const QJsonValue &prefix) {
            return text.startsWith(prefix.toString());
        });
        if (!own)
            urls.append(url);
    }
    return urls;
}

} // namespace muxi
