#include "conversationsettings.h"

namespace muxi {

namespace {
const QLatin1String systemPromptKey("system_prompt");
const QLatin1String modelKey("model");
const QLatin1String temperatureKey("temperature");
const QLatin1String topPKey("top_p");
const QLatin1String maxTokensKey("max_tokens");
const QLatin1String jsonModeKey("json_mode");
} // namespace

QJsonObject ConversationSettings::toJson() const
{
    QJsonObject object;
    if (!systemPrompt.isEmpty())
        object.insert(systemPromptKey, systemPrompt);
    if (!model.isEmpty())
        object.insert(modelKey, model);
    if (temperature)
        object.insert(temperatureKey, *temperature);
    if (topP)
        object.insert(topPKey, *topP);
    if (maxTokens)
        object.insert(maxTokensKey, *maxTokens);
    if (jsonMode)
        object.insert(jsonModeKey, true);
    return object;
}

ConversationSettings ConversationSettings::fromJson(const QJsonObject &object)
{
    ConversationSettings settings;
    settings.systemPrompt = object.value(systemPromptKey).toString();
    settings.model = object.value(modelKey).toString();
    // The ranges every provider accepts; anything else would only fail at send time.
    if (const QJsonValue t = object.value(temperatureKey); t.isDouble() && t.toDouble() >= 0 && t.toDouble() <= 2)
        settings.temperature = t.toDouble();
    if (const QJsonValue p = object.value(topPKey); p.isDouble() && p.toDouble() >= 0 && p.toDouble() <= 1)
        settings.topP = p.toDouble();
    if (const QJsonValue m = object.value(maxTokensKey); m.isDouble() && m.toInt() > 0)
        settings.maxTokens = m.toInt();
    settings.jsonMode = object.value(jsonModeKey).toBool();
    return settings;
}

} // namespace muxi
