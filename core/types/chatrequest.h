#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/message.h>
#include <muxi/responseformat.h>
#include <muxi/tool.h>

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

#include <optional>

namespace muxi {

/// \brief A chat completion request in OpenAI's shape, for any provider.
///
/// Fill it in as for OpenAI's POST /chat/completions and hand it to
/// Client::chat() or Client::chatBlocking(). Each adapter translates it to its
/// provider's API; what a provider cannot take is adapted (JSON mode emulated,
/// rejected parameters dropped, streaming replayed) and noted in the
/// AttemptRecord, or the provider is skipped with an Error::Kind::Unsupported
/// error. Unset optional fields are not sent, so providers apply their defaults.
class MUXI_CORE_EXPORT ChatRequest
{
public:
    /// What the caller wrote: "provider/model" ("anthropic/claude-3-5-haiku-latest")
    /// or a bare OpenAI name ("gpt-4o-mini"). Empty means the configured default model.
    QString model;
    /// The conversation so far, oldest first.
    QList<Message> messages;
    /// Sampling temperature.
    std::optional<double> temperature;
    /// Nucleus sampling mass.
    std::optional<double> topP;
    /// Cap on generated tokens, under its older name; see outputTokenLimit().
    std::optional<int> maxTokens;
    /// Cap on generated tokens (reasoning included), under its newer name.
    std::optional<int> maxCompletionTokens;
    /// How many alternative answers to generate.
    std::optional<int> n;
    /// Seed for providers with reproducible sampling.
    std::optional<qint64> seed;
    /// Sequences that end generation.
    QStringList stop;
    /// Ask for the answer as a stream of Reply::delta() signals.
    bool stream = false;
    /// stream_options.include_usage; adapters ask for usage whenever they can.
    bool includeUsage = true;
    /// Functions the model may call.
    QList<Tool> tools;
    /// OpenAI's tool_choice as given ("auto", "none", "required" or an object naming a function).
    QJsonValue toolChoice;
    /// Whether the model may call several tools in one turn.
    std::optional<bool> parallelToolCalls;
    /// Text, JSON object or JSON schema answers; see ResponseFormat.
    std::optional<ResponseFormat> responseFormat;
    /// An end-user id for the provider's abuse monitoring.
    QString user;
    /// Muxi's own extension, never sent to a provider: models to try, in
    /// order, when #model fails with an error the RetryPolicy falls back on.
    /// Empty means the configured fallback chain for #model.
    QStringList fallbackModels;
    /// Muxi's own extension: retries per model for this request, instead of RetryPolicy::maxRetries.
    std::optional<int> maxRetries;
    /// Muxi's own extension: first back-off delay for this request, instead of RetryPolicy::baseDelay.
    std::optional<qint64> retryBaseDelayMs;
    /// Fields Muxi does not model; passed through to OpenAI-shaped providers.
    QJsonObject extra;

    /// The cap on generated tokens whichever of the two fields the caller set
    /// (#maxCompletionTokens wins); unset when neither is.
    std::optional<int> outputTokenLimit() const;
    /// True when a message holds an image: only providers with Capability::Vision can take it.
    bool needsVision() const;
    /// True when a message holds audio: only providers with Capability::Audio can take it.
    bool needsAudio() const;
    /// Images given by http(s) URL rather than inline bytes.
    QList<QUrl> remoteImageUrls() const;
    /// True when #responseFormat asks for JSON (an object or a schema).
    bool wantsJson() const { return responseFormat && responseFormat->wantsJson(); }

    /// Reads OpenAI's request JSON, Muxi's extensions included ("fallback_models",
    /// "max_retries", "retry_base_delay_ms"); unknown fields go to #extra.
    static ChatRequest fromJson(const QJsonObject &object);
    /// The request as JSON, Muxi's extensions included: what fromJson() reads back.
    QJsonObject toJson() const;
    /// toJson() without Muxi's extensions: what an OpenAI-shaped server receives.
    QJsonObject toWireJson() const;

    /// Field-by-field equality.
    friend bool operator==(const ChatRequest &, const ChatRequest &) = default;
};

} // namespace muxi
