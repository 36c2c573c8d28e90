#include <muxi/providers/anthropicstreamdecoder.h>

#include <muxi/providers/anthropicadapter.h>

#include <muxi/providers/wirehelpers.h>

#include <QJsonArray>
#include <QJsonDocument>

namespace muxi {

using wire::key;

AnthropicStreamDecoder::AnthropicStreamDecoder(bool jsonMode)
    : m_jsonMode(jsonMode)
{
}

std::optional<Error> AnthropicStreamDecoder::feed(QByteArrayView bytes, QList<ChatChunk> &chunks)
{
    const QList<SseEvent> events = m_parser.feed(bytes);
    for (const SseEvent &event : events) {
        if (m_done)
            break;
        if (event.event == "error")
            return AnthropicAdapter::parseError(event.data, 0);
        const Expected<QJsonObject> object = wire::eventObject(event.data);
        if (!object)
            return object.error();
        // The JSON `type` repeats the event name; it is the one always present.
        QString type = object->value(key("type")).toString();
        if (type.isEmpty())
            type = QString::fromUtf8(event.event);
        if (std::optional<Error> error = handle(type, *object, chunks))
            return error;
    }
    return std::nullopt;
}

std::optional<Error> AnthropicStreamDecoder::handle(const QString &type, const QJsonObject &event, QList<ChatChunk> &chunks)
{
    if (type == QLatin1String("message_start")) {
        const QJsonObject message = event.value(key("message")).toObject();
        m_chunks.setId(message.value(key("id")).toString());
        m_chunks.setModel(message.value(key("model")).toString());
        m_usage = message.value(key("usage")).toObject();
        ChunkChoice choice;
        choice.role = QStringLiteral("assistant");
        chunks.append(m_chunks.chunk({choice}));
    } else if (type == QLatin1String("content_block_start")) {
        startBlock(event, chunks);
    } else if (type == QLatin1String("content_block_delta")) {
        applyDelta(event, chunks);
    } else if (type == QLatin1String("content_block_stop")) {
        stopBlock(event, chunks);
    } else if (type == QLatin1String("message_delta")) {
        finishMessage(event, chunks);
    } else if (type == QLatin1String("message_stop")) {
        m_done = true;
    } else if (type == QLatin1String("error")) {
        return AnthropicAdapter::parseError(QJsonDocument(event).toJson(QJsonDocument::Compact), 0);
    }
    // ping and event types added later carry nothing to translate.
    return std::nullopt;
}

void AnthropicStreamDecoder::startBlock(const QJsonObject &event, QList<ChatChunk> &chunks)
{
    const int index = event.value(key("index")).toInt();
    const QJsonObject content = event.value(key("content_block")).toObject();
    const QString type = content.value(key("type")).toString();
    Block block;
    if (type == QLatin1String("text")) {
        block.kind = BlockKind::Text;
        const QString initial = content.value(key("text")).toString();
        if (!initial.isEmpty())
            chunks.append(m_chunks.chunk({text(initial)}));
    } else if (type == QLatin1String("thinking")) {
        block.kind = BlockKind::Thinking;
        block.native = content;
        const QString initial = content.value(key("thinking")).toString();
        if (!initial.isEmpty()) {
            ChunkChoice choice;
            choice.reasoningContent = initial;
            chunks.append(m_chunks.chunk({choice}));
        }
    } else if (type == QLatin1String("redacted_thinking")) {
        // Encrypted and whole from the start; only ever sent back.
        block.kind = BlockKind::RedactedThinking;
        block.native = content;
    } else if (type == QLatin1String("tool_use")) {
        const QString name = content.value(key("name")).toString();
        // The start event normally carries an empty input; a filled one is the whole input.
        const QJsonObject input = content.value(key("input")).toObject();
        const QString initial = input.isEmpty() ? QString() : wire::compactJson(input);
        block.sawInput = !initial.isEmpty();
        if (m_jsonMode && name == QLatin1String(AnthropicAdapter::JsonToolName)) {
            block.kind = BlockKind::JsonTool;
            m_sawJsonTool = true;
            if (block.sawInput)
                chunks.append(m_chunks.chunk({text(initial)}));
        } else {
            block.kind = BlockKind::Tool;
            block.toolIndex = m_toolCount++;
            chunks.append(m_chunks.chunk({toolFragment(block.toolIndex, content.value(key("id")).toString(), name, initial)}));
        }
    }
    m_blocks.insert(index, block);
}

void AnthropicStreamDecoder::applyDelta(const QJsonObject &event, QList<ChatChunk> &chunks)
{
    Block &block = m_blocks[event.value(key("index")).toInt()];
    const QJsonObject delta = event.value(key("delta")).toObject();
    const QString type = delta.value(key("type")).toString();
    if (type == QLatin1String("text_delta")) {
        chunks.append(m_chunks.chunk({text(delta.value(key("text")).toString())}));
    } else if (type == QLatin1String("thinking_delta")) {
        ChunkChoice choice;
        choice.reasoningContent = delta.value(key("thinking")).toString();
        if (block.kind == BlockKind::Thinking)
            block.native.insert(key("thinking"), block.native.value(key("thinking")).toString() + choice.reasoningContent);
        chunks.append(m_chunks.chunk({choice}));
    } else if (type == QLatin1String("signature_delta")) {
        if (block.kind == BlockKind::Thinking)
            block.native.insert(key("signature"), block.native.value(key("signature")).toString() + delta.value(key("signature")).toString());
    } else if (type == QLatin1String("input_json_delta")) {
        const QString fragment = delta.value(key("partial_json")).toString();
        if (fragment.isEmpty())
            return;
        block.sawInput = true;
        if (block.kind == BlockKind::JsonTool)
            chunks.append(m_chunks.chunk({text(fragment)}));
        else if (block.kind == BlockKind::Tool)
            chunks.append(m_chunks.chunk({toolFragment(block.toolIndex, {}, {}, fragment)}));
    }
    // citations_delta has no place in OpenAI's chunk.
}

void AnthropicStreamDecoder::stopBlock(const QJsonObject &event, QList<ChatChunk> &chunks)
{
    const Block block = m_blocks.value(event.value(key("index")).toInt());
    if (block.kind == BlockKind::Thinking || block.kind == BlockKind::RedactedThinking) {
        ChunkChoice choice;
        choice.deltaRaw.insert(key("thinking_blocks"), QJsonArray{block.native});
        chunks.append(m_chunks.chunk({choice}));
        return;
    }
    if (block.sawInput)
        return;
    // A tool called without arguments sends no input_json_delta at all.
    const QString empty = QStringLiteral("{}");
    if (block.kind == BlockKind::Tool)
        chunks.append(m_chunks.chunk({toolFragment(block.toolIndex, {}, {}, empty)}));
    else if (block.kind == BlockKind::JsonTool)
        chunks.append(m_chunks.chunk({text(empty)}));
}

void AnthropicStreamDecoder::finishMessage(const QJsonObject &event, QList<ChatChunk> &chunks)
{
    const QJsonObject usage = event.value(key("usage")).toObject();
    for (auto it = usage.begin(); it != usage.end(); ++it) {
        if (!it.value().isNull())
            m_usage.insert(it.key(), it.value());
    }
    ChunkChoice choice;
    const QString stopReason = event.value(key("delta")).toObject().value(key("stop_reason")).toString();
    choice.finishReason = AnthropicAdapter::finishReason(stopReason, m_sawJsonTool && m_toolCount == 0);
    if (!stopReason.isEmpty())
        choice.raw.insert(key("native_finish_reason"), stopReason);
    ChatChunk last = m_chunks.chunk({choice});
    last.usage = AnthropicAdapter::usageFrom(m_usage);
    chunks.append(last);
}

ChunkChoice AnthropicStreamDecoder::text(const QString &content)
{
    ChunkChoice choice;
    choice.content = content;
    return choice;
}

ChunkChoice AnthropicStreamDecoder::toolFragment(int index, const QString &id, const QString &name, const QString &arguments)
{
    ChunkChoice choice;
    choice.toolCalls = {ToolCallDelta{index, id, name, arguments}};
    return choice;
}

} // namespace muxi
