#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/provideradapter.h>

namespace muxi {

// OpenAI's Chat Completions, Completions, Embeddings and Models APIs, and
// every service that copies them. Per-service differences come from the
// provider table's options (see docs/providers.md), never from subclasses.
class MUXI_PROVIDERS_TESTS_EXPORT OpenAiAdapter : public ProviderAdapter
{
public:
    Expected<HttpRequest> chatRequest(const ChatRequest &request, const Target &target) const override;
    Step<ChatCompletion> chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &target) const override;
    std::unique_ptr<StreamDecoder> chatStreamDecoder(const ChatRequest &request, const Target &target) const override;

    Expected<HttpRequest> completionRequest(const CompletionRequest &request, const Target &target) const override;
    Step<Completion> completionResponse(const HttpResponse &response, const Target &target) const override;
    std::unique_ptr<StreamDecoder> completionStreamDecoder(const Target &target) const override;

    Expected<HttpRequest> embeddingRequest(const EmbeddingRequest &request, const Target &target) const override;
    Step<EmbeddingResponse> embeddingResponse(const HttpResponse &response, const Target &target) const override;

    Expected<HttpRequest> modelsRequest(const Target &target) const override;
    Step<ModelList> modelsResponse(const HttpResponse &response, const Target &target) const override;
    std::optional<HttpRequest> nextModelsPage(const HttpResponse &response, const Target &target) const override;

    Error errorFromResponse(const HttpResponse &response, const Target &target) const override;

    // Reads an OpenAI-style error object ({"error":{…}}, {"object":"error",…},
    // {"detail":…} or plain text) as sent by OpenAI and the servers that copy it.
    static Error parseErrorBody(const QByteArray &body, int status);

private:
    HttpRequest post(const Target &target, const QString &path, QJsonObject body, bool streaming) const;
};

} // namespace muxi
