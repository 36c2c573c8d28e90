#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/eventstreamdecoder.h>

#include <muxi/providers/chunkbuilder.h>

#include <muxi/streamdecoder.h>

#include <QHash>
#include <QSet>

namespace muxi {

// ConverseStream: one event-stream message per event, named by :event-type,
// its JSON in the payload (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html).
// messageStart, contentBlockStart/Delta/Stop, messageStop {stopReason}, then
// metadata {usage}: the final chunk (finish_reason and usage) goes out at
// metadata, the stream's last event. Exceptions arrive as
// :message-type "exception" frames named by :exception-type.
class MUXI_PROVIDERS_TESTS_EXPORT BedrockStreamDecoder : public StreamDecoder
{
public:
    explicit BedrockStreamDecoder(QString model);

    std::optional<Error> feed(QByteArrayView bytes, QList<ChatChunk> &chunks) override;
    bool sawEnd() const override { return m_done; }

private:
    std::optional<Error> handle(const EventStreamMessage &message, QList<ChatChunk> &chunks);

    EventStreamDecoder m_frames;
    ChunkBuilder m_chunks;
    // Converse block index -> OpenAI tool_calls index (tool blocks counted alone).
    QHash<int, int> m_toolIndex;
    QSet<int> m_toolBlocksWithInput;
    QString m_stopReason;
    bool m_done = false;
};

} // namespace muxi
