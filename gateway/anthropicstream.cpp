#include "anthropicstream.h"

#include "anthropicmessages.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace muxi::gateway {

AnthropicStream::AnthropicStream(QString messageId, QString model)
    : m_id(std::move(messageId))
    , m_model(std::move(model))
{
}

QByteArray AnthropicStream::event(const char *name, const QJsonObject &data)
{
    return QByteArray("event: ") + name + "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n";
}

QByteArray AnthropicStream::start()
{
    const QJsonObject message{{QLatin1String("id"), m_id},
                              {QLatin1String("type"), QLatin1String("message")},
                              {QLatin1String("role"), QLatin1String("assistant")},
                              {QLatin1String("model"), m_model},
                              {QLatin1String("content"), QJsonArray()},
                              {QLatin1String("stop_reason"), QJsonValue()},
                              {QLatin1String("stop_sequence"), QJsonValue()},
                              {QLatin1String("usage"), QJsonObject{{QLatin1String("input_tokens"), 0}, {QLatin1String("output_tokens"), 0}}}};
    return event("message_start", QJsonObject{{QLatin1String("type"), QLatin1String("message_start")}, {QLatin1String("message"), message}});
}

QByteArray AnthropicStream::closeBlock()
{
    if (m_block == Block::None)
        return {};
    QByteArray out;
    if (m_block == Block::Thinking) {
        // The SDK expects a thinking block to end with its signature; other providers' reasoning has none.
        out += delta(QJsonObject{{QLatin1String("type"), QLatin1String("signature_delta")}, {QLatin1String("signature"), QString()}});
    }
    m_block = Block::None;
    out += event("content_block_stop", QJsonObject{{QLatin1String("type"), QLatin1String("content_block_stop")}, {QLatin1String("index"), m_blockIndex}});
    return out;
}

QByteArray AnthropicStream::open(Block kind, const QJsonObject &contentBlock)
{
    QByteArray out = closeBlock();
    m_block = kind;
    ++m_blockIndex;
    out += event("content_block_start", QJsonObject{{QLatin1String("type"), QLatin1String("content_block_start")},
                                                    {QLatin1String("index"), m_blockIndex},
                                                    {QLatin1String("content_block"), contentBlock}});
    return out;
}

QByteArray AnthropicStream::delta(const QJsonObject &delta)
{
    return event("content_block_delta", QJsonObject{{QLatin1String("type"), QLatin1String("content_block_delta")},
                                                    {QLatin1String("index"), m_blockIndex},
                                                    {QLatin1String("delta"), delta}});
}

QByteArray AnthropicStream::chunk(const ChatChunk &chunk)
{
    QByteArray out;
    for (const ChunkChoice &choice : chunk.choices) {
        // Anthropic has one answer per message.
        if (choice.index != 0)
            continue;
        if (!choice.reasoningContent.isEmpty()) {
            if (m_block != Block::Thinking)
                out += open(Block::Thinking, QJsonObject{{QLatin1String("type"), QLatin1String("thinking")}, {QLatin1String("thinking"), QString()}});
            out += delta(QJsonObject{{QLatin1String("type"), QLatin1String("thinking_delta")}, {QLatin1String("thinking"), choice.reasoningContent}});
        }
        if (choice.content && !choice.content->isEmpty()) {
            if (m_block != Block::Text)
                out += open(Block::Text, QJsonObject{{QLatin1String("type"), QLatin1String("text")}, {QLatin1String("text"), QString()}});
            out += delta(QJsonObject{{QLatin1String("type"), QLatin1String("text_delta")}, {QLatin1String("text"), *choice.content}});
        }
        for (const ToolCallDelta &call : choice.toolCalls) {
            if (m_block != Block::Tool || call.index != m_toolIndex) {
                m_toolIndex = call.index;
                out += open(Block::Tool, QJsonObject{{QLatin1String("type"), QLatin1String("tool_use")},
                                                     {QLatin1String("id"), call.id},
                                                     {QLatin1String("name"), call.name},
                                                     {QLatin1String("input"), QJsonObject()}});
            }
            if (!call.arguments.isEmpty())
                out += delta(QJsonObject{{QLatin1String("type"), QLatin1String("input_json_delta")}, {QLatin1String("partial_json"), call.arguments}});
        }
        if (!choice.finishReason.isEmpty())
            m_finishReason = choice.finishReason;
    }
    return out;
}

QByteArray AnthropicStream::finish(const std::optional<Usage> &usage)
{
    QByteArray out = closeBlock();
    const Usage u = usage.value_or(Usage());
    out += event("message_delta",
                 QJsonObject{{QLatin1String("type"), QLatin1String("message_delta")},
                             {QLatin1String("delta"),
                              QJsonObject{{QLatin1String("stop_reason"), AnthropicMessages::stopReason(m_finishReason)},
                                          {QLatin1String("stop_sequence"), QJsonValue()}}},
                             {QLatin1String("usage"),
                              QJsonObject{{QLatin1String("input_tokens"), u.promptTokens}, {QLatin1String("output_tokens"), u.completionTokens}}}});
    out += event("message_stop", QJsonObject{{QLatin1String("type"), QLatin1String("message_stop")}});
    return out;
}

QByteArray AnthropicStream::error(const QJsonObject &errorBody)
{
    return event("error", errorBody);
}

} // namespace muxi::gateway
