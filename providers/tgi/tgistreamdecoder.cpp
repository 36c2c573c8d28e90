#include <muxi/providers/tgistreamdecoder.h>

#include <muxi/providers/tgiadapter.h>
#include <muxi/providers/wirehelpers.h>

#include <QJsonObject>

namespace muxi {

TgiStreamDecoder::TgiStreamDecoder(QString model)
    // TGI streams carry no id; chunks of one answer share a made-up one.
    : m_chunks(QStringLiteral("tgi-"), std::move(model))
{
}

std::optional<Error> TgiStreamDecoder::feed(QByteArrayView bytes, QList<ChatChunk> &chunks)
{
    const QList<SseEvent> events = m_parser.feed(bytes);
    for (const SseEvent &event : events) {
        if (m_done)
            break;
        const Expected<QJsonObject> parsed = wire::eventObject(event.data);
        if (!parsed)
            return parsed.error();
        const QJsonObject object = *parsed;
        if (object.contains(QLatin1String("error")))
            return TgiAdapter::parseError(event.data, 0);

        ChatChunk chunk = m_chunks.next();
        const QJsonObject token = object.value(QLatin1String("token")).toObject();
        if (!token.value(QLatin1String("special")).toBool())
            chunk.choices.first().content = token.value(QLatin1String("text")).toString();
        const QJsonValue details = object.value(QLatin1String("details"));
        if (details.isObject() || object.value(QLatin1String("generated_text")).isString()) {
            m_done = true;
            chunk.choices.first().finishReason = TgiAdapter::finishReason(details.toObject().value(QLatin1String("finish_reason")).toString());
            chunk.usage = TgiAdapter::usageFromDetails(details.toObject());
        }
        chunks.append(chunk);
    }
    return std::nullopt;
}

} // namespace muxi
