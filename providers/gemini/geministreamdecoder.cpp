#include <muxi/providers/geministreamdecoder.h>

#include <muxi/providers/geminiadapter.h>
#include <muxi/providers/geminicandidate.h>

#include <muxi/providers/wirehelpers.h>

#include <QJsonArray>

#include <algorithm>

namespace muxi {

using wire::key;

GeminiStreamDecoder::GeminiStreamDecoder() = default;

bool GeminiStreamDecoder::sawEnd() const
{
    return !m_candidates.isEmpty() && std::all_of(m_candidates.begin(), m_candidates.end(), [](const CandidateState &state) {
        return state.finished;
    });
}

std::optional<Error> GeminiStreamDecoder::feed(QByteArrayView bytes, QList<ChatChunk> &chunks)
{
    const QList<SseEvent> events = m_parser.feed(bytes);
    for (const SseEvent &event : events) {
        const Expected<QJsonObject> object = wire::eventObject(event.data);
        if (!object)
            return object.error();
        if (object->value(key("error")).isObject())
            return GeminiAdapter::parseError(event.data, 0);
        if (std::optional<Error> blocked = GeminiAdapter::blockedPrompt(*object))
            return blocked;
        if (m_callPrefix.isEmpty()) {
            m_chunks.setId(object->value(key("responseId")).toString());
            m_chunks.setModel(object->value(key("modelVersion")).toString());
            m_callPrefix = GeminiAdapter::callIdPrefix(*object);
        }

        ChatChunk chunk = m_chunks.chunk({});
        bool finalChunk = false;
        const QJsonArray candidates = object->value(key("candidates")).toArray();
        for (qsizetype i = 0; i < candidates.size(); ++i) {
            const GeminiCandidate candidate = GeminiCandidate::fromJson(candidates.at(i).toObject(), int(i));
            ChunkChoice choice;
            choice.index = candidate.index;
            if (!m_candidates.contains(candidate.index))
                choice.role = QStringLiteral("assistant");
            CandidateState &state = m_candidates[candidate.index];
            if (!candidate.text.isEmpty())
                choice.content = candidate.text;
            choice.reasoningContent = candidate.reasoning;
            for (const ToolCall &call : candidate.toolCalls)
                choice.toolCalls.append({state.toolCalls++, m_callPrefix + QString::number(m_calls++), call.name, call.arguments, call.raw});
            if (!candidate.thoughtSignatures.isEmpty())
                choice.deltaRaw.insert(key("thought_signatures"), QJsonArray::fromStringList(candidate.thoughtSignatures));
            if (!candidate.nativeFinishReason.isEmpty()) {
                choice.finishReason = candidate.finishReason(state.toolCalls > 0);
                choice.raw = candidate.finishDetails();
                state.finished = true;
                finalChunk = true;
            }
            chunk.choices.append(choice);
        }
        // Every chunk repeats the usage so far; the final one is the one to keep.
        if (object->value(key("usageMetadata")).isObject() && (finalChunk || candidates.isEmpty()))
            chunk.usage = GeminiAdapter::usageFrom(object->value(key("usageMetadata")).toObject());
        if (!chunk.choices.isEmpty() || chunk.usage)
            chunks.append(chunk);
    }
    return std::nullopt;
}

} // namespace muxi
