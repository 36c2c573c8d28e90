#include "replycollector.h"

#include <QSignalSpy>

namespace muxi::test {

CollectedReply collect(Reply *reply, int timeoutMs)
{
    CollectedReply result;
    QObject::connect(reply, &Reply::delta, reply, [&result](const QString &text, int) {
        result.deltas.append(text);
    });
    QObject::connect(reply, &Reply::toolCallDelta, reply, [&result](int, const ToolCallDelta &fragment) {
        result.toolFragments.append(fragment);
    });
    QObject::connect(reply, &Reply::chunk, reply, [&result](const ChatChunk &chunk) {
        result.chunks.append(chunk);
    });
    QSignalSpy finished(reply, &Reply::finished);
    result.finished = reply->isFinished() || finished.wait(timeoutMs);
    QObject::disconnect(reply, nullptr, reply, nullptr);
    if (reply->hasError())
        result.error = reply->failure();
    else if (result.finished)
        result.completion = reply->chatCompletion();
    reply->deleteLater();
    return result;
}

} // namespace muxi::test
