#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/chunkbuilder.h>
#include <muxi/sseparser.h>
#include <muxi/streamdecoder.h>

#include <QHash>

namespace muxi {

// Cohere v2's typed SSE events (docs.cohere.com/reference/chat-stream):
// message-start, content-delta, tool-plan-delta, tool-call-start/-delta/-end,
// message-end. Events are routed on the JSON `type`; there is no [DONE], so
// message-end is the only end marker.
class MUXI_PROVIDERS_TESTS_EXPORT CohereStreamDecoder : public StreamDecoder
{
public:
    explicit CohereStreamDecoder(QString model);

    std::optional<Error> feed(QByteArrayView bytes, QList<ChatChunk> &chunks) override;
    bool sawEnd() const override { return m_done; }

private:
    std::optional<Error> handle(const QJsonObject &event, QList<ChatChunk> &chunks);

    SseParser m_parser;
    ChunkBuilder m_chunks;
    // Cohere's tool-call index → OpenAI's, which counts tool calls only.
    QHash<int, int> m_toolIndex;
    bool m_done = false;
};

} // namespace muxi
