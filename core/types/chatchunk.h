#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/usage.h>

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace muxi {

// A piece of a streamed tool call: id and name arrive once, arguments in fragments.
class MUXI_CORE_EXPORT ToolCallDelta
{
public:
    ToolCallDelta() = default;
    ToolCallDelta(int index, QString id, QString name, QString arguments, QJsonObject raw = {});

    int index = 0;
    QString id;
    QString name;
    QString arguments;
    // Provider fields that must go back with the call (Gemini's thought
    // signature); the accumulator merges them into ToolCall::raw.
    QJsonObject raw;

    friend bool operator==(const ToolCallDelta &, const ToolCallDelta &) = default;
};

class MUXI_CORE_EXPORT ChunkChoice
{
public:
    int index = 0;
    QString role;
    std::optional<QString> content;
    QString reasoningContent;
    QString refusal;
    QList<ToolCallDelta> toolCalls;
    QString finishReason;
    // Fields of the choice beside the delta (native_finish_reason, …).
    QJsonObject raw;
    // Fields of the delta OpenAI does not define. They belong to the message
    // being streamed: the accumulator merges them into Message::raw (arrays
    // and strings appended), so provider parts that must be sent back on the next turn
    // (Anthropic's signed thinking blocks, Gemini's thought signatures) survive a stream.
    QJsonObject deltaRaw;

    friend bool operator==(const ChunkChoice &, const ChunkChoice &) = default;
};

// One `chat.completion.chunk`. Every adapter translates its provider's stream into these.
class MUXI_CORE_EXPORT ChatChunk
{
public:
    QString id;
    qint64 created = 0;
    QString model;
    QList<ChunkChoice> choices;
    std::optional<Usage> usage;
    QJsonObject raw;

    static ChatChunk fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const ChatChunk &, const ChatChunk &) = default;
};

} // namespace muxi

Q_DECLARE_METATYPE(muxi::ChatChunk)
Q_DECLARE_METATYPE(muxi::ToolCallDelta)
