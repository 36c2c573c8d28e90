#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>
#include <QString>

#include <optional>

namespace muxi {

class MUXI_CORE_EXPORT ResponseFormat
{
public:
    enum class Type { Text, JsonObject, JsonSchema };

    Type type = Type::Text;
    QString schemaName;
    QJsonObject schema;
    std::optional<bool> strict;
    QJsonObject raw;

    bool wantsJson() const { return type != Type::Text; }

    static ResponseFormat fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const ResponseFormat &, const ResponseFormat &) = default;
};

} // namespace muxi
