#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

struct redisAsyncContext;
class QSocketNotifier;

namespace muxi::gateway {

// A reply from Redis, copied out of hiredis's structures.
class RedisValue
{
public:
    enum class Type { Nil, Integer, String, Status, Error, Array };
    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray string;
    QList<RedisValue> elements;
};

// An asynchronous hiredis connection driven by the Qt event loop (socket
// notifiers, no thread). It reconnects by itself after losing the server;
// while disconnected, commands fail at once so callers fall back to local state.
class RedisClient : public QObject
{
    Q_OBJECT

public:
    // Empty optional: no answer (not connected, connection lost).
    using Callback = std::function<void(const std::optional<RedisValue> &)>;

    RedisClient(QString host, quint16 port, QObject *parent = nullptr);
    ~RedisClient() override;

    void connectToServer();
    bool isConnected() const { return m_connected; }
    // Sends one command; `done` runs once, in the event loop, unless `context` is gone.
    void command(const QList<QByteArray> &arguments, QObject *context, Callback done);

Q_SIGNALS:
    void connected();
    void disconnected(const QString &reason);

private:
    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void onReply(redisAsyncContext *context, void *reply, void *privateData);
    static void addRead(void *data);
    static void delRead(void *data);
    static void addWrite(void *data);
    static void delWrite(void *data);
    static void cleanup(void *data);
    void lost(const QString &reason);
    void dropNotifiers();

    QString m_host;
    quint16 m_port;
    redisAsyncContext *m_context = nullptr;
    QSocketNotifier *m_read = nullptr;
    QSocketNotifier *m_write = nullptr;
    bool m_connected = false;
    QTimer m_reconnect;
};

} // namespace muxi::gateway
