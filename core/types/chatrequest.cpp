#include <muxi/chatrequest.h>

#include <muxi/jsonfields.h>

#include <QJsonArray>

#include <algorithm>

namespace muxi {

std::optional<int> ChatRequest::outputTokenLimit() const
{
    return maxCompletionTokens ? maxCompletionTokens : maxTokens;
}

bool ChatRequest::needsVision() const
{
    return std::any_of(messages.begin(), messages.end(), [](const Message &m) {
        return m.hasImages();
    });
}

bool ChatRequest::needsAudio() const
{
    return std::any_of(messages.begin(), messages.end(), [](const Message &m) {
        return m.hasAudio();
    });
}

QList<QUrl> ChatRequest::remoteImageUrls() const
{
    QList<QUrl> urls;
    for (const Message &message : messages) {
        for (const ContentPart &part : message.content) {
            if (part.type == ContentPart::Type::Image && !part.hasInlineData()
                && (part.url.scheme() == QLatin1String("http") || part.url.scheme() == QLatin1String("https")))
                urls.append(part.url);
        }
    }
    return urls;
}

ChatRequest ChatRequest::fromJson(const QJsonObject &object)
{
    ChatRequest r;
    r.model = object.value(QLatin1String("model")).toString();
    const QJsonArray messages = object.value(QLatin1String("messages")).toArray();
    for (const QJsonValue &m : messages)
        r.messages.append(Message::fromJson(m.toObject()));
    r.temperature = json::optionalDouble(object, QLatin1String("temperature"));
    r.topP = json::optionalDouble(object, QLatin1String("top_p"));
    r.maxTokens = json::optionalInt(object, QLatin1String("max_tokens"));
    r.maxCompletionTokens = json::optionalInt(object, QLatin1String("max_completion_tokens"));
    r.n = json::optionalInt(object, QLatin1String("n"));
    if (object.value(QLatin1String("seed")).isDouble())
        r.seed = object.value(QLatin1String("seed")).toInteger();
    r.stop = json::stringList(object.value(QLatin1String("stop")));
    r.stream = object.value(QLatin1String("stream")).toBool();
    r.includeUsage = object.value(QLatin1String("stream_options")).toObject().value(QLatin1String("include_usage")).toBool(r.stream);
    const QJsonArray tools = object.value(QLatin1String("tools")).toArray();
    for (const QJsonValue &t : tools)
        r.tools.append(Tool::fromJson(t.toObject()));
    r.toolChoice = object.value(QLatin1String("tool_choice"));
    r.parallelToolCalls = json::optionalBool(object, QLatin1String("parallel_tool_calls"));
    if (object.value(QLatin1String("response_format")).isObject())
        r.responseFormat = ResponseFormat::fromJson(object.value(QLatin1String("response_format")).toObject());
    r.user = object.value(QLatin1String("user")).toString();
    r.fallbackModels = json::stringList(object.value(QLatin1String("fallback_models")));
    r.maxRetries = json::optionalInt(object, QLatin1String("max_retries"));
    if (object.value(QLatin1String("retry_base_delay_ms")).isDouble())
        r.retryBaseDelayMs = object.value(QLatin1String("retry_base_delay_ms")).toInteger();
    r.extra = json::unknownFields(object,
                                  {QLatin1String("model"), QLatin1String("messages"), QLatin1String("temperature"),
                                   QLatin1String("top_p"), QLatin1String("max_tokens"), QLatin1String("max_completion_tokens"),
                                   QLatin1String("n"), QLatin1String("seed"), QLatin1String("stop"), QLatin1String("stream"),
                                   QLatin1String("stream_options"), QLatin1String("tools"), QLatin1String("tool_choice"),
                                   QLatin1String("parallel_tool_calls"), QLatin1String("response_format"),
                                   QLatin1String("user"), QLatin1String("fallback_models"), QLatin1String("max_retries"),
                                   QLatin1String("retry_base_delay_ms")});
    return r;
}

QJsonObject ChatRequest::toWireJson() const
{
    QJsonObject object{{QLatin1String("model"), model}};
    QJsonArray messageArray;
    for (const Message &m : messages)
        messageArray.append(m.toJson());
    object.insert(QLatin1String("messages"), messageArray);
    json::insertOptional(object, QLatin1String("temperature"), temperature);
    json::insertOptional(object, QLatin1String("top_p"), topP);
    json::insertOptional(object, QLatin1String("max_tokens"), maxTokens);
    json::insertOptional(object, QLatin1String("max_completion_tokens"), maxCompletionTokens);
    json::insertOptional(object, QLatin1String("n"), n);
    if (seed)
        object.insert(QLatin1String("seed"), *seed);
    if (stop.size() == 1)
        object.insert(QLatin1String("stop"), stop.first());
    else if (!stop.isEmpty())
        object.insert(QLatin1String("stop"), QJsonArray::fromStringList(stop));
    if (stream) {
        object.insert(QLatin1String("stream"), true);
        if (includeUsage)
            object.insert(QLatin1String("stream_options"), QJsonObject{{QLatin1String("include_usage"), true}});
    }
    if (!tools.isEmpty()) {
        QJsonArray toolArray;
        for (const Tool &t : tools)
            toolArray.append(t.toJson());
        object.insert(QLatin1String("tools"), toolArray);
    }
    if (!toolChoice.isUndefined() && !toolChoice.isNull())
        object.insert(QLatin1String("tool_choice"), toolChoice);
    json::insertOptional(object, QLatin1String("parallel_tool_calls"), parallelToolCalls);
    if (responseFormat)
        object.insert(QLatin1String("response_format"), responseFormat->toJson());
    if (!user.isEmpty())
        object.insert(QLatin1String("user"), user);
    json::mergeUnknown(object, extra);
    return object;
}

QJsonObject ChatRequest::toJson() const
{
    QJsonObject object = toWireJson();
    if (!fallbackModels.isEmpty())
        object.insert(QLatin1String("fallback_models"), QJsonArray::fromStringList(fallbackModels));
    json::insertOptional(object, QLatin1String("max_retries"), maxRetries);
    if (retryBaseDelayMs)
        object.insert(QLatin1String("retry_base_delay_ms"), *retryBaseDelayMs);
    return object;
}

} // namespace muxi
