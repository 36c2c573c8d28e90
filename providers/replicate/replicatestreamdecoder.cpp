#include <muxi/providers/replicatestreamdecoder.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace muxi {

ReplicateStreamDecoder::ReplicateStreamDecoder(QString model)
    : m_chunks(QStringLiteral("replicate-"), std::move(model))
{
}

std::optional<Error> ReplicateStreamDecoder::feed(QByteArrayView bytes, QList<ChatChunk> &chunks)
{
    const QList<SseEvent> events = m_parser.feed(bytes);
    for (const SseEvent &event : events) {
        if (m_done)
            break;
        if (event.event == "output") {
            ChatChunk c = m_chunks.next();
            c.choices.first().content = QString::fromUtf8(event.data);
            chunks.append(c);
        } else if (event.event == "error") {
            const QJsonObject object = QJsonDocument::fromJson(event.data).object();
            QString message = object.value(QLatin1String("detail")).toString();
            if (message.isEmpty())
                message = QString::fromUtf8(event.data.trimmed());
            Error error(Error::Kind::Server, message);
            error.code = QStringLiteral("prediction_failed");
            return error;
        } else if (event.event == "done") {
            m_done = true;
            // "{}", or {"reason": "canceled"}; anything but an object means the end itself is garbled.
            QJsonParseError parseError;
            const QJsonDocument done = QJsonDocument::fromJson(event.data, &parseError);
            if (!event.data.trimmed().isEmpty() && !done.isObject()) {
                return Error(Error::Kind::InvalidResponse, QCoreApplication::translate("muxi::ReplicateStreamDecoder",
                                                                                      "the stream's done event is not a JSON object: %1")
                                                               .arg(parseError.errorString()));
            }
            const QString reason = done.object().value(QLatin1String("reason")).toString();
            if (reason == QLatin1String("canceled"))
                return Error(Error::Kind::Cancelled, QCoreApplication::translate("muxi::ReplicateStreamDecoder", "the prediction was canceled"));
            ChatChunk c = m_chunks.next();
            c.choices.first().finishReason = QStringLiteral("stop");
            chunks.append(c);
        }
    }
    return std::nullopt;
}

} // namespace muxi
