#include <muxi/toolcall.h>

#include <muxi/jsonfields.h>

namespace muxi {

ToolCall ToolCall::fromJson(const QJsonObject &object)
{
    ToolCall call;
    call.id = object.value(QLatin1String("id")).toString();
    call.index = object.value(QLatin1String("index")).toInt();
    const QJsonObject function = object.value(QLatin1String("function")).toObject();
    call.name = function.value(QLatin1String("name")).toString();
    call.arguments = function.value(QLatin1String("arguments")).toString();
    call.raw = json::unknownFields(object, {QLatin1String("id"), QLatin1String("type"), QLatin1String("function"), QLatin1String("index")});
    return call;
}

QJsonObject ToolCall::toJson() const
{
    QJsonObject object{
        {QLatin1String("id"), id},
        {QLatin1String("type"), QLatin1String("function")},
        {QLatin1String("function"), QJsonObject{{QLatin1String("name"), name}, {QLatin1String("arguments"), arguments}}},
    };
    json::mergeUnknown(object, raw);
    return object;
}

} // namespace muxi
