#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/chunkbuilder.h>
#include <muxi/sseparser.h>
#include <muxi/streamdecoder.h>

#include <QHash>
#include <QJsonObject>

namespace muxi {

// Anthropic's Messages stream (https://docs.anthropic.com/en/api/messages-streaming):
// message_start, then per content block content_block_start / _delta / _stop,
// then message_delta (stop_reason, cumulative usage) and message_stop, the end
// marker. `ping` is ignored; `event: error` after the 200 is an error.
// Tool blocks become OpenAI tool-call deltas indexed by their rank among tool
// blocks (not by Anthropic's block index), their partial_json the argument
// fragments. In JSON mode the synthetic tool's fragments are the answer text.
// Thinking text streams as reasoning_content; each thinking block, rebuilt
// whole with its signature (signature_delta), and each redacted_thinking block
// goes out at its content_block_stop as the delta's "thinking_blocks", where a
// non-streamed answer has them, so the next turn can send them back.
class MUXI_PROVIDERS_TESTS_EXPORT AnthropicStreamDecoder : public StreamDecoder
{
public:
    explicit AnthropicStreamDecoder(bool jsonMode);

    std::optional<Error> feed(QByteArrayView bytes, QList<ChatChunk> &chunks) override;
    bool sawEnd() const override { return m_done; }

private:
    enum class BlockKind { Text, Tool, JsonTool, Thinking, RedactedThinking, Other };
    struct Block {
        BlockKind kind = BlockKind::Other;
        int toolIndex = -1;
        bool sawInput = false;
        // Thinking blocks as Anthropic wants them back: text and signature.
        QJsonObject native;
    };

    std::optional<Error> handle(const QString &type, const QJsonObject &event, QList<ChatChunk> &chunks);
    void startBlock(const QJsonObject &event, QList<ChatChunk> &chunks);
    void applyDelta(const QJsonObject &event, QList<ChatChunk> &chunks);
    void stopBlock(const QJsonObject &event, QList<ChatChunk> &chunks);
    void finishMessage(const QJsonObject &event, QList<ChatChunk> &chunks);
    static ChunkChoice text(const QString &content);
    static ChunkChoice toolFragment(int index, const QString &id, const QString &name, const QString &arguments);

    SseParser m_parser;
    bool m_jsonMode;
    bool m_done = false;
    ChunkBuilder m_chunks;
    QHash<int, Block> m_blocks;
    int m_toolCount = 0;
    bool m_sawJsonTool = false;
    // Anthropic's own usage fields, updated by message_delta (its counts are cumulative).
    QJsonObject m_usage;
};

} // namespace muxi
