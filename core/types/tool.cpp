#include <muxi/tool.h>

#include <muxi/jsonfields.h>

namespace muxi {

Tool Tool::fromJson(const QJsonObject &object)
{
    Tool tool;
    const QJsonObject function = object.value(QLatin1String("function")).toObject();
    tool.name = function.value(QLatin1String("name")).toString();
    tool.description = function.value(QLatin1String("description")).toString();
    tool.parameters = function.value(QLatin1String("parameters")).toObject();
    tool.strict = json::optionalBool(function, QLatin1String("strict"));
    tool.raw = json::unknownFields(object, {QLatin1String("type"), QLatin1String("function")});
    return tool;
}

QJsonObject Tool::toJson() const
{
    QJsonObject function{{QLatin1String("name"), name}};
    if (!description.isEmpty())
        function.insert(QLatin1String("description"), description);
    if (!parameters.isEmpty())
        function.insert(QLatin1String("parameters"), parameters);
    json::insertOptional(function, QLatin1String("strict"), strict);
    QJsonObject object{{QLatin1String("type"), QLatin1String("function")}, {QLatin1String("function"), function}};
    json::mergeUnknown(object, raw);
    return object;
}

} // namespace muxi
