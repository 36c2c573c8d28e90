#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/provideradapter.h>

namespace muxi {

// Replicate's predictions API (replicate.com/docs/reference/http) for
// language models: `replicate/<owner>/<model>` runs the model's current
// version (POST /models/{owner}/{model}/predictions), `…:<version>` a given
// one (POST /predictions). The chat becomes the model's prompt inputs
// (docs/providers-replicate-voyage.md). Without streaming the create call waits
// (`Prefer: wait`), then the prediction's urls.get is polled until it ends;
// with streaming its urls.stream is read as server-sent events.
//
// Settings: "max_tokens_field" (default max_tokens; Llama 2 era models take
// max_new_tokens), "poll_interval_ms" (default 1000), "wait_seconds" (1–60,
// default: Replicate's own), and any model-specific inputs under the
// request's extra "input" object.
class MUXI_PROVIDERS_TESTS_EXPORT ReplicateAdapter : public ProviderAdapter
{
public:
    Expected<HttpRequest> chatRequest(const ChatRequest &request, const Target &target) const override;
    Step<ChatCompletion> chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &target) const override;
    std::unique_ptr<StreamDecoder> chatStreamDecoder(const ChatRequest &request, const Target &target) const override;

    Error errorFromResponse(const HttpResponse &response, const Target &target) const override;
};

} // namespace muxi
