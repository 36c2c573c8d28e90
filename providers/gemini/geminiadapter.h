#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/provideradapter.h>

#include <QJsonObject>

namespace muxi {

class GeminiCandidate;

// Google's Gemini API, v1beta (https://ai.google.dev/api/generate-content),
// behind OpenAI's shape. What does not map one to one:
// - the model is in the path (models/<model>:generateContent), the key in the
//   x-goog-api-key header; streams use :streamGenerateContent?alt=sse.
// - system and developer messages become `systemInstruction`; roles are user
//   and model; tool results are functionResponse parts of a user turn.
// - Gemini's function calls carry no usable id: each gets "call_<response>_<n>",
//   unique in the answer, and a tool result finds its function's name again by
//   looking its tool_call_id up among the conversation's earlier tool calls.
// - images given by URL are sent as fileData references, not downloaded:
//   adapters never touch the network, and Gemini resolves the URIs it accepts
//   (Files API uploads, gs:// objects, YouTube links). Other remote images must
//   be inlined by the caller; the provider is listed without image_urls.
// - JSON Schema (tool parameters, json_schema) is rewritten into Gemini's
//   OpenAPI subset by GeminiSchema.
// - parallel_tool_calls and user have no Gemini equivalent and are not sent;
//   top_k and safety_settings in the request's extra fields pass through.
// - a prompt blocked by promptFeedback.blockReason (an HTTP 200 without
//   candidates) is a ContentFilter error, as a filtered prompt is with OpenAI.
class MUXI_PROVIDERS_TESTS_EXPORT GeminiAdapter : public ProviderAdapter
{
public:
    // Gemini's documented limit on stopSequences.
    static constexpr int MaxStopSequences = 5;

    Expected<HttpRequest> chatRequest(const ChatRequest &request, const Target &target) const override;
    Step<ChatCompletion> chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &target) const override;
    std::unique_ptr<StreamDecoder> chatStreamDecoder(const ChatRequest &request, const Target &target) const override;

    Expected<HttpRequest> embeddingRequest(const EmbeddingRequest &request, const Target &target) const override;
    Step<EmbeddingResponse> embeddingResponse(const HttpResponse &response, const Target &target) const override;

    Expected<HttpRequest> modelsRequest(const Target &target) const override;
    Step<ModelList> modelsResponse(const HttpResponse &response, const Target &target) const override;
    std::optional<HttpRequest> nextModelsPage(const HttpResponse &response, const Target &target) const override;

    Error errorFromResponse(const HttpResponse &response, const Target &target) const override;

    // {"error":{"code","message","status","details"}}, also wrapped in an array
    // and inside a stream (`status` 0). The status name decides the kind.
    static Error parseError(const QByteArray &body, int status);
    // The ContentFilter error for a response whose prompt was blocked, if it was.
    static std::optional<Error> blockedPrompt(const QJsonObject &response);
    static Usage usageFrom(const QJsonObject &usageMetadata);
    // "call_<responseId>_" (random when the response has no id): synthetic call ids start with it.
    static QString callIdPrefix(const QJsonObject &response);
};

} // namespace muxi
