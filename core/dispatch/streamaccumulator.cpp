#include <muxi/streamaccumulator.h>

#include <QJsonArray>

#include <algorithm>

namespace muxi {

namespace {
// A delta carries the next piece, not the whole: arrays grow by their items
// (thinking blocks), strings by their text (reasoning fragments); anything
// else is replaced by its later value.
void mergeDelta(QJsonObject &into, const QJsonObject &more)
{
    for (auto it = more.begin(); it != more.end(); ++it) {
        const QJsonValue existing = into.value(it.key());
        if (existing.isArray() && it.value().isArray()) {
            QJsonArray grown = existing.toArray();
            const QJsonArray items = it.value().toArray();
            for (const QJsonValue &item : items)
                grown.append(item);
            into.insert(it.key(), grown);
        } else if (existing.isString() && it.value().isString()) {
            into.insert(it.key(), existing.toString() + it.value().toString());
        } else {
            into.insert(it.key(), it.value());
        }
    }
}
}

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
            mergeDelta(call.raw, fragment.raw);
        }
        if (!delta.finishReason.isEmpty())
            state.finishReason = delta.finishReason;
        mergeDelta(state.messageRaw, delta.deltaRaw);
        // Stream logprobs come per token; ChatChoice::logprobs is not assembled from them.
        for (auto it = delta.raw.begin(); it != delta.raw.end(); ++it) {
            if (it.key() != QLatin1String("logprobs"))
                state.choiceRaw.insert(it.key(), it.value());
        }
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
        choice.raw = state.choiceRaw;
        choice.message.role = Message::Role::Assistant;
        choice.message.raw = state.messageRaw;
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
        delta.deltaRaw = choice.message.raw;
        for (qsizetype i = 0; i < choice.message.toolCalls.size(); ++i) {
            const ToolCall &call = choice.message.toolCalls.at(i);
            delta.toolCalls.append({int(i), call.id, call.name, call.arguments, call.raw});
        }
        delta.finishReason = choice.finishReason;
        delta.raw = choice.raw;
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
