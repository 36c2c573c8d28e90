#include <muxi/completion.h>

#include <muxi/jsonfields.h>

#include <QJsonArray>

namespace muxi {

QString Completion::text() const
{
    return choices.isEmpty() ? QString() : choices.first().text;
}

Completion Completion::fromJson(const QJsonObject &object)
{
    Completion c;
    c.id = object.value(QLatin1String("id")).toString();
    c.created = object.value(QLatin1String("created")).toInteger();
    c.model = object.value(QLatin1String("model")).toString();
    const QJsonArray choices = object.value(QLatin1String("choices")).toArray();
    for (const QJsonValue &v : choices) {
        const QJsonObject o = v.toObject();
        c.choices.append({o.value(QLatin1String("index")).toInt(), o.value(QLatin1String("text")).toString(),
                          o.value(QLatin1String("finish_reason")).toString(), o.value(QLatin1String("logprobs"))});
    }
    if (object.value(QLatin1String("usage")).isObject())
        c.usage = Usage::fromJson(object.value(QLatin1String("usage")).toObject());
    c.raw = json::unknownFields(object,
                                {QLatin1String("id"), QLatin1String("object"), QLatin1String("created"),
                                 QLatin1String("model"), QLatin1String("choices"), QLatin1String("usage")});
    return c;
}

QJsonObject Completion::toJson() const
{
    QJsonObject object{
        {QLatin1String("id"), id},
        {QLatin1String("object"), QLatin1String("text_completion")},
        {QLatin1String("created"), created},
        {QLatin1String("model"), model},
    };
    QJsonArray choiceArray;
    for (const CompletionChoice &choice : choices) {
        choiceArray.append(QJsonObject{
            {QLatin1String("index"), choice.index},
            {QLatin1String("text"), choice.text},
            {QLatin1String("finish_reason"), choice.finishReason.isEmpty() ? QJsonValue() : QJsonValue(choice.finishReason)},
            {QLatin1String("logprobs"), choice.logprobs.isUndefined() ? QJsonValue() : choice.logprobs},
        });
    }
    object.insert(QLatin1String("choices"), choiceArray);
    if (usage)
        object.insert(QLatin1String("usage"), usage->toJson());
    json::mergeUnknown(object, raw);
    return object;
}

} // namespace muxi
