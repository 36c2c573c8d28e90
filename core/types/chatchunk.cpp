#include <muxi/chatchunk.h>

#include <muxi/jsonfields.h>

#include <QJsonArray>

namespace muxi {

ToolCallDelta::ToolCallDelta(int index, QString id, QString name, QString arguments, QJsonObject raw)
    : index(index)
    , id(std::move(id))
    , name(std::move(name))
    , arguments(std::move(arguments))
    , raw(std::move(raw))
{
}

ChatChunk ChatChunk::fromJson(const QJsonObject &object)
{
    ChatChunk chunk;
    chunk.id = object.value(QLatin1String("id")).toString();
    chunk.created = object.value(QLatin1String("created")).toInteger();
    chunk.model = object.value(QLatin1String("model")).toString();
    const QJsonArray choices = object.value(QLatin1String("choices")).toArray();
    for (const QJsonValue &v : choices) {
        const QJsonObject o = v.toObject();
        const QJsonObject delta = o.value(QLatin1String("delta")).toObject();
        ChunkChoice choice;
        choice.index = o.value(QLatin1String("index")).toInt();
        choice.role = delta.value(QLatin1String("role")).toString();
        if (delta.value(QLatin1String("content")).isString())
            choice.content = delta.value(QLatin1String("content")).toString();
        choice.reasoningContent = delta.value(QLatin1String("reasoning_content")).toString();
        choice.refusal = delta.value(QLatin1String("refusal")).toString();
        const QJsonArray calls = delta.value(QLatin1String("tool_calls")).toArray();
        for (const QJsonValue &c : calls) {
            const QJsonObject call = c.toObject();
            const QJsonObject function = call.value(QLatin1String("function")).toObject();
            choice.toolCalls.append({call.value(QLatin1String("index")).toInt(),
                                     call.value(QLatin1String("id")).toString(),
                                     function.value(QLatin1String("name")).toString(),
                                     function.value(QLatin1String("arguments")).toString(),
                                     json::unknownFields(call, {QLatin1String("index"), QLatin1String("id"), QLatin1String("type"),
                                                                QLatin1String("function")})});
        }
        choice.deltaRaw = json::unknownFields(delta,
                                              {QLatin1String("role"), QLatin1String("content"), QLatin1String("reasoning_content"),
                                               QLatin1String("refusal"), QLatin1String("tool_calls")});
        choice.finishReason = o.value(QLatin1String("finish_reason")).toString();
        choice.raw = json::unknownFields(o, {QLatin1String("index"), QLatin1String("delta"), QLatin1String("finish_reason")});
        chunk.choices.append(choice);
    }
    if (object.value(QLatin1String("usage")).isObject())
        chunk.usage = Usage::fromJson(object.value(QLatin1String("usage")).toObject());
    chunk.raw = json::unknownFields(object,
                                    {QLatin1String("id"), QLatin1String("object"), QLatin1String("created"),
                                     QLatin1String("model"), QLatin1String("choices"), QLatin1String("usage")});
    return chunk;
}

QJsonObject ChatChunk::toJson() const
{
    QJsonObject object{
        {QLatin1String("id"), id},
        {QLatin1String("object"), QLatin1String("chat.completion.chunk")},
        {QLatin1String("created"), created},
        {QLatin1String("model"), model},
    };
    QJsonArray choiceArray;
    for (const ChunkChoice &choice : choices) {
        QJsonObject delta;
        if (!choice.role.isEmpty())
            delta.insert(QLatin1String("role"), choice.role);
        if (choice.content)
            delta.insert(QLatin1String("content"), *choice.content);
        if (!choice.reasoningContent.isEmpty())
            delta.insert(QLatin1String("reasoning_content"), choice.reasoningContent);
        if (!choice.refusal.isEmpty())
            delta.insert(QLatin1String("refusal"), choice.refusal);
        if (!choice.toolCalls.isEmpty()) {
            QJsonArray calls;
            for (const ToolCallDelta &call : choice.toolCalls) {
                QJsonObject function{{QLatin1String("arguments"), call.arguments}};
                if (!call.name.isEmpty())
                    function.insert(QLatin1String("name"), call.name);
                QJsonObject c{{QLatin1String("index"), call.index}, {QLatin1String("function"), function}};
                if (!call.id.isEmpty()) {
                    c.insert(QLatin1String("id"), call.id);
                    c.insert(QLatin1String("type"), QLatin1String("function"));
                }
                json::mergeUnknown(c, call.raw);
                calls.append(c);
            }
            delta.insert(QLatin1String("tool_calls"), calls);
        }
        json::mergeUnknown(delta, choice.deltaRaw);
        QJsonObject o{
            {QLatin1String("index"), choice.index},
            {QLatin1String("delta"), delta},
            {QLatin1String("finish_reason"), choice.finishReason.isEmpty() ? QJsonValue() : QJsonValue(choice.finishReason)},
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
