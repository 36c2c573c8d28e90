#pragma once

#include <reply.h>

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

namespace muxi::test {

// Everything a streaming Reply told its listener, in order, for tests that
// assert what the caller saw as well as the final result.
class ReplyRecorder : public QObject
{
    Q_OBJECT

public:
    explicit ReplyRecorder(Reply *reply);
    // Records `reply` until it finished (a warning if it never did).
    static std::unique_ptr<ReplyRecorder> record(Reply *reply);

    // Spins the event loop until the reply finished; false on timeout.
    bool wait(int timeoutMs = 10'000);

    Reply *reply() const { return m_reply; }
    QStringList deltas;
    QList<ToolCallDelta> toolCalls;
    QList<ChatChunk> chunks;

    // The reasoning fragments of every chunk, joined.
    QString reasoning() const;

private:
    Reply *m_reply;
    bool m_finished = false;
};

} // namespace muxi::test
