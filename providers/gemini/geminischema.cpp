#include <muxi/providers/geminischema.h>

#include <muxi/jsonfields.h>
#include <muxi/providers/wirehelpers.h>

#include <QJsonArray>
#include <QStringList>

#include <algorithm>

namespace muxi {

using wire::key;

namespace {
// Deeper nesting is a recursive $ref; the subset cannot express recursion.
constexpr int MaxDepth = 32;

constexpr const char *copiedKeys[] = {"format", "title", "description", "nullable", "maxItems", "minItems", "required",
                                      "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example",
                                      "minimum", "maximum", "default", "propertyOrdering"};

bool allStrings(const QJsonArray &values)
{
    return std::all_of(values.begin(), values.end(), [](const QJsonValue &v) {
        return v.isString();
    });
}

bool isNullType(const QJsonValue &node)
{
    return node.toObject().value(key("type")).toString() == QLatin1String("null");
}
}

QJsonObject GeminiSchema::fromJsonSchema(const QJsonObject &schema)
{
    QJsonObject definitions = schema.value(key("$defs")).toObject();
    const QJsonObject legacy = schema.value(key("definitions")).toObject();
    for (auto it = legacy.begin(); it != legacy.end(); ++it)
        definitions.insert(it.key(), it.value());
    return convert(schema, definitions, 0);
}

QJsonObject GeminiSchema::convert(const QJsonObject &node, const QJsonObject &definitions, int depth)
{
    if (depth > MaxDepth)
        return {{key("type"), key("OBJECT")}};
    const QString reference = node.value(key("$ref")).toString();
    if (!reference.isEmpty()) {
        const QString name = reference.section(QLatin1Char('/'), -1);
        QJsonObject resolved = convert(definitions.value(name).toObject(), definitions, depth + 1);
        if (node.contains(key("description")))
            resolved.insert(key("description"), node.value(key("description")));
        return resolved;
    }

    QJsonObject out;
    for (const char *name : copiedKeys) {
        if (node.contains(key(name)))
            out.insert(key(name), node.value(key(name)));
    }
    const QJsonValue type = node.value(key("type"));
    if (type.isString() && type.toString() != QLatin1String("null")) {
        out.insert(key("type"), type.toString().toUpper());
    } else if (type.isArray()) {
        QStringList types;
        for (const QJsonValue &t : type.toArray()) {
            if (t.toString() == QLatin1String("null"))
                out.insert(key("nullable"), true);
            else
                types.append(t.toString().toUpper());
        }
        if (types.size() == 1) {
            out.insert(key("type"), types.first());
        } else if (types.size() > 1) {
            QJsonArray alternatives;
            for (const QString &t : std::as_const(types))
                alternatives.append(QJsonObject{{key("type"), t}});
            out.insert(key("anyOf"), alternatives);
        }
    }
    // The subset's enum holds strings only.
    const QJsonArray values = node.value(key("enum")).toArray();
    if (!values.isEmpty() && allStrings(values))
        out.insert(key("enum"), values);
    if (node.value(key("const")).isString())
        out.insert(key("enum"), QJsonArray{node.value(key("const"))});

    const QJsonObject properties = node.value(key("properties")).toObject();
    if (!properties.isEmpty()) {
        QJsonObject converted;
        for (auto it = properties.begin(); it != properties.end(); ++it)
            converted.insert(it.key(), convert(it.value().toObject(), definitions, depth + 1));
        out.insert(key("properties"), converted);
    }
    if (node.value(key("items")).isObject())
        out.insert(key("items"), convert(node.value(key("items")).toObject(), definitions, depth + 1));

    QJsonArray alternatives;
    for (const char *name : {"anyOf", "oneOf"}) {
        for (const QJsonValue &alternative : node.value(key(name)).toArray()) {
            if (isNullType(alternative))
                out.insert(key("nullable"), true);
            else
                alternatives.append(convert(alternative.toObject(), definitions, depth + 1));
        }
    }
    if (alternatives.size() == 1)
        json::mergeUnknown(out, alternatives.first().toObject());
    else if (alternatives.size() > 1)
        out.insert(key("anyOf"), alternatives);
    const QJsonArray all = node.value(key("allOf")).toArray();
    for (const QJsonValue &part : all)
        json::mergeUnknown(out, convert(part.toObject(), definitions, depth + 1));
    return out;
}

} // namespace muxi
