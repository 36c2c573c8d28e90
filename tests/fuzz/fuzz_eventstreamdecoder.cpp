#include <muxi/providers/eventstreamdecoder.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using muxi::EventStreamDecoder;
using muxi::EventStreamMessage;

namespace {

struct Outcome {
    QList<EventStreamMessage> messages;
    std::optional<QString> error;
    bool partial = false;

    friend bool operator==(const Outcome &, const Outcome &) = default;
};

void check(bool condition)
{
    if (!condition)
        std::abort();
}

// pieceSizes cycle over the stream; a size of 0 feeds an empty view, then one byte.
Outcome decode(QByteArrayView stream, QByteArrayView pieceSizes)
{
    EventStreamDecoder decoder;
    Outcome outcome;
    qsizetype pos = 0;
    auto feed = [&](QByteArrayView piece) {
        const auto error = decoder.feed(piece, outcome.messages);
        if (error && !outcome.error)
            outcome.error = error;
        // Once broken, every later call reports the same error.
        check(!outcome.error || error == outcome.error);
    };
    for (qsizetype i = 0; pos < stream.size(); ++i) {
        qsizetype size = pieceSizes.isEmpty() ? stream.size() : quint8(pieceSizes[i % pieceSizes.size()]);
        if (size == 0) {
            feed({});
            size = 1;
        }
        size = std::min(size, stream.size() - pos);
        feed(stream.sliced(pos, size));
        pos += size;
    }
    outcome.partial = decoder.hasPartialMessage();
    check(decoder.hasFailed() == outcome.error.has_value());
    return outcome;
}

void appendU32(QByteArray &out, quint32 value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out += char((value >> shift) & 0xFF);
}

// Random bytes rarely get past the CRCs; this frames them properly, so the
// header parser sees arbitrary header blocks: [headers length byte][headers][payload].
QByteArray framed(QByteArrayView body)
{
    if (body.isEmpty())
        return {};
    const qsizetype headers = std::min<qsizetype>(quint8(body[0]), body.size() - 1);
    const QByteArrayView block = body.sliced(1, headers);
    const QByteArrayView payload = body.sliced(1 + headers);
    QByteArray frame;
    appendU32(frame, quint32(16 + block.size() + payload.size()));
    appendU32(frame, quint32(block.size()));
    appendU32(frame, EventStreamDecoder::crc32(frame));
    frame += block;
    frame += payload;
    appendU32(frame, EventStreamDecoder::crc32(frame));
    return frame + frame;
}

} // namespace

// Input: one byte n (mod 8, high bit: frame the rest, see framed()), n piece
// sizes, then the event stream itself.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView input(data, qsizetype(size));
    const qsizetype sizeCount = std::min<qsizetype>(quint8(input[0]) % 8, input.size() - 1);
    const QByteArrayView pieceSizes = input.sliced(1, sizeCount);
    const QByteArray built = (quint8(input[0]) & 0x80) ? framed(input.sliced(1 + sizeCount)) : QByteArray();
    const QByteArrayView stream = (quint8(input[0]) & 0x80) ? QByteArrayView(built) : input.sliced(1 + sizeCount);

    const Outcome whole = decode(stream, {});
    check(decode(stream, pieceSizes) == whole);
    check(decode(stream, QByteArrayView("\x01", 1)) == whole);

    qsizetype framed = 0;
    for (const EventStreamMessage &message : whole.messages) {
        check(message.payload.size() <= qsizetype(EventStreamDecoder::MaxMessageSize));
        for (const EventStreamMessage::Header &header : message.headers)
            check(!header.name.isEmpty() && header.name.size() <= 255);
        framed += 16 + message.payload.size();
    }
    check(framed <= stream.size());
    return 0;
}
