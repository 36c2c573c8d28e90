#include "eventstreamwriter.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonArray>
#include <QUuid>
#include <QtEndian>

#include <zlib.h>

namespace muxi::test {

namespace {

void appendBigEndian(QByteArray &out, quint64 value, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        out += char((value >> (8 * i)) & 0xFF);
}

QByteArray encodeHeader(const EventStreamMessage::Header &header)
{
    using Type = EventStreamMessage::Header::Type;
    QByteArray out;
    out += char(header.name.size());
    out += header.name;
    out += char(quint8(header.type));
    switch (header.type) {
    case Type::BoolTrue:
    case Type::BoolFalse:
        break;
    case Type::Byte:
        appendBigEndian(out, quint8(header.value.toInt()), 1);
        break;
    case Type::Int16:
        appendBigEndian(out, quint16(header.value.toInt()), 2);
        break;
    case Type::Int32:
        appendBigEndian(out, quint32(header.value.toInt()), 4);
        break;
    case Type::Int64:
        appendBigEndian(out, quint64(header.value.toLongLong()), 8);
        break;
    case Type::Timestamp:
        appendBigEndian(out, quint64(header.value.toDateTime().toMSecsSinceEpoch()), 8);
        break;
    case Type::Bytes:
    case Type::String: {
        const QByteArray data = header.type == Type::String ? header.value.toString().toUtf8() : header.value.toByteArray();
        appendBigEndian(out, quint16(data.size()), 2);
        out += data;
        break;
    }
    case Type::Uuid:
        out += header.value.toUuid().toRfc4122();
        break;
    }
    return out;
}
}

quint32 zlibCrc32(QByteArrayView bytes)
{
    return quint32(::crc32(0L, reinterpret_cast<const Bytef *>(bytes.data()), uInt(bytes.size())));
}

EventStreamMessage::Header stringHeader(const QByteArray &name, const QString &value)
{
    return {name, EventStreamMessage::Header::Type::String, value};
}

QByteArray eventStreamMessage(const QList<EventStreamMessage::Header> &headers, const QByteArray &payload)
{
    QByteArray block;
    for (const auto &header : headers)
        block += encodeHeader(header);
    QByteArray message;
    appendBigEndian(message, quint32(12 + block.size() + payload.size() + 4), 4);
    appendBigEndian(message, quint32(block.size()), 4);
    appendBigEndian(message, zlibCrc32(message), 4);
    message += block;
    message += payload;
    appendBigEndian(message, zlibCrc32(message), 4);
    return message;
}

QByteArray eventStreamFromListing(const QByteArray &listing)
{
    QByteArray stream;
    for (const QByteArray &rawLine : listing.split('\n')) {
        const QByteArray line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QList<EventStreamMessage::Header> headers;
        qsizetype pos = 0;
        while (pos < line.size() && line.at(pos) != '{' && line.at(pos) != '"') {
            qsizetype end = line.indexOf(' ', pos);
            if (end < 0)
                end = line.size();
            const QByteArray token = line.mid(pos, end - pos);
            const qsizetype equals = token.indexOf('=');
            headers.append(stringHeader(token.left(equals), QString::fromUtf8(token.mid(equals + 1))));
            pos = end + 1;
        }
        QByteArray payload = line.mid(pos);
        if (payload.startsWith('"'))
            payload = QJsonDocument::fromJson("[" + payload + "]").array().first().toString().toUtf8();
        auto has = [&](QByteArrayView name) {
            return std::any_of(headers.begin(), headers.end(), [&](const auto &h) {
                return h.name == name;
            });
        };
        if (!has(":content-type"))
            headers.append(stringHeader(":content-type", QStringLiteral("application/json")));
        if (!has(":message-type"))
            headers.append(stringHeader(":message-type", QStringLiteral("event")));
        stream += eventStreamMessage(headers, payload);
    }
    return stream;
}

} // namespace muxi::test
