#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/usage.h>

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace muxi {

/// \brief A piece of a streamed tool call: id and name arrive once, arguments in fragments.
///
/// Fragments of one call share its #index; appending their #arguments in
/// arrival order gives the call's JSON arguments (StreamAccumulator does this).
class MUXI_CORE_EXPORT ToolCallDelta
{
public:
    /// An empty fragment.
    ToolCallDelta() = default;
    /// A fragment with every field given.
    ToolCallDelta(int index, QString id, QString name, QString arguments, QJsonObject raw = {});

    /// Position of the call among the choice's parallel calls; routes fragments to their call.
    int index = 0;
    /// The call's id; set on the first fragment of a call, empty on later ones.
    QString id;
    /// The function's name; set on the first fragment of a call, empty on later ones.
    QString name;
    /// The next piece of the arguments' JSON text, to append to what came before.
    QString arguments;
    /// Provider fields that must go back with the call (Gemini's thought
    /// signature); the accumulator merges them into ToolCall::raw.
    QJsonObject raw;

    /// Field-by-field equality.
    friend bool operator==(const ToolCallDelta &, const ToolCallDelta &) = default;
};

/// \brief What one chunk adds to one choice of a streamed answer.
class MUXI_CORE_EXPORT ChunkChoice
{
public:
    /// Which choice (of ChatRequest::n) this piece belongs to.
    int index = 0;
    /// "assistant" on a choice's first chunk; empty afterwards.
    QString role;
    /// New answer text; unset when the chunk carries none (not the same as an empty string on the wire).
    std::optional<QString> content;
    /// New reasoning text from models that show their thinking (DeepSeek, o-series through some providers).
    QString reasoningContent;
    /// New refusal text, when the model declines to answer.
    QString refusal;
    /// Fragments of tool calls.
    QList<ToolCallDelta> toolCalls;
    /// Set on the choice's last chunk: "stop", "length", "tool_calls", "content_filter".
    QString finishReason;
    /// Fields of the choice beside the delta (native_finish_reason, …).
    QJsonObject raw;
    /// Fields of the delta OpenAI does not define. They belong to the message
    /// being streamed: the accumulator merges them into Message::raw (arrays
    /// and strings appended), so provider parts that must be sent back on the next turn
    /// (Anthropic's signed thinking blocks, Gemini's thought signatures) survive a stream.
    QJsonObject deltaRaw;

    /// Field-by-field equality.
    friend bool operator==(const ChunkChoice &, const ChunkChoice &) = default;
};

/// \brief One `chat.completion.chunk` of a streamed answer.
///
/// Every adapter translates its provider's stream into these, so a listener
/// of Reply::chunk() sees OpenAI's shape whichever provider answers.
class MUXI_CORE_EXPORT ChatChunk
{
public:
    /// The completion's id, the same on every chunk of one answer.
    QString id;
    /// Unix time of creation, in seconds.
    qint64 created = 0;
    /// The model as the provider names it.
    QString model;
    /// What this chunk adds to each choice; empty on a usage-only chunk.
    QList<ChunkChoice> choices;
    /// Token usage; usually only on the last chunk, when the provider reports it.
    std::optional<Usage> usage;
    /// The chunk's JSON, so fields Muxi does not model survive.
    QJsonObject raw;

    /// Reads an OpenAI-shaped chunk; unknown fields stay in #raw.
    static ChatChunk fromJson(const QJsonObject &object);
    /// The chunk as OpenAI would send it.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const ChatChunk &, const ChatChunk &) = default;
};

} // namespace muxi

Q_DECLARE_METATYPE(muxi::ChatChunk)
Q_DECLARE_METATYPE(muxi::ToolCallDelta)
