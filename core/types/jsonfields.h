#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <initializer_list>
#include <optional>

/// \brief Helpers for reading and writing the OpenAI-shaped JSON of Muxi's
/// types without losing fields, used by the types' fromJson() and toJson()
/// and by adapters.
namespace muxi::json {

/// Fields of `object` not named in `known`: kept so a round trip loses nothing
/// a provider or a newer API version added.
MUXI_CORE_EXPORT QJsonObject unknownFields(const QJsonObject &object, std::initializer_list<QLatin1String> known);

/// Copies `extra` into `object` without overwriting fields already set.
MUXI_CORE_EXPORT void mergeUnknown(QJsonObject &object, const QJsonObject &extra);

/// The number at `key`; nullopt when the field is absent or not a number.
MUXI_CORE_EXPORT std::optional<double> optionalDouble(const QJsonObject &object, QLatin1String key);
/// The number at `key` as an int; nullopt when the field is absent or not a number.
MUXI_CORE_EXPORT std::optional<int> optionalInt(const QJsonObject &object, QLatin1String key);
/// The boolean at `key`; nullopt when the field is absent or not a boolean.
MUXI_CORE_EXPORT std::optional<bool> optionalBool(const QJsonObject &object, QLatin1String key);

/// A string as a one-element list, an array as its elements converted to strings, anything else as an empty list.
MUXI_CORE_EXPORT QStringList stringList(const QJsonValue &value);

/// Sets `key` to `*value` when `value` is set; leaves `object` alone otherwise,
/// so unset optional fields are not sent.
template<typename T>
void insertOptional(QJsonObject &object, QLatin1String key, const std::optional<T> &value)
{
    if (value)
        object.insert(key, *value);
}

} // namespace muxi::json
