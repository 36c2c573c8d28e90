#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/eventstreammessage.h>

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace muxi {

// Incremental decoder of AWS's event-stream framing (awslabs/aws-c-event-stream,
// docs.aws.amazon.com/transcribe/latest/dg/event-stream.html). Big-endian:
//   total length u32 | headers length u32 | CRC-32 of the 8 bytes before it |
//   headers | payload | CRC-32 of every byte before it.
// A header is name length u8, name, type u8, value. Messages come out the same
// however the bytes were split between feed() calls. Works on bytes only, so
// the fuzz target needs no event loop.
class MUXI_PROVIDERS_TESTS_EXPORT EventStreamDecoder
{
public:
    // Largest message and header block the format allows.
    static constexpr quint32 MaxMessageSize = 16 * 1024 * 1024;
    static constexpr quint32 MaxHeadersSize = 128 * 1024;

    // Appends the messages completed by `bytes`. A broken frame (CRC mismatch,
    // impossible lengths, malformed header) ends the stream: there is no way
    // to find the next frame, so this and every later call return the error.
    std::optional<QString> feed(QByteArrayView bytes, QList<EventStreamMessage> &messages);

    // Bytes of a message not complete yet: a stream ending now was cut.
    bool hasPartialMessage() const { return !m_buffer.isEmpty(); }
    bool hasFailed() const { return !m_error.isEmpty(); }

    // IEEE 802.3 CRC-32 (reflected polynomial 0xEDB88320), as zlib's crc32().
    static quint32 crc32(QByteArrayView bytes);

private:
    static std::optional<QString> decodeOne(QByteArrayView buffer, qsizetype &consumed, QList<EventStreamMessage> &messages);

    QByteArray m_buffer;
    QString m_error;
};

} // namespace muxi
