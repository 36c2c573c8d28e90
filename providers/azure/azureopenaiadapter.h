#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/openaiadapter.h>

namespace muxi {

// Azure OpenAI (learn.microsoft.com/azure/ai-foundry/openai/reference): the
// OpenAI wire format behind other URLs and auth, so requests are translated by
// OpenAiAdapter for a Target rewritten to Azure's layout.
//
// Classic (default): {endpoint}/openai/deployments/{deployment}/…?api-version=…
// with an `api-key` header; the model name is the deployment name. The
// version comes from the setting "api_version" (OPENAI_API_VERSION, default 2024-10-21).
// v1 (setting "api_mode":"v1", or an endpoint ending in /openai/v1):
// {endpoint}/openai/v1/… with `Authorization: Bearer <key>`, the deployment
// name as `model` in the body. Setting "auth":"bearer" sends an Entra ID
// token (held where the key would be) as Bearer on classic routes too.
class MUXI_PROVIDERS_TESTS_EXPORT AzureOpenAiAdapter : public OpenAiAdapter
{
public:
    Expected<HttpRequest> chatRequest(const ChatRequest &request, const Target &target) const override;
    Expected<HttpRequest> completionRequest(const CompletionRequest &request, const Target &target) const override;
    Expected<HttpRequest> embeddingRequest(const EmbeddingRequest &request, const Target &target) const override;
    Expected<HttpRequest> modelsRequest(const Target &target) const override;

    // OpenAI's error shape plus Azure's codes: DeploymentNotFound, and
    // content_filter with the categories innererror names.
    Error errorFromResponse(const HttpResponse &response, const Target &target) const override;

    static constexpr QLatin1String DefaultApiVersion{"2024-10-21"};

private:
    enum class Scope { Deployment, Resource };
    // `target` as OpenAiAdapter must see it to produce Azure's URL and auth.
    static Target azureTarget(const Target &target, Scope scope);
};

} // namespace muxi
