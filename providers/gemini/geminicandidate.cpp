#include <muxi/providers/geminicandidate.h>

#include <muxi/providers/wirehelpers.h>

#include <QJsonArray>

#include <algorithm>
#include <iterator>

namespace muxi {

using wire::key;

namespace {
// https://ai.google.dev/api/generate-content#FinishReason
constexpr const char *filterReasons[] = {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
                                         "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION"};
constexpr const char *toolErrorReasons[] = {"MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS"};

bool isOneOf(const QString &value, const auto &names)
{
    return std::any_of(std::begin(names), std::end(names), [&](const char *name) {
        return value == QLatin1String(name);
    });
}
}

GeminiCandidate GeminiCandidate::fromJson(const QJsonObject &candidate, int position)
{
    GeminiCandidate result;
    result.index = candidate.value(key("index")).toInt(position);
    result.nativeFinishReason = candidate.value(key("finishReason")).toString();
    result.finishMessage = candidate.value(key("finishMessage")).toString();
    // A candidate stopped for safety may have no content at all.
    const QJsonArray parts = candidate.value(key("content")).toObject().value(key("parts")).toArray();
    for (const QJsonValue &value : parts) {
        const QJsonObject part = value.toObject();
        if (part.value(key("functionCall")).isObject()) {
            const QJsonObject call = part.value(key("functionCall")).toObject();
            ToolCall toolCall;
            toolCall.name = call.value(key("name")).toString();
            toolCall.arguments = wire::compactJson(call.value(key("args")).toObject());
            // Thinking models sign their calls and want the signature back with the call.
            if (part.contains(key("thoughtSignature")))
                toolCall.raw.insert(key("thought_signature"), part.value(key("thoughtSignature")));
            result.toolCalls.append(toolCall);
        } else {
            if (part.value(key("thought")).toBool())
                result.reasoning += part.value(key("text")).toString();
            else
                result.text += part.value(key("text")).toString();
            const QString signature = part.value(key("thoughtSignature")).toString();
            if (!signature.isEmpty())
                result.thoughtSignatures.append(signature);
        }
    }
    return result;
}

QString GeminiCandidate::finishReason(bool calledFunction) const
{
    if (nativeFinishReason.isEmpty())
        return {};
    if (nativeFinishReason == QLatin1String("MAX_TOKENS"))
        return QStringLiteral("length");
    if (isOneOf(nativeFinishReason, filterReasons))
        return QStringLiteral("content_filter");
    if (nativeFinishReason == QLatin1String("STOP") && calledFunction)
        return QStringLiteral("tool_calls");
    // STOP, LANGUAGE, OTHER, the tool-protocol errors and reasons added later.
    return QStringLiteral("stop");
}

QJsonObject GeminiCandidate::finishDetails() const
{
    QJsonObject details;
    if (nativeFinishReason.isEmpty())
        return details;
    details.insert(key("native_finish_reason"), nativeFinishReason);
    if (isOneOf(nativeFinishReason, toolErrorReasons)) {
        details.insert(key("error"), QJsonObject{{key("type"), nativeFinishReason},
                                                 {key("message"), finishMessage.isEmpty() ? nativeFinishReason : finishMessage}});
    }
    return details;
}

} // namespace muxi
