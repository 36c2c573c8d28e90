#include <muxi/ndjsonparser.h>

#include <utility>

namespace muxi {

namespace {

QByteArrayView withoutCarriageReturn(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

// Whitespace-only lines count as blank too: they can never be a JSON value.
bool isBlank(QByteArrayView line)
{
    return line.trimmed().isEmpty();
}

} // namespace

QList<QByteArray> NdjsonParser::feed(QByteArrayView bytes)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    for (qsizetype end = bytes.indexOf('\n'); end >= 0; end = bytes.indexOf('\n', start)) {
        const QByteArrayView segment = bytes.sliced(start, end - start);
        start = end + 1;
        if (m_pending.isEmpty()) {
            if (!isBlank(segment))
                lines.append(withoutCarriageReturn(segment).toByteArray());
            continue;
        }
        m_pending.append(segment);
        QByteArray line = std::exchange(m_pending, {});
        if (line.endsWith('\r'))
            line.chop(1);
        if (!isBlank(line))
            lines.append(std::move(line));
    }
    m_pending.append(bytes.sliced(start));
    return lines;
}

QByteArray NdjsonParser::finish()
{
    QByteArray line = std::exchange(m_pending, {});
    if (line.endsWith('\r'))
        line.chop(1);
    return isBlank(line) ? QByteArray() : line;
}

bool NdjsonParser::hasPendingBytes() const
{
    return !m_pending.isEmpty();
}

} // namespace muxi
