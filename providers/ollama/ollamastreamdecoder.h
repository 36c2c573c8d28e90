#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/chunkbuilder.h>
#include <muxi/ndjsonparser.h>
#include <muxi/streamdecoder.h>

namespace muxi {

// /api/chat's NDJSON stream: one JSON object per line, each carrying new
// text; the line with "done":true ends it with done_reason and the counts.
// A line {"error":"…"} after HTTP 200 ends it with a failure.
class MUXI_PROVIDERS_TESTS_EXPORT OllamaStreamDecoder : public StreamDecoder
{
public:
    explicit OllamaStreamDecoder(QString model);

    std::optional<Error> feed(QByteArrayView bytes, QList<ChatChunk> &chunks) override;
    bool sawEnd() const override { return m_done; }

private:
    std::optional<Error> handle(const QByteArray &line, QList<ChatChunk> &chunks);

    NdjsonParser m_parser;
    ChunkBuilder m_chunks;
    int m_toolCalls = 0;
    bool m_done = false;
};

} // namespace muxi
