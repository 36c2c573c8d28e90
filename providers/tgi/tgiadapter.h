#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/provideradapter.h>

namespace muxi {

// Hugging Face Text Generation Inference's native API
// (huggingface/text-generation-inference docs/source/reference/api_reference.md):
// /generate, /generate_stream (SSE, one event per token) and /info. These
// take one prompt string, so chat messages are rendered through a template
// (see PromptTemplate). TGI's own /v1/chat/completions is OpenAI's shape
// and goes through the "openai" family instead.
class MUXI_PROVIDERS_TESTS_EXPORT TgiAdapter : public ProviderAdapter
{
public:
    Expected<HttpRequest> chatRequest(const ChatRequest &request, const Target &target) const override;
    Step<ChatCompletion> chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &target) const override;
    std::unique_ptr<StreamDecoder> chatStreamDecoder(const ChatRequest &request, const Target &target) const override;

    Expected<HttpRequest> modelsRequest(const Target &target) const override;
    Step<ModelList> modelsResponse(const HttpResponse &response, const Target &target) const override;

    Error errorFromResponse(const HttpResponse &response, const Target &target) const override;

    // eos_token, stop_sequence → stop; length → length.
    static QString finishReason(const QString &tgiReason);
    // details.generated_tokens, and details.input_length where the server reports it.
    static Usage usageFromDetails(const QJsonObject &details);
    // {"error":"…","error_type":"…"}, as a body or as a stream event.
    static Error parseError(const QByteArray &body, int status);
};

} // namespace muxi
