#include "localserverprobe.h"

#include <muxi/client.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace muxi {

LocalServerProbe::LocalServerProbe(Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_network(new QNetworkAccessManager(this))
{
}

void LocalServerProbe::probe()
{
    const QList<ProviderInfo> providers = m_client->providers();
    for (const ProviderInfo &p : providers) {
        if (!p.local || !m_client->configuration().isEnabled(p.id))
            continue;
        const QUrl base = m_client->configuration().baseUrl(p);
        // Only loopback: probing must never reach out to a remote host unasked.
        if (!base.isValid() || (base.host() != QLatin1String("127.0.0.1") && base.host() != QLatin1String("localhost")
                                && base.host() != QLatin1String("::1")))
            continue;
        QUrl url = base;
        url.setPath(base.path().endsWith(QLatin1Char('/')) ? base.path() + QLatin1String("models") : base.path() + QLatin1String("/models"));
        QNetworkRequest request(url);
        request.setTransferTimeout(m_timeoutMs);
        QNetworkReply *reply = m_network->get(request);
        ++m_pending;
        connect(reply, &QNetworkReply::finished, this, [this, reply, id = p.id] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            Q_EMIT detected(id, reply->error() == QNetworkReply::NoError && status == 200);
            if (--m_pending == 0)
                Q_EMIT finished();
        });
    }
    if (m_pending == 0)
        Q_EMIT finished();
}

} // namespace muxi
