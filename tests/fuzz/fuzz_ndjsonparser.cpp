#include <muxi/ndjsonparser.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using muxi::NdjsonParser;

namespace {

struct Outcome {
    QList<QByteArray> lines;
    QByteArray last;

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
    NdjsonParser parser;
    Outcome outcome;
    qsizetype pos = 0;
    for (qsizetype i = 0; pos < stream.size(); ++i) {
        qsizetype size = pieceSizes.isEmpty() ? stream.size() : quint8(pieceSizes[i % pieceSizes.size()]);
        if (size == 0) {
            outcome.lines += parser.feed({});
            size = 1;
        }
        size = std::min(size, stream.size() - pos);
        outcome.lines += parser.feed(stream.sliced(pos, size));
        pos += size;
    }
    check(parser.hasPendingBytes() == (!stream.isEmpty() && !stream.endsWith('\n')));
    outcome.last = parser.finish();
    check(!parser.hasPendingBytes());
    return outcome;
}

bool isWellFormedLine(const QByteArray &line)
{
    return !line.contains('\n') && !line.trimmed().isEmpty();
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

    for (const QByteArray &line : whole.lines)
        check(isWellFormedLine(line));
    check(whole.last.isEmpty() || isWellFormedLine(whole.last));
    check(whole.lines.size() <= stream.count('\n'));
    return 0;
}
