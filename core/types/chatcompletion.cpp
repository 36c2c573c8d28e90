#include <muxi/chatcompletion.h>

#include <muxi/jsonfields.h>

#include <QJsonArray>

namespace muxi {

QString ChatCompletion::text() const
{
    return choices.isEmpty() ? QString() : choices.first().message.text();
}

ChatCompletion ChatCompletion::fromJson(const QJsonObject &object)
{
    ChatCompletion c;
    c.id = object.value(QLatin1String("id")).toString();
    c.created = object.value(QLatin1String("created")).toInteger();
    c.model = object.value(QLatin1String("model")).toString();
    c.systemFingerprint = object.value(QLatin1String("system_fingerprint")).toString();
    const QJsonArray choices = object.value(QLatin1String("choices")).toArray();
    for (const QJsonValue &v : choices) {
        const QJsonObject o = v.toObject();
        ChatChoice choice;
        choice.index = o.value(QLatin1String("index")).toInt();
        choice.message = Message::fromJson(o.value(QLatin1String("message")).toObject());
        choice.finishReason = o.value(QLatin1String("finish_reason")).toString();
        choice.logprobs = o.value(QLatin1String("logprobs"));
        choice.raw = json::unknownFields(o, {QLatin1String("index"), QLatin1String("message"), QLatin1String("finish_reason"), QLatin1String("logprobs")});
        c.choices.append(choice);
    }
    if (object.value(QLatin1String("usage")).isObject())
        c.usage = Usage::fromJson(object.value(QLatin1String("usage")).toObject());
    c.raw = json::unknownFields(object,
                                {QLatin1String("id"), QLatin1String("object"), QLatin1String("created"), QLatin1String("model"),
                                 QLatin1String("system_fingerprint"), QLatin1String("choices"), QLatin1String("usage")});
    return c;
}

QJsonObject ChatCompletion::toJson() const
{
    QJsonObject object{
        {QLatin1String("id"), id},
        {QLatin1String("object"), QLatin1String("chat.completion")},
        {QLatin1String("created"), created},
        {QLatin1String("model"), model},
    };
    if (!systemFingerprint.isEmpty())
        object.insert(QLatin1String("system_fingerprint"), systemFingerprint);
    QJsonArray choiceArray;
    for (const ChatChoice &choice : choices) {
        QJsonObject o{
            {QLatin1String("index"), choice.index},
            {QLatin1String("message"), choice.message.toJson()},
            {QLatin1String("finish_reason"), choice.finishReason.isEmpty() ? QJsonValue() : QJsonValue(choice.finishReason)},
            {QLatin1String("logprobs"), choice.logprobs.isUndefined() ? QJsonValue() : choice.logprobs},
        };
        json::mergeUnknown(o, choice.raw);
        choiceArray.append(o);
    }
    object.insert(QLatin1String("choices"), choiceArray);
    if (usage)
        object.insert(QLatin1String("usage"), usage->toJson());
    json::mergeUnknown(object, raw);
    return object;
}

} // namespace muxi
