#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>
#include <QString>

#include <optional>

namespace muxi {

/// \brief A function the model may call, offered through ChatRequest::tools.
///
/// The model answers with ToolCall entries naming it; the caller runs the
/// function and sends the result back as Message::toolResult().
class MUXI_CORE_EXPORT Tool
{
public:
    /// The function's name, as the model will call it.
    QString name;
    /// What the function does, for the model to decide when to call it.
    QString description;
    /// The arguments as a JSON Schema object.
    QJsonObject parameters;
    /// OpenAI's strict schema adherence, when set.
    std::optional<bool> strict;
    /// The tool's JSON, so fields Muxi does not model survive.
    QJsonObject raw;

    /// Reads OpenAI's {"type": "function", "function": {…}} object.
    static Tool fromJson(const QJsonObject &object);
    /// The tool as OpenAI takes it.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const Tool &, const Tool &) = default;
};

} // namespace muxi
