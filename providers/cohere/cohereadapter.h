#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/provideradapter.h>

namespace muxi {

// Cohere's v2 Chat and Embed APIs and the v1 model listing
// (docs.cohere.com/reference/chat, /reference/chat-stream, /reference/embed,
// /reference/list-models).
class MUXI_PROVIDERS_TESTS_EXPORT CohereAdapter : public ProviderAdapter
{
public:
    Expected<HttpRequest> chatRequest(const ChatRequest &request, const Target &target) const override;
    Step<ChatCompletion> chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &target) const override;
    std::unique_ptr<StreamDecoder> chatStreamDecoder(const ChatRequest &request, const Target &target) const override;

    Expected<HttpRequest> embeddingRequest(const EmbeddingRequest &request, const Target &target) const override;
    Step<EmbeddingResponse> embeddingResponse(const HttpResponse &response, const Target &target) const override;

    Expected<HttpRequest> modelsRequest(const Target &target) const override;
    Step<ModelList> modelsResponse(const HttpResponse &response, const Target &target) const override;
    std::optional<HttpRequest> nextModelsPage(const HttpResponse &response, const Target &target) const override;

    Error errorFromResponse(const HttpResponse &response, const Target &target) const override;

    // COMPLETE → stop, MAX_TOKENS → length, TOOL_CALL → tool_calls …; empty for ERROR and TIMEOUT.
    static QString finishReason(const QString &cohereReason);
    // The failure a finish_reason of ERROR or TIMEOUT stands for.
    static std::optional<Error> finishError(const QString &cohereReason, const QString &message);
    // usage.tokens (what the model processed), falling back on billed_units.
    static Usage usageFromJson(const QJsonObject &usage);

private:
    HttpRequest request(const Target &target, const QByteArray &method, const QString &path, const QJsonObject &body,
                        bool streaming) const;
};

} // namespace muxi
