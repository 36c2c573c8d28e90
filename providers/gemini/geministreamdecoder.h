#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/chunkbuilder.h>
#include <muxi/sseparser.h>
#include <muxi/streamdecoder.h>

#include <QMap>

namespace muxi {

// streamGenerateContent?alt=sse (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent):
// every `data:` is a whole GenerateContentResponse carrying only the new text,
// a functionCall arrives whole in one of them, and the last of a candidate
// has its finishReason and the final usageMetadata.
// Gemini sends no end marker ([DONE], message_stop): the stream is over when
// the connection closes after every candidate reported a finishReason. So
// sawEnd() is true once that happened, and an EOF before it is a cut stream.
// An object with a top-level "error" inside the stream is the provider's error.
class MUXI_PROVIDERS_TESTS_EXPORT GeminiStreamDecoder : public StreamDecoder
{
public:
    GeminiStreamDecoder();

    std::optional<Error> feed(QByteArrayView bytes, QList<ChatChunk> &chunks) override;
    bool sawEnd() const override;

private:
    struct CandidateState {
        int toolCalls = 0;
        bool finished = false;
    };

    SseParser m_parser;
    ChunkBuilder m_chunks;
    QString m_callPrefix;
    int m_calls = 0;
    QMap<int, CandidateState> m_candidates;
};

} // namespace muxi
