#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>
#include <QString>

#include <optional>

namespace muxi {

// A function the model may call; `parameters` is a JSON Schema.
class MUXI_CORE_EXPORT Tool
{
public:
    QString name;
    QString description;
    QJsonObject parameters;
    std::optional<bool> strict;
    QJsonObject raw;

    static Tool fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const Tool &, const Tool &) = default;
};

} // namespace muxi
