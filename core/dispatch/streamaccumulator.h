#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/chatchunk.h>
#include <muxi/chatcompletion.h>

#include <QMap>

namespace muxi {

/// \brief Assembles streamed chunks into the ChatCompletion a non-streaming call
/// would have returned.
///
/// Text is appended per choice, tool-call argument fragments per call index,
/// usage taken from the final usage chunk. Useful to a caller that listens to
/// Reply::chunk() and wants the whole answer too.
///
/// Provider fields riding on the chunks (ChunkChoice::raw, ChunkChoice::deltaRaw,
/// ToolCallDelta::raw) end up where a non-streamed answer holds them: the
/// choice's, the message's and the tool call's raw fields.
class MUXI_CORE_EXPORT StreamAccumulator
{
public:
    /// Adds the next chunk of the stream.
    void add(const ChatChunk &chunk);

    /// True once every choice seen has a finish_reason: a stream that ends
    /// before that was cut, whatever the transport said.
    bool isComplete() const;
    /// True once any text, reasoning or tool call arrived.
    bool hasContent() const;
    /// The text of choice `choiceIndex` so far.
    QString text(int choiceIndex = 0) const;

    /// The completion the chunks so far add up to.
    ChatCompletion completion() const;

private:
    struct ChoiceState {
        QString role;
        QString content;
        bool sawContent = false;
        QString reasoning;
        QString refusal;
        QMap<int, ToolCall> toolCalls;
        QString finishReason;
        QJsonObject choiceRaw;
        QJsonObject messageRaw;
    };

    ChatCompletion m_base;
    QMap<int, ChoiceState> m_choices;
    std::optional<Usage> m_usage;
};

/// The chunks a stream of `completion` would have carried: one per choice
/// with its whole text and tool calls, then one with the usage.
MUXI_CORE_EXPORT QList<ChatChunk> chunksFromCompletion(const ChatCompletion &completion);

} // namespace muxi
