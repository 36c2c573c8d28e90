#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/expected.h>

#include <QString>
#include <QStringList>

namespace muxi {

// "provider/model". Only the first '/' separates: model names of Together,
// OpenRouter or Hugging Face contain their own slashes.
class MUXI_CORE_EXPORT ModelId
{
public:
    QString provider;
    QString model;

    // A bare name means OpenAI. An unknown provider is an error listing the known ones.
    static Expected<ModelId> parse(const QString &text, const QStringList &knownProviders);
    QString toString() const { return provider + QLatin1Char('/') + model; }

    friend bool operator==(const ModelId &, const ModelId &) = default;
};

} // namespace muxi
