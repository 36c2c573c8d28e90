#include "replyrecorder.h"

#include <QSignalSpy>

namespace muxi::test {

QString RecordedReply::reasoning() const
{
    QString joined;
    for (const ChatChunk &chunk : chunks) {
        for (const ChunkChoice &choice : chunk.choices)
            joined += choice.reasoningContent;
    }
    return joined;
}

RecordedReply record(Reply *reply, int timeoutMs)
{
    RecordedReply result;
    result.reply = reply;
    // Disconnected before returning: the listeners write into `result`.
    const QMetaObject::Connection connections[] = {
        QObject::connect(reply, &Reply::delta, reply, [&result](const QString &text) {
            result.deltas.append(text);
        }),
        QObject::connect(reply, &Reply::toolCallDelta, reply, [&result](int, const ToolCallDelta &fragment) {
            result.toolFragments.append(fragment);
        }),
        QObject::connect(reply, &Reply::chunk, reply, [&result](const ChatChunk &chunk) {
            result.chunks.append(chunk);
        }),
    };
    QSignalSpy finished(reply, &Reply::finished);
    result.finished = reply->isFinished() || finished.wait(timeoutMs);
    if (!result.finished)
        qWarning("the reply did not finish in time");
    for (const QMetaObject::Connection &connection : connections)
        QObject::disconnect(connection);
    if (reply->hasError())
        result.error = reply->failure();
    else if (result.finished)
        result.completion = reply->chatCompletion();
    return result;
}

} // namespace muxi::test
