#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace muxi {

/// \brief A legacy text completion request (POST /completions).
///
/// Sent with Client::complete() or Client::completeBlocking() to providers with
/// Capability::Completions; others are skipped with Error::Kind::Unsupported.
/// Completions have no fallback chain and no per-request retry settings.
class MUXI_CORE_EXPORT CompletionRequest
{
public:
    /// "provider/model" or a bare OpenAI name, as for ChatRequest::model.
    QString model;
    /// A string, strings, or token arrays, exactly as the caller gave it.
    QJsonValue prompt;
    /// Cap on generated tokens.
    std::optional<int> maxTokens;
    /// Sampling temperature.
    std::optional<double> temperature;
    /// Nucleus sampling mass.
    std::optional<double> topP;
    /// How many alternative texts to generate.
    std::optional<int> n;
    /// Sequences that end generation.
    QStringList stop;
    /// Text that follows the completion (insertion), for providers that support it.
    QString suffix;
    /// Ask for the text as a stream of Reply::delta() signals.
    bool stream = false;
    /// Fields Muxi does not model; passed through to OpenAI-shaped providers.
    QJsonObject extra;

    /// Reads OpenAI's request JSON; unknown fields go to #extra.
    static CompletionRequest fromJson(const QJsonObject &object);
    /// The request as OpenAI's JSON, #extra merged in.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const CompletionRequest &, const CompletionRequest &) = default;
};

} // namespace muxi
