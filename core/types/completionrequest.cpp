#include <muxi/completionrequest.h>

#include <muxi/jsonfields.h>

#include <QJsonArray>

namespace muxi {

CompletionRequest CompletionRequest::fromJson(const QJsonObject &object)
{
    CompletionRequest r;
    r.model = object.value(QLatin1String("model")).toString();
    r.prompt = object.value(QLatin1String("prompt"));
    r.maxTokens = json::optionalInt(object, QLatin1String("max_tokens"));
    r.temperature = json::optionalDouble(object, QLatin1String("temperature"));
    r.topP = json::optionalDouble(object, QLatin1String("top_p"));
    r.n = json::optionalInt(object, QLatin1String("n"));
    r.stop = json::stringList(object.value(QLatin1String("stop")));
    r.suffix = object.value(QLatin1String("suffix")).toString();
    r.stream = object.value(QLatin1String("stream")).toBool();
    r.extra = json::unknownFields(object,
                                  {QLatin1String("model"), QLatin1String("prompt"), QLatin1String("max_tokens"),
                                   QLatin1String("temperature"), QLatin1String("top_p"), QLatin1String("n"),
                                   QLatin1String("stop"), QLatin1String("suffix"), QLatin1String("stream")});
    return r;
}

QJsonObject CompletionRequest::toJson() const
{
    QJsonObject object{{QLatin1String("model"), model}, {QLatin1String("prompt"), prompt}};
    json::insertOptional(object, QLatin1String("max_tokens"), maxTokens);
    json::insertOptional(object, QLatin1String("temperature"), temperature);
    json::insertOptional(object, QLatin1String("top_p"), topP);
    json::insertOptional(object, QLatin1String("n"), n);
    if (stop.size() == 1)
        object.insert(QLatin1String("stop"), stop.first());
    else if (!stop.isEmpty())
        object.insert(QLatin1String("stop"), QJsonArray::fromStringList(stop));
    if (!suffix.isEmpty())
        object.insert(QLatin1String("suffix"), suffix);
    if (stream)
        object.insert(QLatin1String("stream"), true);
    json::mergeUnknown(object, extra);
    return object;
}

} // namespace muxi
