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

// A chat completion request in OpenAI's shape. `model` is what the caller
// wrote ("provider/model" or a bare OpenAI name).
class MUXI_CORE_EXPORT ChatRequest
{
public:
    QString model;
    QList<Message> messages;
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> maxTokens;
    std::optional<int> maxCompletionTokens;
    std::optional<int> n;
    std::optional<qint64> seed;
    QStringList stop;
    bool stream = false;
    // stream_options.include_usage; adapters ask for usage whenever they can.
    bool includeUsage = true;
    QList<Tool> tools;
    QJsonValue toolChoice;
    std::optional<bool> parallelToolCalls;
    std::optional<ResponseFormat> responseFormat;
    QString user;
    // Muxi's own extensions, never sent to a provider: models to try, in
    // order, when `model` fails, and this request's own retry settings.
    QStringList fallbackModels;
    std::optional<int> maxRetries;
    std::optional<qint64> retryBaseDelayMs;
    // Fields Muxi does not model; passed through to OpenAI-shaped providers.
    QJsonObject extra;

    // The cap on generated tokens whichever of the two fields the caller set.
    std::optional<int> outputTokenLimit() const;
    bool needsVision() const;
    bool needsAudio() const;
    // Images given by http(s) URL rather than inline bytes.
    QList<QUrl> remoteImageUrls() const;
    bool wantsJson() const { return responseFormat && responseFormat->wantsJson(); }

    static ChatRequest fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
    // toJson() without Muxi's extensions: what an OpenAI-shaped server receives.
    QJsonObject toWireJson() const;

    friend bool operator==(const ChatRequest &, const ChatRequest &) = default;
};

} // namespace muxi
