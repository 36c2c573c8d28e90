#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>
#include <QString>

namespace muxi {

// A function call the model asked for. `arguments` stays the JSON text the
// model produced: it may be invalid, and only the caller can decide what to do then.
class MUXI_CORE_EXPORT ToolCall
{
public:
    QString id;
    QString name;
    QString arguments;
    // Position among parallel calls; streamed fragments are routed by it.
    int index = 0;
    QJsonObject raw;

    static ToolCall fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const ToolCall &, const ToolCall &) = default;
};

} // namespace muxi
