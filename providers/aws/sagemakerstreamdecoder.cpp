#include <muxi/providers/sagemakerstreamdecoder.h>

#include <muxi/providers/awserror.h>

namespace muxi {

SageMakerStreamDecoder::SageMakerStreamDecoder(std::unique_ptr<StreamDecoder> inner)
    : m_inner(std::move(inner))
{
}

std::optional<Error> SageMakerStreamDecoder::feed(QByteArrayView bytes, QList<ChatChunk> &chunks)
{
    QList<EventStreamMessage> messages;
    const std::optional<QString> framingError = m_frames.feed(bytes, messages);
    for (const EventStreamMessage &message : std::as_const(messages)) {
        if (auto error = AwsError::fromStreamMessage(message))
            return error;
        if (message.text(":event-type") != QLatin1String("PayloadPart"))
            continue;
        if (auto error = m_inner->feed(message.payload, chunks))
            return error;
    }
    if (framingError)
        return Error(Error::Kind::InvalidResponse, *framingError);
    return std::nullopt;
}

} // namespace muxi
