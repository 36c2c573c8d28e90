#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/chunkbuilder.h>
#include <muxi/sseparser.h>
#include <muxi/streamdecoder.h>

namespace muxi {

// A prediction's urls.stream (replicate.com/docs/reference/streaming):
// `output` events carry raw text (not JSON; a fragment with newlines spans
// several data: lines, which the SSE parser joins with '\n'), `error` a JSON
// {"detail"}, and `done` ends the stream ({"reason":"canceled"} when canceled).
class MUXI_PROVIDERS_TESTS_EXPORT ReplicateStreamDecoder : public StreamDecoder
{
public:
    explicit ReplicateStreamDecoder(QString model);

    std::optional<Error> feed(QByteArrayView bytes, QList<ChatChunk> &chunks) override;
    bool sawEnd() const override { return m_done; }

private:
    SseParser m_parser;
    ChunkBuilder m_chunks;
    bool m_done = false;
};

} // namespace muxi
