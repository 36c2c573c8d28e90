#pragma once

#include <reply.h>

#include <QList>
#include <QStringList>

#include <optional>

namespace muxi::test {

// Everything a Reply handed to its listener, gathered until it finished.
struct CollectedReply {
    bool finished = false;
    QStringList deltas;
    QList<ToolCallDelta> toolFragments;
    QList<ChatChunk> chunks;
    std::optional<Error> error;
    ChatCompletion completion;

    QString text() const { return deltas.join(QString()); }
};

// Waits for `reply` to finish (at most `timeoutMs`) while recording its signals; deletes it later.
CollectedReply collect(Reply *reply, int timeoutMs = 10'000);

} // namespace muxi::test
