#include <muxi/providers/coherestreamdecoder.h>

#include <muxi/providers/cohereadapter.h>
#include <muxi/providers/wirehelpers.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace muxi {

CohereStreamDecoder::CohereStreamDecoder(QString model)
{
    m_chunks.setModel(std::move(model));
}

std::optional<Error> CohereStreamDecoder::feed(QByteArrayView bytes, QList<ChatChunk> &chunks)
{
    const QList<SseEvent> events = m_parser.feed(bytes);
    for (const SseEvent &event : events) {
        if (m_done)
            break;
        const Expected<QJsonObject> object = wire::eventObject(event.data);
        if (!object)
            return object.error();
        if (std::optional<Error> error = handle(*object, chunks))
            return error;
    }
    return std::nullopt;
}

std::optional<Error> CohereStreamDecoder::handle(const QJsonObject &event, QList<ChatChunk> &chunks)
{
    const QString type = event.value(QLatin1String("type")).toString();
    const QJsonObject delta = event.value(QLatin1String("delta")).toObject();
    const QJsonObject message = delta.value(QLatin1String("message")).toObject();
    ChunkChoice choice;

    if (type == QLatin1String("message-start")) {
        m_chunks.setId(event.value(QLatin1String("id")).toString());
        choice.role = QStringLiteral("assistant");
    } else if (type == QLatin1String("content-delta")) {
        const QJsonObject content = message.value(QLatin1String("content")).toObject();
        if (content.contains(QLatin1String("thinking")))
            choice.reasoningContent = content.value(QLatin1String("thinking")).toString();
        else
            choice.content = content.value(QLatin1String("text")).toString();
    } else if (type == QLatin1String("tool-plan-delta")) {
        // The plan is reasoning shown before the calls, never answer text.
        choice.reasoningContent = message.value(QLatin1String("tool_plan")).toString();
    } else if (type == QLatin1String("tool-call-start") || type == QLatin1String("tool-call-delta")) {
        // In stream deltas `tool_calls` is one object, not an array.
        const QJsonObject call = message.value(QLatin1String("tool_calls")).toObject();
        const QJsonObject function = call.value(QLatin1String("function")).toObject();
        const int cohereIndex = event.value(QLatin1String("index")).toInt();
        if (type == QLatin1String("tool-call-start") && !m_toolIndex.contains(cohereIndex))
            m_toolIndex.insert(cohereIndex, int(m_toolIndex.size()));
        ToolCallDelta fragment;
        fragment.index = m_toolIndex.value(cohereIndex);
        fragment.id = call.value(QLatin1String("id")).toString();
        fragment.name = function.value(QLatin1String("name")).toString();
        const QJsonValue arguments = function.value(QLatin1String("arguments"));
        fragment.arguments = arguments.isString() || arguments.isUndefined() ? arguments.toString() : wire::compactJson(arguments);
        choice.toolCalls.append(fragment);
    } else if (type == QLatin1String("message-end")) {
        const QString reason = delta.value(QLatin1String("finish_reason")).toString();
        const QJsonValue detail = delta.value(QLatin1String("error"));
        if (std::optional<Error> failed = CohereAdapter::finishError(reason, detail.isString() ? detail.toString() : QString())) {
            failed->rawBody = QJsonDocument(event).toJson(QJsonDocument::Compact);
            return failed;
        }
        m_done = true;
        choice.finishReason = CohereAdapter::finishReason(reason);
        ChatChunk chunk = m_chunks.chunk({choice});
        if (delta.value(QLatin1String("usage")).isObject())
            chunk.usage = CohereAdapter::usageFromJson(delta.value(QLatin1String("usage")).toObject());
        chunks.append(chunk);
        return std::nullopt;
    } else if (event.value(QLatin1String("message")).isString() && !event.contains(QLatin1String("delta"))) {
        // A failure reported as an event in Cohere's error shape.
        return wire::providerError(Error::Kind::Server, event.value(QLatin1String("message")).toString(), 0,
                                   QJsonDocument(event).toJson(QJsonDocument::Compact));
    } else {
        // content-start/-end, tool-call-end, citations, debug: nothing for an OpenAI chunk.
        return std::nullopt;
    }
    chunks.append(m_chunks.chunk({choice}));
    return std::nullopt;
}

} // namespace muxi
