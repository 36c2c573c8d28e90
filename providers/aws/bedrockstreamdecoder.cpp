#include <muxi/providers/bedrockstreamdecoder.h>

#include <muxi/providers/awserror.h>
#include <muxi/providers/bedrockadapter.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace muxi {

BedrockStreamDecoder::BedrockStreamDecoder(QString model)
    : m_chunks(QStringLiteral("bedrock-"), std::move(model))
{
}

std::optional<Error> BedrockStreamDecoder::feed(QByteArrayView bytes, QList<ChatChunk> &chunks)
{
    QList<EventStreamMessage> messages;
    const std::optional<QString> framingError = m_frames.feed(bytes, messages);
    for (const EventStreamMessage &message : std::as_const(messages)) {
        if (m_done)
            break;
        if (auto error = handle(message, chunks))
            return error;
    }
    if (framingError)
        return Error(Error::Kind::InvalidResponse, *framingError);
    return std::nullopt;
}

std::optional<Error> BedrockStreamDecoder::handle(const EventStreamMessage &message, QList<ChatChunk> &chunks)
{
    if (auto error = AwsError::fromStreamMessage(message))
        return error;

    const QString event = message.text(":event-type");
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(message.payload, &parseError);
    // A frame that arrived whole but holds no JSON object is a broken answer, not one to skip.
    if (!document.isObject()) {
        return Error(Error::Kind::InvalidResponse, QCoreApplication::translate("muxi::BedrockStreamDecoder", "the %1 event is not a JSON object: %2")
                                                       .arg(event, parseError.errorString()));
    }
    const QJsonObject payload = document.object();
    const int block = payload.value(QLatin1String("contentBlockIndex")).toInt();
    if (event == QLatin1String("messageStart")) {
        chunks.append(m_chunks.next());
    } else if (event == QLatin1String("contentBlockStart")) {
        const QJsonObject use = payload.value(QLatin1String("start")).toObject().value(QLatin1String("toolUse")).toObject();
        if (use.isEmpty())
            return std::nullopt;
        const int index = int(m_toolIndex.size());
        m_toolIndex.insert(block, index);
        ChatChunk c = m_chunks.next();
        c.choices.first().toolCalls.append(
            {index, use.value(QLatin1String("toolUseId")).toString(), use.value(QLatin1String("name")).toString(), QString()});
        chunks.append(c);
    } else if (event == QLatin1String("contentBlockDelta")) {
        const QJsonObject delta = payload.value(QLatin1String("delta")).toObject();
        ChatChunk c = m_chunks.next();
        ChunkChoice &choice = c.choices.first();
        if (delta.contains(QLatin1String("text"))) {
            // A text block may start with its first delta, without contentBlockStart.
            choice.content = delta.value(QLatin1String("text")).toString();
        } else if (delta.contains(QLatin1String("toolUse"))) {
            const auto tool = m_toolIndex.constFind(block);
            if (tool == m_toolIndex.constEnd())
                return std::nullopt;
            m_toolBlocksWithInput.insert(block);
            choice.toolCalls.append({*tool, QString(), QString(), delta.value(QLatin1String("toolUse")).toObject().value(QLatin1String("input")).toString()});
        } else if (delta.contains(QLatin1String("reasoningContent"))) {
            choice.reasoningContent = delta.value(QLatin1String("reasoningContent")).toObject().value(QLatin1String("text")).toString();
            if (choice.reasoningContent.isEmpty())
                return std::nullopt;
        } else {
            return std::nullopt;
        }
        chunks.append(c);
    } else if (event == QLatin1String("contentBlockStop")) {
        // A tool that takes no arguments streams no input: its arguments are "{}".
        const auto tool = m_toolIndex.constFind(block);
        if (tool != m_toolIndex.constEnd() && !m_toolBlocksWithInput.contains(block)) {
            ChatChunk c = m_chunks.next();
            c.choices.first().toolCalls.append({*tool, QString(), QString(), QStringLiteral("{}")});
            chunks.append(c);
        }
    } else if (event == QLatin1String("messageStop")) {
        m_stopReason = payload.value(QLatin1String("stopReason")).toString();
        if (BedrockAdapter::finishReason(m_stopReason).isEmpty())
            return BedrockAdapter::malformedOutput(m_stopReason);
    } else if (event == QLatin1String("metadata")) {
        ChatChunk c = m_chunks.next();
        c.choices.first().finishReason = BedrockAdapter::finishReason(m_stopReason.isEmpty() ? QStringLiteral("end_turn") : m_stopReason);
        if (payload.value(QLatin1String("usage")).isObject())
            c.usage = BedrockAdapter::usage(payload.value(QLatin1String("usage")).toObject());
        chunks.append(c);
        m_done = true;
    }
    return std::nullopt;
}

} // namespace muxi
