#include <muxi/timeouts.h>

namespace muxi {

namespace {
std::chrono::milliseconds readMs(const QJsonObject &object, QLatin1String key, std::chrono::milliseconds fallback)
{
    const QJsonValue v = object.value(key);
    return v.isDouble() ? std::chrono::milliseconds(v.toInteger()) : fallback;
}
}

Timeouts Timeouts::fromJson(const QJsonObject &object)
{
    return fromJson(object, Timeouts());
}

Timeouts Timeouts::fromJson(const QJsonObject &object, const Timeouts &base)
{
    Timeouts t;
    t.connect = readMs(object, QLatin1String("connect_ms"), base.connect);
    t.firstByte = readMs(object, QLatin1String("first_byte_ms"), base.firstByte);
    t.idle = readMs(object, QLatin1String("idle_ms"), base.idle);
    t.total = readMs(object, QLatin1String("total_ms"), base.total);
    return t;
}

QJsonObject Timeouts::toJson() const
{
    return {
        {QLatin1String("connect_ms"), qint64(connect.count())},
        {QLatin1String("first_byte_ms"), qint64(firstByte.count())},
        {QLatin1String("idle_ms"), qint64(idle.count())},
        {QLatin1String("total_ms"), qint64(total.count())},
    };
}

} // namespace muxi
