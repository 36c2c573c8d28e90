#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/sseparser.h>
#include <muxi/streamdecoder.h>

namespace muxi {

// `data: {chat.completion.chunk}` events up to `data: [DONE]`. Errors may
// arrive inside the 200 stream as {"error":…} or {"object":"error",…}.
// With `textCompletions`, legacy text_completion chunks are read instead.
class MUXI_PROVIDERS_TESTS_EXPORT OpenAiStreamDecoder : public StreamDecoder
{
public:
    explicit OpenAiStreamDecoder(bool textCompletions = false);

    std::optional<Error> feed(QByteArrayView bytes, QList<ChatChunk> &chunks) override;
    bool sawEnd() const override { return m_done; }

private:
    SseParser m_parser;
    bool m_textCompletions;
    bool m_done = false;
};

} // namespace muxi
