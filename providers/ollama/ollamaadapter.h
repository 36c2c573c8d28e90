#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/provideradapter.h>

namespace muxi {

// Ollama's native API (github.com/ollama/ollama docs/api.md): /api/chat as
// NDJSON, /api/embed, /api/tags. No authentication.
class MUXI_PROVIDERS_TESTS_EXPORT OllamaAdapter : public ProviderAdapter
{
public:
    Expected<HttpRequest> chatRequest(const ChatRequest &request, const Target &target) const override;
    Step<ChatCompletion> chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &target) const override;
    std::unique_ptr<StreamDecoder> chatStreamDecoder(const ChatRequest &request, const Target &target) const override;

    Expected<HttpRequest> embeddingRequest(const EmbeddingRequest &request, const Target &target) const override;
    Step<EmbeddingResponse> embeddingResponse(const HttpResponse &response, const Target &target) const override;

    Expected<HttpRequest> modelsRequest(const Target &target) const override;
    Step<ModelList> modelsResponse(const HttpResponse &response, const Target &target) const override;

    Error errorFromResponse(const HttpResponse &response, const Target &target) const override;

    // done_reason → finish_reason; Ollama says "stop" when it called tools.
    static QString finishReason(const QString &doneReason, bool calledTools);
    // prompt_eval_count (absent when the prompt was cached) and eval_count of the final object.
    static Usage usageFromJson(const QJsonObject &final);
    // One of Ollama's tool calls ({"function":{"name","arguments":{object}}}) in OpenAI's shape.
    static ToolCall toolCallFromJson(const QJsonObject &call, int ordinal);
    // {"error":"…"}, in a non-2xx body or as a line of a 200 stream.
    static Error parseError(const QByteArray &body, int status);
};

} // namespace muxi
