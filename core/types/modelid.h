#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/expected.h>

#include <QString>
#include <QStringList>

namespace muxi {

/// \brief A model name as Muxi routes it: "provider/model".
///
/// Only the first '/' separates: model names of Together, OpenRouter or
/// Hugging Face contain their own slashes ("together/meta-llama/Llama-3-8b").
class MUXI_CORE_EXPORT ModelId
{
public:
    /// The configured provider id ("openai", "groq", …).
    QString provider;
    /// The model as that provider knows it.
    QString model;

    /// Splits `text`. A bare name means OpenAI. An empty model name is an
    /// error, and so is an unknown provider (code "unknown_provider"), with a
    /// message listing `knownProviders`.
    static Expected<ModelId> parse(const QString &text, const QStringList &knownProviders);
    /// "provider/model".
    QString toString() const { return provider + QLatin1Char('/') + model; }

    /// Field-by-field equality.
    friend bool operator==(const ModelId &, const ModelId &) = default;
};

} // namespace muxi
