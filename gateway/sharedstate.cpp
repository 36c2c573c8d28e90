#include "sharedstate.h"

#include <QDateTime>

namespace muxi::gateway {

namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}
}

SharedState::SharedState(QObject *parent)
    : QObject(parent)
{
}

bool SharedState::useRedis(const QUrl &url, QString *why)
{
    if (url.scheme() != QLatin1String("redis") || url.host().isEmpty()) {
        *why = tr("--redis takes redis://HOST:PORT, not \"%1\"").arg(url.toString(QUrl::RemoveUserInfo));
        return false;
    }
    m_redis = new RedisClient(url.host(), quint16(url.port(6379)), this);
    connect(m_redis, &RedisClient::connected, this, [this, url] {
        Q_EMIT warning(tr("Redis at %1 connected: cooldowns and usage are shared").arg(url.toString(QUrl::RemoveUserInfo)));
    });
    connect(m_redis, &RedisClient::disconnected, this, [this, url](const QString &reason) {
        Q_EMIT warning(tr("Redis at %1 unavailable (%2): using this replica's own cooldowns and counters until it is back")
                           .arg(url.toString(QUrl::RemoveUserInfo), reason));
    });
    m_redis->connectToServer();
    return true;
}

QByteArray SharedState::cooldownKey(const QString &model)
{
    return "muxi:cooldown:" + model.toUtf8();
}

QByteArray SharedState::counterKey(const QString &name)
{
    return "muxi:counter:" + name.toUtf8();
}

void SharedState::coolDown(const QString &model, std::chrono::milliseconds duration, QObject *context, std::function<void()> stored)
{
    if (duration.count() <= 0) {
        stored();
        return;
    }
    const qint64 until = now() + duration.count();
    qint64 &local = m_cooldowns[model];
    local = qMax(local, until);
    if (!isShared()) {
        stored();
        return;
    }
    // The value is when it ends, for the Retry-After of other replicas; PX lets Redis forget it then.
    m_redis->command({"SET", cooldownKey(model), QByteArray::number(until), "PX", QByteArray::number(duration.count())}, context,
                     [stored = std::move(stored)](const std::optional<RedisValue> &) {
                         stored();
                     });
}

SharedState::Cooling SharedState::localCooling(const QStringList &models) const
{
    Cooling cooling;
    const qint64 at = now();
    for (const QString &model : models) {
        const qint64 until = m_cooldowns.value(model);
        if (until > at)
            cooling.insert(model, until);
    }
    return cooling;
}

void SharedState::coolingDown(const QStringList &models, QObject *context, std::function<void(const Cooling &)> done)
{
    if (!isShared()) {
        done(localCooling(models));
        return;
    }
    QList<QByteArray> command{"MGET"};
    for (const QString &model : models)
        command.append(cooldownKey(model));
    m_redis->command(command, context, [this, models, done = std::move(done)](const std::optional<RedisValue> &reply) {
        Cooling cooling = localCooling(models);
        if (reply && reply->type == RedisValue::Type::Array) {
            const qint64 at = now();
            for (qsizetype i = 0; i < reply->elements.size() && i < models.size(); ++i) {
                const RedisValue &value = reply->elements.at(i);
                if (value.type != RedisValue::Type::String)
                    continue;
                // Clocks of replicas differ a little: a key Redis still holds is cooling, whatever the value says.
                const qint64 until = qMax(value.string.toLongLong(), at + 1);
                cooling.insert(models.at(i), qMax(cooling.value(models.at(i)), until));
            }
        }
        done(cooling);
    });
}

void SharedState::add(const QString &name, qint64 amount, std::chrono::seconds ttl)
{
    m_counters[name] += amount;
    if (isShared()) {
        const QByteArray key = counterKey(name);
        m_redis->command({"INCRBY", key, QByteArray::number(amount)}, this, [](const std::optional<RedisValue> &) {});
        m_redis->command({"EXPIRE", key, QByteArray::number(qint64(ttl.count()))}, this, [](const std::optional<RedisValue> &) {});
    }
}

void SharedState::totals(const QStringList &names, QObject *context, std::function<void(const QList<qint64> &)> done)
{
    QList<qint64> local;
    for (const QString &name : names)
        local.append(m_counters.value(name));
    if (!isShared() || names.isEmpty()) {
        done(local);
        return;
    }
    QList<QByteArray> command{"MGET"};
    for (const QString &name : names)
        command.append(counterKey(name));
    m_redis->command(command, context, [local, done = std::move(done)](const std::optional<RedisValue> &reply) {
        if (!reply || reply->type != RedisValue::Type::Array) {
            done(local);
            return;
        }
        QList<qint64> totals;
        for (qsizetype i = 0; i < local.size(); ++i) {
            const RedisValue value = reply->elements.value(i);
            // A counter Redis lost (restarted empty) is at least what this replica counted itself.
            totals.append(qMax(local.at(i), value.type == RedisValue::Type::String ? value.string.toLongLong() : 0));
        }
        done(totals);
    });
}

} // namespace muxi::gateway
