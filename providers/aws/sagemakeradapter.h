#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/provideradapter.h>

namespace muxi {

// Amazon SageMaker Runtime's InvokeEndpoint and InvokeEndpointWithResponseStream
// (docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html),
// signed with SigV4 (service "sagemaker"). The model name is the endpoint
// name. What the container reads is chosen by the "payload" setting
// (docs/providers-aws.md):
//   "tgi"       {"inputs","parameters","stream"} of Hugging Face TGI / LLM containers
//   "messages"  an OpenAI chat completion request, for containers serving that API
// Settings "target_model", "target_variant", "inference_component" and
// "custom_attributes" become the matching X-Amzn-SageMaker-* headers.
class MUXI_PROVIDERS_TESTS_EXPORT SageMakerAdapter : public ProviderAdapter
{
public:
    Expected<HttpRequest> chatRequest(const ChatRequest &request, const Target &target) const override;
    Step<ChatCompletion> chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &target) const override;
    std::unique_ptr<StreamDecoder> chatStreamDecoder(const ChatRequest &request, const Target &target) const override;

    Error errorFromResponse(const HttpResponse &response, const Target &target) const override;
    // The AWS credential chain (AwsCredentialResolver), unless an API key replaces SigV4.
    std::unique_ptr<TargetPreparation> preparation(const Target &target) const override;
    QString credentialSource(const Target &target) const override;
};

} // namespace muxi
