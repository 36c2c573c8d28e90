#include <muxi/providers/eventstreamdecoder.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QUuid>
#include <QtEndian>

#include <array>

namespace muxi {

namespace {

constexpr qsizetype PreludeSize = 12;
constexpr qsizetype CrcSize = 4;

constexpr std::array<quint32, 256> crcTable()
{
    std::array<quint32, 256> table{};
    for (quint32 n = 0; n < 256; ++n) {
        quint32 c = n;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}

constexpr std::array<quint32, 256> CrcTable = crcTable();

QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::EventStreamDecoder", text);
}

quint32 readU32(QByteArrayView bytes, qsizetype at)
{
    return qFromBigEndian<quint32>(bytes.data() + at);
}

// Reads one header at `pos` inside `block`; false when it runs past the block
// or names an unknown type.
bool readHeader(QByteArrayView block, qsizetype &pos, EventStreamMessage::Header &header)
{
    using Type = EventStreamMessage::Header::Type;
    auto need = [&](qsizetype n) {
        return n >= 0 && block.size() - pos >= n;
    };
    if (!need(1))
        return false;
    const qsizetype nameLength = quint8(block[pos]);
    ++pos;
    if (nameLength == 0 || !need(nameLength + 1))
        return false;
    header.name = block.sliced(pos, nameLength).toByteArray();
    pos += nameLength;
    const quint8 type = quint8(block[pos]);
    ++pos;
    const char *at = block.data() + pos;
    switch (type) {
    case quint8(Type::BoolTrue):
    case quint8(Type::BoolFalse):
        header.value = type == quint8(Type::BoolTrue);
        break;
    case quint8(Type::Byte):
        if (!need(1))
            return false;
        header.value = int(qint8(*at));
        pos += 1;
        break;
    case quint8(Type::Int16):
        if (!need(2))
            return false;
        header.value = int(qFromBigEndian<qint16>(at));
        pos += 2;
        break;
    case quint8(Type::Int32):
        if (!need(4))
            return false;
        header.value = int(qFromBigEndian<qint32>(at));
        pos += 4;
        break;
    case quint8(Type::Int64):
    case quint8(Type::Timestamp): {
        if (!need(8))
            return false;
        const qint64 value = qFromBigEndian<qint64>(at);
        if (type == quint8(Type::Timestamp))
            header.value = QDateTime::fromMSecsSinceEpoch(value, Qt::UTC);
        else
            header.value = value;
        pos += 8;
        break;
    }
    case quint8(Type::Bytes):
    case quint8(Type::String): {
        if (!need(2))
            return false;
        const qsizetype length = qFromBigEndian<quint16>(at);
        pos += 2;
        if (!need(length))
            return false;
        const QByteArray data = block.sliced(pos, length).toByteArray();
        if (type == quint8(Type::String))
            header.value = QString::fromUtf8(data);
        else
            header.value = data;
        pos += length;
        break;
    }
    case quint8(Type::Uuid):
        if (!need(16))
            return false;
        header.value = QUuid::fromRfc4122(block.sliced(pos, 16));
        pos += 16;
        break;
    default:
        return false;
    }
    header.type = Type(type);
    return true;
}
}

quint32 EventStreamDecoder::crc32(QByteArrayView bytes)
{
    quint32 c = 0xFFFFFFFFu;
    for (const char byte : bytes)
        c = CrcTable[(c ^ quint8(byte)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

std::optional<QString> EventStreamDecoder::feed(QByteArrayView bytes, QList<EventStreamMessage> &messages)
{
    if (!m_error.isEmpty())
        return m_error;
    m_buffer.append(bytes);
    qsizetype offset = 0;
    while (m_buffer.size() - offset >= PreludeSize) {
        qsizetype consumed = 0;
        if (const auto error = decodeOne(QByteArrayView(m_buffer).sliced(offset), consumed, messages)) {
            m_error = *error;
            m_buffer.clear();
            return m_error;
        }
        if (consumed == 0)
            break;
        offset += consumed;
    }
    m_buffer.remove(0, offset);
    return std::nullopt;
}

std::optional<QString> EventStreamDecoder::decodeOne(QByteArrayView buffer, qsizetype &consumed, QList<EventStreamMessage> &messages)
{
    const quint32 total = readU32(buffer, 0);
    const quint32 headersLength = readU32(buffer, 4);
    // The prelude is checked before waiting for the body, so a corrupted
    // length is reported at once instead of stalling for bytes that never come.
    if (crc32(buffer.first(8)) != readU32(buffer, 8))
        return tr("event stream: prelude CRC mismatch");
    if (total < PreludeSize + CrcSize || total > MaxMessageSize)
        return tr("event stream: impossible message length %1").arg(total);
    if (headersLength > MaxHeadersSize || headersLength > total - PreludeSize - CrcSize)
        return tr("event stream: impossible headers length %1 in a message of %2 bytes").arg(headersLength).arg(total);
    if (buffer.size() < qsizetype(total))
        return std::nullopt;
    if (crc32(buffer.first(total - CrcSize)) != readU32(buffer, total - CrcSize))
        return tr("event stream: message CRC mismatch");

    EventStreamMessage message;
    const QByteArrayView block = buffer.sliced(PreludeSize, headersLength);
    qsizetype pos = 0;
    while (pos < block.size()) {
        EventStreamMessage::Header header;
        if (!readHeader(block, pos, header))
            return tr("event stream: malformed header at byte %1").arg(PreludeSize + pos);
        message.headers.append(header);
    }
    message.payload = buffer.sliced(PreludeSize + headersLength, total - headersLength - PreludeSize - CrcSize).toByteArray();
    messages.append(message);
    consumed = total;
    return std::nullopt;
}

} // namespace muxi
