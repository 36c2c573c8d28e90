#pragma once

#include <muxi/providers/eventstreammessage.h>

#include <QByteArray>
#include <QList>

namespace muxi::test {

// Builds AWS event-stream messages from the format's description
// (awslabs/aws-c-event-stream), with zlib computing the CRCs, so the
// decoder under test is checked against an independent encoder.
QByteArray eventStreamMessage(const QList<EventStreamMessage::Header> &headers, const QByteArray &payload);

EventStreamMessage::Header stringHeader(const QByteArray &name, const QString &value);

// Encodes an event listing, one message per line:
//   :event-type=messageStart {"role":"assistant"}
//   :message-type=exception :exception-type=throttlingException {"message":"slow down"}
//   :event-type=PayloadPart "data:{\"token\":{}}\n\n"
// name=value tokens are string headers; ":message-type" defaults to "event"
// and ":content-type" to "application/json". The rest of the line is the
// payload, or, written as a JSON string literal, the bytes it decodes to.
// Blank lines and lines starting with '#' are skipped.
QByteArray eventStreamFromListing(const QByteArray &listing);

// zlib's crc32(), the reference the decoder's own CRC is compared with.
quint32 zlibCrc32(QByteArrayView bytes);

} // namespace muxi::test
