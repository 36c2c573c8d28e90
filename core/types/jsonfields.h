#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <initializer_list>
#include <optional>

namespace muxi::json {

// Fields of `object` not named in `known`: kept so a round trip loses nothing
// a provider or a newer API version added.
MUXI_CORE_EXPORT QJsonObject unknownFields(const QJsonObject &object, std::initializer_list<QLatin1String> known);

// Copies `extra` into `object` without overwriting fields already set.
MUXI_CORE_EXPORT void mergeUnknown(QJsonObject &object, const QJsonObject &extra);

MUXI_CORE_EXPORT std::optional<double> optionalDouble(const QJsonObject &object, QLatin1String key);
MUXI_CORE_EXPORT std::optional<int> optionalInt(const QJsonObject &object, QLatin1String key);
MUXI_CORE_EXPORT std::optional<bool> optionalBool(const QJsonObject &object, QLatin1String key);

MUXI_CORE_EXPORT QStringList stringList(const QJsonValue &value);

template<typename T>
void insertOptional(QJsonObject &object, QLatin1String key, const std::optional<T> &value)
{
    if (value)
        object.insert(key, *value);
}

} // namespace muxi::json
