#pragma once

#include <muxi/muxi_core_export.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace muxi {

/// \brief Incremental splitter for newline-delimited JSON streams (Ollama's
/// /api/chat and /api/generate).
///
/// Lines are returned as raw bytes, not parsed: a bad line is the caller's
/// error to report, and it must not hide the lines after it. The lines
/// produced do not depend on how the bytes were split between feed() calls.
class MUXI_CORE_EXPORT NdjsonParser
{
public:
    /// Feeds the next bytes; returns the lines they complete (without the line
    /// terminator; \\n or \\r\\n), skipping blank lines.
    QList<QByteArray> feed(QByteArrayView bytes);
    /// At EOF: the last line if it was not terminated by a newline (valid NDJSON), else empty.
    QByteArray finish();
    /// True while bytes of an unterminated line are buffered.
    bool hasPendingBytes() const;

private:
    QByteArray m_pending;
};

} // namespace muxi
