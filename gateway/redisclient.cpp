#include "redisclient.h"

#include <QSocketNotifier>

#include <hiredis/async.h>

namespace muxi::gateway {

namespace {
constexpr int reconnectMs = 1'000;

struct Pending {
    QPointer<QObject> context;
    RedisClient::Callback done;
};

RedisValue copy(const redisReply *reply)
{
    RedisValue value;
    switch (reply->type) {
    case REDIS_REPLY_INTEGER:
        value.type = RedisValue::Type::Integer;
        value.integer = reply->integer;
        break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
        value.type = reply->type == REDIS_REPLY_STRING ? RedisValue::Type::String
                     : reply->type == REDIS_REPLY_STATUS ? RedisValue::Type::Status
                                                         : RedisValue::Type::Error;
        value.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ARRAY:
        value.type = RedisValue::Type::Array;
        for (size_t i = 0; i < reply->elements; ++i)
            value.elements.append(copy(reply->element[i]));
        break;
    default:
        break;
    }
    return value;
}
}

RedisClient::RedisClient(QString host, quint16 port, QObject *parent)
    : QObject(parent)
    , m_host(std::move(host))
    , m_port(port)
{
    m_reconnect.setSingleShot(true);
    m_reconnect.setInterval(reconnectMs);
    connect(&m_reconnect, &QTimer::timeout, this, &RedisClient::connectToServer);
}

RedisClient::~RedisClient()
{
    if (m_context) {
        redisAsyncContext *context = std::exchange(m_context, nullptr);
        // Pending callbacks run now with no reply; they must not reach this half-destroyed object.
        context->data = nullptr;
        redisAsyncFree(context);
    }
    dropNotifiers();
}

void RedisClient::connectToServer()
{
    if (m_context)
        return;
    redisAsyncContext *context = redisAsyncConnect(m_host.toUtf8().constData(), m_port);
    if (!context) {
        lost(tr("cannot allocate a Redis connection"));
        return;
    }
    if (context->err) {
        const QString reason = QString::fromLocal8Bit(context->errstr);
        redisAsyncFree(context);
        lost(reason);
        return;
    }
    m_context = context;
    context->data = this;
    context->ev.data = this;
    context->ev.addRead = &RedisClient::addRead;
    context->ev.delRead = &RedisClient::delRead;
    context->ev.addWrite = &RedisClient::addWrite;
    context->ev.delWrite = &RedisClient::delWrite;
    context->ev.cleanup = &RedisClient::cleanup;
    redisAsyncSetConnectCallback(context, &RedisClient::onConnect);
    redisAsyncSetDisconnectCallback(context, &RedisClient::onDisconnect);
}

void RedisClient::command(const QList<QByteArray> &arguments, QObject *context, Callback done)
{
    if (!m_connected || !m_context) {
        QMetaObject::invokeMethod(
            context ? context : this,
            [done = std::move(done)] {
                done(std::nullopt);
            },
            Qt::QueuedConnection);
        return;
    }
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    for (const QByteArray &argument : arguments) {
        argv.push_back(argument.constData());
        lengths.push_back(size_t(argument.size()));
    }
    auto *pending = new Pending{QPointer<QObject>(context), std::move(done)};
    if (redisAsyncCommandArgv(m_context, &RedisClient::onReply, pending, int(argv.size()), argv.data(), lengths.data()) != REDIS_OK) {
        Callback failed = std::move(pending->done);
        delete pending;
        QMetaObject::invokeMethod(
            context ? context : this,
            [failed = std::move(failed)] {
                failed(std::nullopt);
            },
            Qt::QueuedConnection);
    }
}

void RedisClient::onReply(redisAsyncContext *context, void *reply, void *privateData)
{
    std::unique_ptr<Pending> pending(static_cast<Pending *>(privateData));
    // No data: the client is being destroyed, and so may be whoever asked.
    if (!context->data || !pending->context)
        return;
    if (reply)
        pending->done(copy(static_cast<redisReply *>(reply)));
    else
        pending->done(std::nullopt);
}

void RedisClient::onConnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisClient *>(context->data);
    if (!self)
        return;
    if (status != REDIS_OK) {
        // hiredis frees the context after this callback.
        self->m_context = nullptr;
        self->lost(QString::fromLocal8Bit(context->errstr));
        return;
    }
    self->m_connected = true;
    Q_EMIT self->connected();
}

void RedisClient::onDisconnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisClient *>(context->data);
    if (!self)
        return;
    self->m_context = nullptr;
    self->lost(status == REDIS_OK ? tr("connection closed") : QString::fromLocal8Bit(context->errstr));
}

void RedisClient::lost(const QString &reason)
{
    const bool wasConnected = std::exchange(m_connected, false);
    if (wasConnected || !m_reconnect.isActive())
        Q_EMIT disconnected(reason);
    m_reconnect.start();
}

void RedisClient::addRead(void *data)
{
    auto *self = static_cast<RedisClient *>(data);
    if (self->m_read) {
        self->m_read->setEnabled(true);
        return;
    }
    self->m_read = new QSocketNotifier(self->m_context->c.fd, QSocketNotifier::Read, self);
    connect(self->m_read, &QSocketNotifier::activated, self, [self] {
        if (self->m_context)
            redisAsyncHandleRead(self->m_context);
    });
}

void RedisClient::delRead(void *data)
{
    auto *self = static_cast<RedisClient *>(data);
    if (self->m_read)
        self->m_read->setEnabled(false);
}

void RedisClient::addWrite(void *data)
{
    auto *self = static_cast<RedisClient *>(data);
    if (self->m_write) {
        self->m_write->setEnabled(true);
        return;
    }
    self->m_write = new QSocketNotifier(self->m_context->c.fd, QSocketNotifier::Write, self);
    connect(self->m_write, &QSocketNotifier::activated, self, [self] {
        if (self->m_context)
            redisAsyncHandleWrite(self->m_context);
    });
}

void RedisClient::delWrite(void *data)
{
    auto *self = static_cast<RedisClient *>(data);
    if (self->m_write)
        self->m_write->setEnabled(false);
}

void RedisClient::cleanup(void *data)
{
    static_cast<RedisClient *>(data)->dropNotifiers();
}

void RedisClient::dropNotifiers()
{
    // Called from inside a notifier's own activation: delete later, never now.
    for (QSocketNotifier **notifier : {&m_read, &m_write}) {
        if (*notifier) {
            (*notifier)->setEnabled(false);
            (*notifier)->deleteLater();
            *notifier = nullptr;
        }
    }
}

} // namespace muxi::gateway
