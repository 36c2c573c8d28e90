#include "tgistreamdecoder.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace muxi {

TgiStreamDecoder::TgiStreamDecoder(QString model)
    : m_chunks(QStringLiteral("tgi-"), std::move(model))
{
}

QString TgiStreamDecoder::finishReason(const QString &tgiReason)
{
    return tgiReason == QLatin1String("length") ? QStringLiteral("length") : QStringLiteral("stop");
}

Error TgiStreamDecoder::error(const QJsonObject &object)
{
    const QString type = object.value(QLatin1String("error_type")).toString();
    Error::Kind kind = Error::Kind::Server;
    if (type == QLatin1String("overloaded"))
        kind = Error::Kind::Overloaded;
    else if (type == QLatin1String("validation") || type == QLatin1String("template_error") || type == QLatin1String("tool_error"))
        kind = Error::Kind::BadRequest;
    Error error(kind, object.value(QLatin1String("error")).toString());
    error.type = type;
    return error;
}

std::optional<Usage> TgiStreamDecoder::usage(const QJsonObject &details)
{
    if (!details.contains(QLatin1String("generated_tokens")))
        return std::nullopt;
    Usage usage;
    usage.completionTokens = details.value(QLatin1String("generated_tokens")).toInt();
    usage.totalTokens = usage.completionTokens;
    return usage;
}

std::optional<Error> TgiStreamDecoder::feed(QByteArrayView bytes, QList<ChatChunk> &chunks)
{
    const QList<SseEvent> events = m_parser.feed(bytes);
    for (const SseEvent &event : events) {
        if (m_done)
            break;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(event.data, &parseError);
        if (!document.isObject()) {
            Error error(Error::Kind::InvalidResponse, QCoreApplication::translate("muxi::TgiStreamDecoder", "malformed JSON in the stream: %1")
                                                          .arg(parseError.errorString()));
            error.rawBody = event.data.left(1024);
            return error;
        }
        const QJsonObject object = document.object();
        if (object.contains(QLatin1String("error")))
            return error(object);

        ChatChunk chunk = m_chunks.next();
        ChunkChoice &choice = chunk.choices.first();
        const QJsonObject token = object.value(QLatin1String("token")).toObject();
        if (!token.value(QLatin1String("special")).toBool())
            choice.content = token.value(QLatin1String("text")).toString();
        // The last event names the whole text; its token is part of it already.
        if (object.value(QLatin1String("generated_text")).isString()) {
            const QJsonObject details = object.value(QLatin1String("details")).toObject();
            choice.finishReason = finishReason(details.value(QLatin1String("finish_reason")).toString());
            chunk.usage = usage(details);
            m_done = true;
        }
        chunks.append(chunk);
    }
    return std::nullopt;
}

} // namespace muxi
