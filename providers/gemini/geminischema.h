#pragma once

#include <muxi/muxi_providers_export.h>

#include <QJsonObject>

namespace muxi {

// Gemini's `responseSchema` and function `parameters` take an OpenAPI 3.0
// subset, not JSON Schema (https://ai.google.dev/api/caching#Schema): no
// additionalProperties, $schema, $ref or const, types in upper case and
// "nullable" instead of a "null" type. This rewrites the JSON Schema that
// OpenAI callers write into that subset, keeping what the subset can say.
class MUXI_PROVIDERS_TESTS_EXPORT GeminiSchema
{
public:
    static QJsonObject fromJsonSchema(const QJsonObject &schema);

private:
    static QJsonObject convert(const QJsonObject &node, const QJsonObject &definitions, int depth);
};

} // namespace muxi
