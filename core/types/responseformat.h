#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>
#include <QString>

#include <optional>

namespace muxi {

/// \brief The form an answer must take: OpenAI's response_format.
///
/// Providers with Capability::JsonMode or Capability::JsonSchema get it in
/// their own terms; for the others JsonModeEmulation instructs the model,
/// checks the answer and asks once for a repair, so a caller asking for JSON
/// gets JSON or an error.
class MUXI_CORE_EXPORT ResponseFormat
{
public:
    /// The kinds of answer.
    enum class Type {
        Text, ///< Free text: the default.
        JsonObject, ///< Any JSON object ("json_object").
        JsonSchema ///< A JSON document matching #schema ("json_schema").
    };

    /// The kind of answer.
    Type type = Type::Text;
    /// JsonSchema: the schema's name, as OpenAI requires one.
    QString schemaName;
    /// JsonSchema: the JSON Schema the answer must match.
    QJsonObject schema;
    /// JsonSchema: OpenAI's strict mode, when set.
    std::optional<bool> strict;
    /// The object's JSON, so fields Muxi does not model survive.
    QJsonObject raw;

    /// True for JsonObject and JsonSchema.
    bool wantsJson() const { return type != Type::Text; }

    /// Reads OpenAI's response_format object.
    static ResponseFormat fromJson(const QJsonObject &object);
    /// The object as OpenAI takes it.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const ResponseFormat &, const ResponseFormat &) = default;
};

} // namespace muxi
