#include <muxi/providers/ollamastreamdecoder.h>

#include <muxi/providers/ollamaadapter.h>
#include <muxi/providers/wirehelpers.h>

#include <QJsonArray>
#include <QJsonObject>

namespace muxi {

OllamaStreamDecoder::OllamaStreamDecoder(QString model)
    // Ollama streams carry no id; chunks of one answer share a made-up one.
    : m_chunks(QStringLiteral("ollama-"), std::move(model))
{
}

std::optional<Error> OllamaStreamDecoder::feed(QByteArrayView bytes, QList<ChatChunk> &chunks)
{
    const QList<QByteArray> lines = m_parser.feed(bytes);
    for (const QByteArray &line : lines) {
        if (m_done)
            break;
        if (std::optional<Error> error = handle(line, chunks))
            return error;
    }
    return std::nullopt;
}

std::optional<Error> OllamaStreamDecoder::handle(const QByteArray &line, QList<ChatChunk> &chunks)
{
    const Expected<QJsonObject> parsed = wire::eventObject(line);
    if (!parsed)
        return parsed.error();
    const QJsonObject object = *parsed;
    if (object.contains(QLatin1String("error")))
        return OllamaAdapter::parseError(line, 0);

    const QJsonObject message = object.value(QLatin1String("message")).toObject();
    const QString doneReason = object.value(QLatin1String("done_reason")).toString();
    const bool done = object.value(QLatin1String("done")).toBool();
    if (done && (doneReason == QLatin1String("load") || doneReason == QLatin1String("unload"))) {
        // Loading or unloading a model answers nothing: no choice to report.
        m_done = true;
        return std::nullopt;
    }

    ChatChunk chunk = m_chunks.next();
    ChunkChoice &choice = chunk.choices.first();
    const QString content = message.value(QLatin1String("content")).toString();
    if (!content.isEmpty())
        choice.content = content;
    choice.reasoningContent = message.value(QLatin1String("thinking")).toString();
    // A tool call arrives whole, arguments as an object, in one line.
    const QJsonArray calls = message.value(QLatin1String("tool_calls")).toArray();
    for (const QJsonValue &call : calls) {
        const ToolCall toolCall = OllamaAdapter::toolCallFromJson(call.toObject(), m_toolCalls);
        choice.toolCalls.append({m_toolCalls, toolCall.id, toolCall.name, toolCall.arguments});
        ++m_toolCalls;
    }
    if (done) {
        m_done = true;
        choice.finishReason = OllamaAdapter::finishReason(doneReason, m_toolCalls > 0);
        chunk.usage = OllamaAdapter::usageFromJson(object);
    }
    chunks.append(chunk);
    return std::nullopt;
}

} // namespace muxi
