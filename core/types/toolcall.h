#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>
#include <QString>

namespace muxi {

/// \brief A function call the model asked for, in an assistant Message.
///
/// #arguments stays the JSON text the model produced: it may be invalid, and
/// only the caller can decide what to do then (tell the model, as the tools
/// example does, or give up).
class MUXI_CORE_EXPORT ToolCall
{
public:
    /// The call's id; the result goes back in Message::toolResult() under it.
    QString id;
    /// The Tool::name of the function to call.
    QString name;
    /// The arguments as JSON text, unparsed.
    QString arguments;
    /// Position among parallel calls; streamed fragments are routed by it.
    int index = 0;
    /// The call's JSON, so fields Muxi does not model survive.
    QJsonObject raw;

    /// Reads OpenAI's {"id", "type": "function", "function": {"name", "arguments"}} object.
    static ToolCall fromJson(const QJsonObject &object);
    /// The call as OpenAI writes it.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const ToolCall &, const ToolCall &) = default;
};

} // namespace muxi
