#include <muxi/providers/openaistreamdecoder.h>

#include <muxi/providers/openaiadapter.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace muxi {

namespace {
ChatChunk chunkFromTextCompletion(const QJsonObject &object)
{
    ChatChunk chunk;
    chunk.id = object.value(QLatin1String("id")).toString();
    chunk.created = object.value(QLatin1String("created")).toInteger();
    chunk.model = object.value(QLatin1String("model")).toString();
    const QJsonArray choices = object.value(QLatin1String("choices")).toArray();
    for (const QJsonValue &v : choices) {
        const QJsonObject o = v.toObject();
        ChunkChoice choice;
        choice.index = o.value(QLatin1String("index")).toInt();
        choice.content = o.value(QLatin1String("text")).toString();
        choice.finishReason = o.value(QLatin1String("finish_reason")).toString();
        chunk.choices.append(choice);
    }
    if (object.value(QLatin1String("usage")).isObject())
        chunk.usage = Usage::fromJson(object.value(QLatin1String("usage")).toObject());
    return chunk;
}
}

OpenAiStreamDecoder::OpenAiStreamDecoder(bool textCompletions)
    : m_textCompletions(textCompletions)
{
}

std::optional<Error> OpenAiStreamDecoder::feed(QByteArrayView bytes, QList<ChatChunk> &chunks)
{
    const QList<SseEvent> events = m_parser.feed(bytes);
    for (const SseEvent &event : events) {
        if (m_done)
            break;
        if (event.data.startsWith("[DONE]")) {
            m_done = true;
            break;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(event.data, &parseError);
        if (!document.isObject()) {
            Error error(Error::Kind::InvalidResponse,
                        QCoreApplication::translate("muxi::OpenAiStreamDecoder", "malformed JSON in the stream: %1")
                            .arg(parseError.errorString()));
            error.rawBody = event.data.left(1024);
            return error;
        }
        const QJsonObject object = document.object();
        if (event.event == "error" || object.value(QLatin1String("error")).isObject()
            || object.value(QLatin1String("object")).toString() == QLatin1String("error")) {
            return OpenAiAdapter::parseErrorBody(event.data, 0);
        }
        chunks.append(m_textCompletions ? chunkFromTextCompletion(object) : ChatChunk::fromJson(object));
    }
    return std::nullopt;
}

} // namespace muxi
