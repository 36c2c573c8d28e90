#include <muxi/usage.h>

#include <muxi/jsonfields.h>

namespace muxi {

Usage Usage::fromJson(const QJsonObject &object)
{
    Usage usage;
    usage.promptTokens = object.value(QLatin1String("prompt_tokens")).toInt();
    usage.completionTokens = object.value(QLatin1String("completion_tokens")).toInt();
    usage.totalTokens = object.value(QLatin1String("total_tokens")).toInt();
    usage.cachedTokens = json::optionalInt(object.value(QLatin1String("prompt_tokens_details")).toObject(), QLatin1String("cached_tokens"));
    usage.reasoningTokens = json::optionalInt(object.value(QLatin1String("completion_tokens_details")).toObject(), QLatin1String("reasoning_tokens"));
    usage.raw = json::unknownFields(object, {QLatin1String("prompt_tokens"), QLatin1String("completion_tokens"), QLatin1String("total_tokens")});
    return usage;
}

QJsonObject Usage::toJson() const
{
    QJsonObject object{
        {QLatin1String("prompt_tokens"), promptTokens},
        {QLatin1String("completion_tokens"), completionTokens},
        {QLatin1String("total_tokens"), totalTokens},
    };
    // Details objects are kept in `raw` when they came from the wire; set
    // them here only when an adapter filled the typed fields itself.
    if (cachedTokens && !raw.contains(QLatin1String("prompt_tokens_details")))
        object.insert(QLatin1String("prompt_tokens_details"), QJsonObject{{QLatin1String("cached_tokens"), *cachedTokens}});
    if (reasoningTokens && !raw.contains(QLatin1String("completion_tokens_details")))
        object.insert(QLatin1String("completion_tokens_details"), QJsonObject{{QLatin1String("reasoning_tokens"), *reasoningTokens}});
    json::mergeUnknown(object, raw);
    return object;
}

} // namespace muxi
