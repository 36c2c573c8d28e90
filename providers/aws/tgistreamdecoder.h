#pragma once

#include <chunkbuilder.h>
#include <sseparser.h>
#include <streamdecoder.h>

#include <QJsonObject>

namespace muxi {

// Text Generation Inference's /generate_stream events, as SageMaker's
// Hugging Face LLM containers send them inside PayloadPart bytes
// (huggingface/text-generation-inference docs/source/reference/api_reference.md):
// one `data:` event per token, the last one carrying generated_text and
// details. Special tokens are not text; {"error","error_type"} events are errors.
class TgiStreamDecoder : public StreamDecoder
{
public:
    explicit TgiStreamDecoder(QString model);

    std::optional<Error> feed(QByteArrayView bytes, QList<ChatChunk> &chunks) override;
    bool sawEnd() const override { return m_done; }

    // details.finish_reason: length -> length, eos_token / stop_sequence -> stop.
    static QString finishReason(const QString &tgiReason);
    static Error error(const QJsonObject &object);
    // details.generated_tokens; TGI reports no prompt token count.
    static std::optional<Usage> usage(const QJsonObject &details);

private:
    SseParser m_parser;
    ChunkBuilder m_chunks;
    bool m_done = false;
};

} // namespace muxi
