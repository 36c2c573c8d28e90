#include <muxi/jsonfields.h>

#include <algorithm>

namespace muxi::json {

QJsonObject unknownFields(const QJsonObject &object, std::initializer_list<QLatin1String> known)
{
    QJsonObject rest;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const bool isKnown = std::any_of(known.begin(), known.end(), [&](QLatin1String k) {
            return it.key() == k;
        });
        if (!isKnown)
            rest.insert(it.key(), it.value());
    }
    return rest;
}

void mergeUnknown(QJsonObject &object, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (!object.contains(it.key()))
            object.insert(it.key(), it.value());
    }
}

std::optional<double> optionalDouble(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue v = object.value(key);
    if (!v.isDouble())
        return std::nullopt;
    return v.toDouble();
}

std::optional<int> optionalInt(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue v = object.value(key);
    if (!v.isDouble())
        return std::nullopt;
    return v.toInt();
}

std::optional<bool> optionalBool(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue v = object.value(key);
    if (!v.isBool())
        return std::nullopt;
    return v.toBool();
}

QStringList stringList(const QJsonValue &value)
{
    if (value.isString())
        return {value.toString()};
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

} // namespace muxi::json
