#pragma once

#include <muxi/client.h>

#include <QDateTime>
#include <QObject>

#include <functional>

namespace muxi::gateway {

// Every configured provider's live model listing, merged into one list of
// "provider/model" ids for GET /v1/models. Listings are asked for in
// parallel and kept for a minute; a provider that fails is left out.
class ModelCatalog : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const ModelList &models)>;

    explicit ModelCatalog(Client *client, QObject *parent = nullptr);

    // Calls `done` with the listing, at once when it is fresh.
    void models(QObject *context, Callback done);

private:
    void refresh();
    void finishRefresh();

    Client *m_client;
    ModelList m_models;
    QDateTime m_fetchedAt;
    int m_pending = 0;
    ModelList m_collecting;
    QList<std::pair<QPointer<QObject>, Callback>> m_waiting;
};

} // namespace muxi::gateway
