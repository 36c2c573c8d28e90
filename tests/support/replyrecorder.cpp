#include "replyrecorder.h"

#include <QTest>

namespace muxi::test {

ReplyRecorder::ReplyRecorder(Reply *reply)
    : m_reply(reply)
{
    connect(reply, &Reply::delta, this, [this](const QString &text) {
        deltas.append(text);
    });
    connect(reply, &Reply::toolCallDelta, this, [this](int, const ToolCallDelta &fragment) {
        toolCalls.append(fragment);
    });
    connect(reply, &Reply::chunk, this, [this](const ChatChunk &chunk) {
        chunks.append(chunk);
    });
    connect(reply, &Reply::finished, this, [this] {
        m_finished = true;
    });
}

std::unique_ptr<ReplyRecorder> ReplyRecorder::record(Reply *reply)
{
    auto recorder = std::make_unique<ReplyRecorder>(reply);
    if (!recorder->wait())
        qWarning("the reply did not finish in time");
    return recorder;
}

bool ReplyRecorder::wait(int timeoutMs)
{
    return m_finished || QTest::qWaitFor([this] { return m_finished; }, timeoutMs);
}

QString ReplyRecorder::reasoning() const
{
    QString joined;
    for (const ChatChunk &chunk : chunks) {
        for (const ChunkChoice &choice : chunk.choices)
            joined += choice.reasoningContent;
    }
    return joined;
}

} // namespace muxi::test
