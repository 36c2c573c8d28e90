#include <muxi/embeddingrequest.h>

#include <muxi/jsonfields.h>

#include <QJsonArray>

namespace muxi {

EmbeddingRequest EmbeddingRequest::fromJson(const QJsonObject &object)
{
    EmbeddingRequest r;
    r.model = object.value(QLatin1String("model")).toString();
    r.input = json::stringList(object.value(QLatin1String("input")));
    r.encodingFormat = object.value(QLatin1String("encoding_format")).toString();
    r.dimensions = json::optionalInt(object, QLatin1String("dimensions"));
    r.inputType = object.value(QLatin1String("input_type")).toString();
    r.user = object.value(QLatin1String("user")).toString();
    r.extra = json::unknownFields(object,
                                  {QLatin1String("model"), QLatin1String("input"), QLatin1String("encoding_format"),
                                   QLatin1String("dimensions"), QLatin1String("input_type"), QLatin1String("user")});
    return r;
}

QJsonObject EmbeddingRequest::toJson() const
{
    QJsonObject object{{QLatin1String("model"), model}, {QLatin1String("input"), QJsonArray::fromStringList(input)}};
    if (!encodingFormat.isEmpty())
        object.insert(QLatin1String("encoding_format"), encodingFormat);
    json::insertOptional(object, QLatin1String("dimensions"), dimensions);
    if (!inputType.isEmpty())
        object.insert(QLatin1String("input_type"), inputType);
    if (!user.isEmpty())
        object.insert(QLatin1String("user"), user);
    json::mergeUnknown(object, extra);
    return object;
}

} // namespace muxi
