#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/chunkbuilder.h>
#include <muxi/sseparser.h>
#include <muxi/streamdecoder.h>

namespace muxi {

// /generate_stream: one `data:` event per token; the last one also carries
// generated_text and details (finish_reason, generated_tokens) and is the
// only end marker. Special tokens (</s>, <|eot_id|>) are not text. An
// {"error":…} event after HTTP 200 ends the stream with a failure.
class MUXI_PROVIDERS_TESTS_EXPORT TgiStreamDecoder : public StreamDecoder
{
public:
    explicit TgiStreamDecoder(QString model);

    std::optional<Error> feed(QByteArrayView bytes, QList<ChatChunk> &chunks) override;
    bool sawEnd() const override { return m_done; }

private:
    SseParser m_parser;
    ChunkBuilder m_chunks;
    bool m_done = false;
};

} // namespace muxi
