#include "sse.h"

namespace muxi::test {

QList<QByteArray> sseEvents(const QByteArray &stream)
{
    QList<QByteArray> events;
    qsizetype start = 0;
    while (start < stream.size()) {
        qsizetype end = stream.indexOf("\n\n", start);
        end = end < 0 ? stream.size() : end + 2;
        events.append(stream.mid(start, end - start));
        start = end;
    }
    return events;
}

} // namespace muxi::test
