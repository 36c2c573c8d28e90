#include <muxi/sseparser.h>

#include <algorithm>
#include <utility>

namespace muxi {

namespace {

constexpr QByteArrayView Bom("\xEF\xBB\xBF");

// indexOf() is memchr underneath; -1 is mapped past the end so that "no terminator
// left" compares greater than any position.
qsizetype nextIndexOf(QByteArrayView bytes, char c, qsizetype from)
{
    const qsizetype index = bytes.indexOf(c, from);
    return index < 0 ? bytes.size() : index;
}

// Stricter than toLongLong(), which would also accept a sign and surrounding spaces.
bool isDigitsOnly(QByteArrayView value)
{
    return !value.isEmpty() && std::all_of(value.begin(), value.end(), [](char c) {
        return c >= '0' && c <= '9';
    });
}

} // namespace

QList<SseEvent> SseParser::feed(QByteArrayView bytes)
{
    QList<SseEvent> events;
    if (m_bomMatched != BomSettled)
        bytes = skipBom(bytes);
    if (m_skipLineFeed && !bytes.isEmpty()) {
        m_skipLineFeed = false;
        if (bytes.front() == '\n')
            bytes = bytes.sliced(1);
    }

    // Positions of the next '\r' and '\n' are remembered across lines, so each byte is
    // scanned at most once per character even when lines are short and the chunk long.
    qsizetype nextCr = -1;
    qsizetype nextLf = -1;
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        if (nextCr < pos)
            nextCr = nextIndexOf(bytes, '\r', pos);
        if (nextLf < pos)
            nextLf = nextIndexOf(bytes, '\n', pos);
        const qsizetype end = std::min(nextCr, nextLf);
        if (end == bytes.size()) {
            m_line.append(bytes.sliced(pos));
            break;
        }
        const QByteArrayView segment = bytes.sliced(pos, end - pos);
        if (m_line.isEmpty()) {
            processLine(segment, events);
        } else {
            m_line.append(segment);
            processLine(m_line, events);
            // truncate() keeps the capacity for the next line that arrives in pieces.
            m_line.truncate(0);
        }
        pos = end + 1;
        if (bytes[end] == '\r') {
            if (pos == bytes.size())
                m_skipLineFeed = true;
            else if (bytes[pos] == '\n')
                ++pos;
        }
    }
    return events;
}

bool SseParser::hasIncompleteEvent() const
{
    return m_inEvent || !m_line.isEmpty() || (m_bomMatched > 0 && m_bomMatched < BomSettled);
}

qint64 SseParser::retryMilliseconds() const
{
    return m_retryMilliseconds;
}

QByteArray SseParser::lastEventId() const
{
    return m_lastEventId;
}

QByteArrayView SseParser::skipBom(QByteArrayView bytes)
{
    while (!bytes.isEmpty() && m_bomMatched < BomSettled) {
        if (bytes.front() != Bom[m_bomMatched]) {
            // What looked like the start of a BOM was content after all.
            m_line.append(Bom.first(m_bomMatched));
            m_bomMatched = BomSettled;
            break;
        }
        ++m_bomMatched;
        bytes = bytes.sliced(1);
    }
    return bytes;
}

void SseParser::processLine(QByteArrayView line, QList<SseEvent> &events)
{
    if (line.isEmpty()) {
        dispatch(events);
        return;
    }
    if (line.front() == ':')
        return;

    m_inEvent = true;
    QByteArrayView field = line;
    QByteArrayView value;
    const qsizetype colon = line.indexOf(':');
    if (colon >= 0) {
        field = line.first(colon);
        value = line.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
    }

    if (field == "data") {
        m_data.append(value);
        m_data.append('\n');
    } else if (field == "event") {
        m_eventType = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_idBuffer = value.toByteArray();
    } else if (field == "retry" && isDigitsOnly(value)) {
        bool ok = false;
        const qint64 milliseconds = value.toLongLong(&ok);
        if (ok) // false only when the digits overflow
            m_retryMilliseconds = milliseconds;
    }
}

void SseParser::dispatch(QList<SseEvent> &events)
{
    m_inEvent = false;
    m_lastEventId = m_idBuffer;
    if (m_data.isEmpty()) {
        m_eventType.clear();
        return;
    }
    m_data.chop(1);
    events.append(SseEvent{std::exchange(m_eventType, {}), std::exchange(m_data, {}), m_idBuffer});
}

} // namespace muxi
