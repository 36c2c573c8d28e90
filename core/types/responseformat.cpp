#include <muxi/responseformat.h>

#include <muxi/jsonfields.h>

namespace muxi {

ResponseFormat ResponseFormat::fromJson(const QJsonObject &object)
{
    ResponseFormat format;
    const QString type = object.value(QLatin1String("type")).toString();
    if (type == QLatin1String("json_object")) {
        format.type = Type::JsonObject;
    } else if (type == QLatin1String("json_schema")) {
        format.type = Type::JsonSchema;
        const QJsonObject spec = object.value(QLatin1String("json_schema")).toObject();
        format.schemaName = spec.value(QLatin1String("name")).toString();
        format.schema = spec.value(QLatin1String("schema")).toObject();
        format.strict = json::optionalBool(spec, QLatin1String("strict"));
    }
    format.raw = json::unknownFields(object, {QLatin1String("type"), QLatin1String("json_schema")});
    return format;
}

QJsonObject ResponseFormat::toJson() const
{
    QJsonObject object;
    switch (type) {
    case Type::Text:
        object.insert(QLatin1String("type"), QLatin1String("text"));
        break;
    case Type::JsonObject:
        object.insert(QLatin1String("type"), QLatin1String("json_object"));
        break;
    case Type::JsonSchema: {
        QJsonObject spec{{QLatin1String("name"), schemaName}, {QLatin1String("schema"), schema}};
        json::insertOptional(spec, QLatin1String("strict"), strict);
        object.insert(QLatin1String("type"), QLatin1String("json_schema"));
        object.insert(QLatin1String("json_schema"), spec);
        break;
    }
    }
    json::mergeUnknown(object, raw);
    return object;
}

} // namespace muxi
