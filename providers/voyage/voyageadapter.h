#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/provideradapter.h>

namespace muxi {

// Voyage AI's embeddings API (docs.voyageai.com/reference/embeddings-api).
// Chat is not offered. Voyage's rerank endpoint has no counterpart in Muxi's
// API yet, so it is not wired.
class MUXI_PROVIDERS_TESTS_EXPORT VoyageAdapter : public ProviderAdapter
{
public:
    Expected<HttpRequest> chatRequest(const ChatRequest &request, const Target &target) const override;
    Step<ChatCompletion> chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &target) const override;
    std::unique_ptr<StreamDecoder> chatStreamDecoder(const ChatRequest &request, const Target &target) const override;

    Expected<HttpRequest> embeddingRequest(const EmbeddingRequest &request, const Target &target) const override;
    Step<EmbeddingResponse> embeddingResponse(const HttpResponse &response, const Target &target) const override;

    Error errorFromResponse(const HttpResponse &response, const Target &target) const override;
};

} // namespace muxi
