#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/provideradapter.h>

namespace muxi {

// Amazon Bedrock Runtime's Converse and ConverseStream APIs
// (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html),
// signed with SigV4 (service "bedrock") or sent with a Bedrock API key.
// Model names are Bedrock model ids, inference profile ids or ARNs:
// "bedrock/us.anthropic.claude-3-5-sonnet-20240620-v1:0".
class MUXI_PROVIDERS_TESTS_EXPORT BedrockAdapter : public ProviderAdapter
{
public:
    Expected<HttpRequest> chatRequest(const ChatRequest &request, const Target &target) const override;
    Step<ChatCompletion> chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &target) const override;
    std::unique_ptr<StreamDecoder> chatStreamDecoder(const ChatRequest &request, const Target &target) const override;

    Error errorFromResponse(const HttpResponse &response, const Target &target) const override;
    // The AWS credential chain (AwsCredentialResolver), unless an API key replaces SigV4.
    std::unique_ptr<TargetPreparation> preparation(const Target &target) const override;
    QString credentialSource(const Target &target) const override;

    // The Converse request body for `request` (public for tests of the translation).
    static Expected<QJsonObject> converseBody(const ChatRequest &request);
    // Converse stopReason to OpenAI finish_reason; empty for the malformed_* reasons, which are errors.
    static QString finishReason(const QString &stopReason);
    static Usage usage(const QJsonObject &usage);
    // The error a malformed_model_output / malformed_tool_use stop is reported as.
    static Error malformedOutput(const QString &stopReason);
};

} // namespace muxi
