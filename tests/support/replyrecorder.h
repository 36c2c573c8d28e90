#pragma once

#include <muxi/reply.h>

#include <QList>
#include <QStringList>

#include <optional>

namespace muxi::test {

// Everything a Reply handed to its listener, in order, until it finished,
// for tests that assert what the caller saw as well as the final result.
struct RecordedReply {
    // Still owned by the client, which deletes it with itself.
    Reply *reply = nullptr;
    bool finished = false;
    QStringList deltas;
    QList<ToolCallDelta> toolFragments;
    QList<ChatChunk> chunks;
    // The failure, or else the completion, once finished.
    std::optional<Error> error;
    ChatCompletion completion;

    QString text() const { return deltas.join(QString()); }
    // The reasoning fragments of every chunk, joined.
    QString reasoning() const;
};

// Records `reply` until it finished (at most `timeoutMs`, with a warning if it never did).
RecordedReply record(Reply *reply, int timeoutMs = 10'000);

} // namespace muxi::test
