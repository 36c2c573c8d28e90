#pragma once

#include <sseparser.h>
#include <streamdecoder.h>

namespace muxi {

// A prediction's urls.stream (replicate.com/docs/reference/streaming):
// `output` events carry raw text (not JSON; a fragment with newlines spans
// several data: lines, which the SSE parser joins with '\n'), `error` a JSON
// {"detail"}, and `done` ends the stream ({"reason":"canceled"} when canceled).
class ReplicateStreamDecoder : public StreamDecoder
{
public:
    explicit ReplicateStreamDecoder(QString model);

    std::optional<Error> feed(QByteArrayView bytes, QList<ChatChunk> &chunks) override;
    bool sawEnd() const override { return m_done; }

private:
    ChatChunk chunk();

    SseParser m_parser;
    QString m_model;
    qint64 m_created;
    bool m_started = false;
    bool m_done = false;
};

} // namespace muxi
