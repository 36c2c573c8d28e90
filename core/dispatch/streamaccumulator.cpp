#include <muxi/streamaccumulator.h>

#include <algorithm>

namespace muxi {

void StreamAccumulator::add(const ChatChunk &chunk)
{
    if (m_base.id.isEmpty())
        m_base.id = chunk.id;
    if (m_base.model.isEmpty())
        m_base.model = chunk.model;
    if (m_base.created == 0)
        m_base.created = chunk.created;
    if (chunk.usage)
        m_usage = chunk.usage;
    for (const ChunkChoice &delta : chunk.choices) {
        ChoiceState &state = m_choices[delta.index];
        if (!delta.role.isEmpty())
            state.role = delta.role;
        if (delta.content) {
            state.content += *delta.content;
            state.sawContent = true;
        }
        state.reasoning += delta.reasoningContent;
        state.refusal += delta.refusal;
        for (const ToolCallDelta &fragment : delta.toolCalls) {
            ToolCall &call = state.toolCalls[fragment.index];
            call.index = fragment.index;
            if (!fragment.id.isEmpty())
                call.id = fragment.id;
            if (!fragment.name.isEmpty())
                call.name = fragment.name;
            call.arguments += fragment.arguments;
        }
        if (!delta.finishReason.isEmpty())
            state.finishReason = delta.finishReason;
    }
}

bool StreamAccumulator::isComplete() const
{
    return !m_choices.isEmpty() && std::all_of(m_choices.begin(), m_choices.end(), [](const ChoiceState &s) {
        return !s.finishReason.isEmpty();
    });
}

bool StreamAccumulator::hasContent() const
{
    return std::any_of(m_choices.begin(), m_choices.end(), [](const ChoiceState &s) {
        return !s.content.isEmpty() || !s.toolCalls.isEmpty() || !s.reasoning.isEmpty();
    });
}

QString StreamAccumulator::text(int choiceIndex) const
{
    return m_choices.value(choiceIndex).content;
}

ChatCompletion StreamAccumulator::completion() const
{
    ChatCompletion result = m_base;
    result.usage = m_usage;
    for (auto it = m_choices.begin(); it != m_choices.end(); ++it) {
        const ChoiceState &state = it.value();
        ChatChoice choice;
        choice.index = it.key();
        choice.finishReason = state.finishReason;
        choice.message.role = Message::Role::Assistant;
        if (state.sawContent || state.toolCalls.isEmpty()) {
            choice.message.content = {ContentPart::fromText(state.content)};
            choice.message.form = Message::ContentForm::String;
        } else {
            choice.message.form = Message::ContentForm::Null;
        }
        choice.message.reasoningContent = state.reasoning;
        choice.message.refusal = state.refusal;
        for (const ToolCall &call : state.toolCalls) {
            // The index only routed fragments; a finished call looks like a non-streamed one.
            ToolCall finished = call;
            finished.index = 0;
            choice.message.toolCalls.append(finished);
        }
        result.choices.append(choice);
    }
    return result;
}

QList<ChatChunk> chunksFromCompletion(const ChatCompletion &completion)
{
    QList<ChatChunk> chunks;
    for (const ChatChoice &choice : completion.choices) {
        ChatChunk c;
        c.id = completion.id;
        c.created = completion.created;
        c.model = completion.model;
        ChunkChoice delta;
        delta.index = choice.index;
        delta.role = QStringLiteral("assistant");
        if (choice.message.form != Message::ContentForm::Null)
            delta.content = choice.message.text();
        delta.reasoningContent = choice.message.reasoningContent;
        delta.refusal = choice.message.refusal;
        for (qsizetype i = 0; i < choice.message.toolCalls.size(); ++i) {
            const ToolCall &call = choice.message.toolCalls.at(i);
            delta.toolCalls.append({int(i), call.id, call.name, call.arguments});
        }
        delta.finishReason = choice.finishReason;
        c.choices.append(delta);
        chunks.append(c);
    }
    if (completion.usage) {
        ChatChunk usageChunk;
        usageChunk.id = completion.id;
        usageChunk.created = completion.created;
        usageChunk.model = completion.model;
        usageChunk.usage = completion.usage;
        chunks.append(usageChunk);
    }
    return chunks;
}

} // namespace muxi
