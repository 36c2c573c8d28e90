#include "chatoptions.h"

namespace muxi {

ChatOptions::ChatOptions(QObject *parent)
    : QObject(parent)
{
}

void ChatOptions::setSettings(const ConversationSettings &settings)
{
    if (m_settings == settings)
        return;
    m_settings = settings;
    Q_EMIT changed();
}

void ChatOptions::setModel(const QString &model)
{
    ConversationSettings next = m_settings;
    next.model = model;
    setSettings(next);
}

void ChatOptions::edit(const ConversationSettings &next)
{
    if (m_settings == next)
        return;
    m_settings = next;
    Q_EMIT changed();
    Q_EMIT edited();
}

void ChatOptions::setSystemPrompt(const QString &prompt)
{
    ConversationSettings next = m_settings;
    next.systemPrompt = prompt;
    edit(next);
}

void ChatOptions::setTemperature(double temperature)
{
    ConversationSettings next = m_settings;
    // Providers take 0 to 2; anything else means "their default".
    next.temperature = temperature >= 0 && temperature <= 2 ? std::optional<double>(temperature) : std::nullopt;
    edit(next);
}

void ChatOptions::setTopP(double topP)
{
    ConversationSettings next = m_settings;
    next.topP = topP >= 0 && topP <= 1 ? std::optional<double>(topP) : std::nullopt;
    edit(next);
}

void ChatOptions::setMaxTokens(int maxTokens)
{
    ConversationSettings next = m_settings;
    next.maxTokens = maxTokens > 0 ? std::optional<int>(maxTokens) : std::nullopt;
    edit(next);
}

void ChatOptions::setJsonMode(bool jsonMode)
{
    ConversationSettings next = m_settings;
    next.jsonMode = jsonMode;
    edit(next);
}

} // namespace muxi
