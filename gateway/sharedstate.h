#pragma once

#include "redisclient.h"

#include <QCoreApplication>
#include <QHash>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <functional>

namespace muxi::gateway {

// What replicas of `muxi serve` share: per-model cooldowns and usage
// counters. Always kept in this process; with Redis, also there, so every
// replica sees them. Losing Redis degrades to this process's own state with
// a warning, and the state is shared again once Redis is back.
class SharedState : public QObject
{
    Q_OBJECT

public:
    explicit SharedState(QObject *parent = nullptr);

    // redis://HOST:PORT; false with a reason for anything else.
    bool useRedis(const QUrl &url, QString *why);
    bool isShared() const { return m_redis && m_redis->isConnected(); }

    // `stored` runs once the other replicas can see the cooldown (at once without Redis).
    void coolDown(const QString &model, std::chrono::milliseconds duration, QObject *context, std::function<void()> stored);
    // Cooling models of `models`, each with the epoch milliseconds it cools down at.
    using Cooling = QHash<QString, qint64>;
    void coolingDown(const QStringList &models, QObject *context, std::function<void(const Cooling &)> done);

    // Adds to counter `name`, kept for `ttl` after its last change.
    void add(const QString &name, qint64 amount, std::chrono::seconds ttl);
    // The counters' totals (0 for unknown ones), in order.
    void totals(const QStringList &names, QObject *context, std::function<void(const QList<qint64> &)> done);

Q_SIGNALS:
    // A line for the operator: Redis lost or back.
    void warning(const QString &message);

private:
    static QByteArray cooldownKey(const QString &model);
    static QByteArray counterKey(const QString &name);
    Cooling localCooling(const QStringList &models) const;

    RedisClient *m_redis = nullptr;
    QHash<QString, qint64> m_cooldowns;
    QHash<QString, qint64> m_counters;
};

} // namespace muxi::gateway
