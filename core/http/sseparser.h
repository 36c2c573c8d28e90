#pragma once

#include <muxi/muxi_core_export.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace muxi {

/// \brief One event of a text/event-stream.
struct MUXI_CORE_EXPORT SseEvent {
    QByteArray event; ///< value of the last `event:` field; empty means "message"
    QByteArray data; ///< data lines joined with '\\n', final '\\n' dropped
    QByteArray id; ///< last event id in force when dispatched

    /// Field-by-field equality.
    friend bool operator==(const SseEvent &, const SseEvent &) = default;
};

/// \brief Incremental text/event-stream decoder following the WHATWG interpretation rules
/// (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
///
/// The network cuts the stream anywhere, inside the BOM or between a '\\r' and its '\\n'
/// included, so the events produced never depend on how the bytes were split between
/// feed() calls. Values stay raw bytes: the payloads are JSON, decoded by the caller.
class MUXI_CORE_EXPORT SseParser
{
public:
    /// Feeds the next bytes of the stream; returns the events completed by them, in order.
    QList<SseEvent> feed(QByteArrayView bytes);

    /// True when bytes of an event not yet terminated by a blank line are buffered
    /// (an event cut by EOF is discarded per the spec; callers use this to detect truncation).
    bool hasIncompleteEvent() const;
    qint64 retryMilliseconds() const; ///< The reconnection time the server set; -1 until a valid `retry:` was seen.
    /// The last event id the stream set, for a reconnecting client's Last-Event-ID.
    QByteArray lastEventId() const;

private:
    QByteArrayView skipBom(QByteArrayView bytes);
    void processLine(QByteArrayView line, QList<SseEvent> &events);
    void dispatch(QList<SseEvent> &events);

    static constexpr qsizetype BomSettled = 3;

    // How many bytes of a leading UTF-8 BOM were seen; BomSettled once the start of the
    // stream is decided, whether a BOM was stripped or not.
    qsizetype m_bomMatched = 0;
    // The previous feed ended on '\r': a '\n' opening the next one belongs to that line end.
    bool m_skipLineFeed = false;
    bool m_inEvent = false;
    QByteArray m_line;
    QByteArray m_data;
    QByteArray m_eventType;
    QByteArray m_idBuffer;
    QByteArray m_lastEventId;
    qint64 m_retryMilliseconds = -1;
};

} // namespace muxi
