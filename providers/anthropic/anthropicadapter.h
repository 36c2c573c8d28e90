#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/provideradapter.h>

#include <QJsonObject>

namespace muxi {

// Anthropic's Messages API (https://docs.anthropic.com/en/api/messages) behind
// OpenAI's shape. What does not map one to one:
// - `max_tokens` is required by Anthropic: when the caller sets no limit the
//   adapter sends DefaultMaxTokens (or the provider setting "default_max_tokens").
//   4096 is the largest output every Claude model accepts (Claude 3 Haiku and
//   Opus stop there), so the default never turns a request into a 400.
// - system and developer messages become the top-level `system` blocks.
// - temperature is clamped to Anthropic's 0..1 (OpenAI allows up to 2).
// - JSON mode has no native switch: the model is made to call a synthetic tool
//   (JsonToolName) whose input schema is the requested one, and that input,
//   serialised, is returned as the message text.
// - reasoning ("thinking" blocks) arrives as reasoning_content; the original
//   blocks, signatures included, ride along in the message's "thinking_blocks"
//   so a caller that sends the message back returns them as Anthropic requires.
// - `n` > 1 and audio input do not exist in the API and are refused up front;
//   `seed` and OpenAI-only sampling fields have no equivalent and are not sent.
//   top_k, thinking and service_tier in the request's extra fields pass through.
// Provider settings: "default_max_tokens", "anthropic_version" (default
// ApiVersion), "beta" (anthropic-beta values) and "headers" (sent as given).
class MUXI_PROVIDERS_TESTS_EXPORT AnthropicAdapter : public ProviderAdapter
{
public:
    static constexpr int DefaultMaxTokens = 4096;
    static constexpr const char *ApiVersion = "2023-06-01";
    static constexpr const char *JsonToolName = "json_output";

    Expected<HttpRequest> chatRequest(const ChatRequest &request, const Target &target) const override;
    Step<ChatCompletion> chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &target) const override;
    std::unique_ptr<StreamDecoder> chatStreamDecoder(const ChatRequest &request, const Target &target) const override;

    Expected<HttpRequest> modelsRequest(const Target &target) const override;
    Step<ModelList> modelsResponse(const HttpResponse &response, const Target &target) const override;
    std::optional<HttpRequest> nextModelsPage(const HttpResponse &response, const Target &target) const override;

    Error errorFromResponse(const HttpResponse &response, const Target &target) const override;

    // {"type":"error","error":{"type","message"}} as sent with an HTTP error or
    // as an `event: error` inside a stream (`status` 0). The error type decides
    // the kind; unknown types fall back on the status.
    static Error parseError(const QByteArray &body, int status);
    // OpenAI's finish_reason for a stop_reason; `onlyJsonTool` when the only
    // tool the model called was the JSON-mode one (that is a plain answer).
    static QString finishReason(const QString &stopReason, bool onlyJsonTool);
    // prompt = input + cache writes + cache reads: Anthropic's input_tokens excludes the cache.
    static Usage usageFrom(const QJsonObject &usage);

private:
    HttpRequest baseRequest(const Target &target, const QString &path) const;
};

} // namespace muxi
