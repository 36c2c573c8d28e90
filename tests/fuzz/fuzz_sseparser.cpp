#include <muxi/sseparser.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using muxi::SseEvent;
using muxi::SseParser;

namespace {

struct Outcome {
    QList<SseEvent> events;
    bool incomplete = false;
    qint64 retry = -1;
    QByteArray lastEventId;

    friend bool operator==(const Outcome &, const Outcome &) = default;
};

void check(bool condition)
{
    if (!condition)
        std::abort();
}

// pieceSizes cycle over the stream; a size of 0 feeds an empty view, then one byte,
// so that a zero-only list still makes progress.
Outcome parse(QByteArrayView stream, QByteArrayView pieceSizes)
{
    SseParser parser;
    Outcome outcome;
    qsizetype pos = 0;
    for (qsizetype i = 0; pos < stream.size(); ++i) {
        qsizetype size = pieceSizes.isEmpty() ? stream.size() : quint8(pieceSizes[i % pieceSizes.size()]);
        if (size == 0) {
            outcome.events += parser.feed({});
            size = 1;
        }
        size = std::min(size, stream.size() - pos);
        outcome.events += parser.feed(stream.sliced(pos, size));
        pos += size;
    }
    outcome.incomplete = parser.hasIncompleteEvent();
    outcome.retry = parser.retryMilliseconds();
    outcome.lastEventId = parser.lastEventId();
    return outcome;
}

} // namespace

// Input: one byte n (mod 8), n piece sizes, then the stream itself.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView input(data, qsizetype(size));
    const qsizetype sizeCount = std::min<qsizetype>(quint8(input[0]) % 8, input.size() - 1);
    const QByteArrayView pieceSizes = input.sliced(1, sizeCount);
    const QByteArrayView stream = input.sliced(1 + sizeCount);

    const Outcome whole = parse(stream, {});
    check(parse(stream, pieceSizes) == whole);
    check(parse(stream, QByteArrayView("\x01", 1)) == whole);

    for (const SseEvent &event : whole.events) {
        check(!event.event.contains('\n') && !event.event.contains('\r'));
        check(!event.data.contains('\r'));
        check(!event.id.contains('\n') && !event.id.contains('\r') && !event.id.contains('\0'));
    }
    check(!whole.lastEventId.contains('\0'));
    return 0;
}
