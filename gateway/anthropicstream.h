#pragma once

#include <muxi/chatchunk.h>
#include <muxi/error.h>

#include <QByteArray>
#include <QJsonObject>

namespace muxi::gateway {

// Turns the OpenAI-shaped chunks of one answer into Anthropic's stream
// events: message_start, a content block per text run or tool call
// (content_block_start, text_delta / input_json_delta…, content_block_stop),
// message_delta with the stop reason and usage, message_stop.
class AnthropicStream
{
public:
    AnthropicStream(QString messageId, QString model);

    QByteArray start();
    QByteArray chunk(const ChatChunk &chunk);
    QByteArray finish(const std::optional<Usage> &usage);
    // Ends the stream with an error event, whatever block was open.
    QByteArray error(const QJsonObject &errorBody);

    static QByteArray event(const char *name, const QJsonObject &data);

private:
    enum class Block { None, Text, Thinking, Tool };
    QByteArray open(Block kind, const QJsonObject &contentBlock);
    QByteArray closeBlock();
    QByteArray delta(const QJsonObject &delta);

    QString m_id;
    QString m_model;
    Block m_block = Block::None;
    int m_blockIndex = -1;
    int m_toolIndex = -1;
    QString m_finishReason;
};

} // namespace muxi::gateway
