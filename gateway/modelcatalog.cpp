#include "modelcatalog.h"

#include <QTimer>

namespace muxi::gateway {

namespace {
constexpr qint64 freshForSeconds = 60;
}

ModelCatalog::ModelCatalog(Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

void ModelCatalog::models(QObject *context, Callback done)
{
    if (m_fetchedAt.isValid() && m_fetchedAt.secsTo(QDateTime::currentDateTimeUtc()) < freshForSeconds) {
        done(m_models);
        return;
    }
    m_waiting.append({QPointer<QObject>(context), std::move(done)});
    if (m_pending == 0)
        refresh();
}

void ModelCatalog::refresh()
{
    m_collecting.clear();
    const QList<ProviderInfo> providers = m_client->providers();
    for (const ProviderInfo &info : providers) {
        if (!m_client->configuration().isEnabled(info.id) || info.status != ProviderInfo::Status::Live)
            continue;
        // Only providers this gateway can reach: a key (or none needed) and a base URL.
        if (!m_client->resolve(info.id + QLatin1String("/-")))
            continue;
        if (!info.requiresKey && m_client->configuration().apiKey(info).isEmpty() && info.local) {
            // A local server (Ollama, llama.cpp) is listed only when the user pointed at one.
            if (m_client->configuration().baseUrl(info) == info.defaultBaseUrl)
                continue;
        }
        Reply *reply = m_client->listModels(info.id);
        ++m_pending;
        connect(reply, &Reply::finished, this, [this, reply, id = info.id] {
            if (!reply->hasError()) {
                for (ModelInfo model : reply->models()) {
                    if (model.provider.isEmpty())
                        model.provider = id;
                    m_collecting.append(model);
                }
            }
            reply->deleteLater();
            if (--m_pending == 0)
                finishRefresh();
        });
    }
    if (m_pending == 0)
        QTimer::singleShot(0, this, &ModelCatalog::finishRefresh);
}

void ModelCatalog::finishRefresh()
{
    m_models = m_collecting;
    m_fetchedAt = QDateTime::currentDateTimeUtc();
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &[context, done] : waiting) {
        if (context)
            done(m_models);
    }
}

} // namespace muxi::gateway
