#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace muxi {

// What one conversation sends with every request: its system prompt, model
// and sampling parameters. Kept per conversation in the history database and,
// named, as a preset.
class ConversationSettings
{
public:
    QString systemPrompt;
    // "provider/model"; empty: the workbench's default.
    QString model;
    // Unset: the provider's default.
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> maxTokens;
    // Asks for a JSON object answer (response_format json_object).
    bool jsonMode = false;

    // {"system_prompt", "model", "temperature", "top_p", "max_tokens", "json_mode"}; unset values are left out.
    QJsonObject toJson() const;
    // Reads toJson()'s shape; out-of-range numbers are dropped rather than sent.
    static ConversationSettings fromJson(const QJsonObject &object);

    friend bool operator==(const ConversationSettings &, const ConversationSettings &) = default;
};

} // namespace muxi
