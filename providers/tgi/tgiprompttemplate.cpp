#include "tgiprompttemplate.h"

#include "wirehelpers.h"

#include <QCoreApplication>

namespace muxi {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::TgiPromptTemplate", text);
}
}

Expected<TgiPromptTemplate> TgiPromptTemplate::fromSettings(const Target &target)
{
    const QString name = target.settings.value(QLatin1String("prompt_template")).toString(QStringLiteral("chatml"));
    if (name == QLatin1String("chatml"))
        return TgiPromptTemplate(Style::ChatMl);
    if (name == QLatin1String("llama3"))
        return TgiPromptTemplate(Style::Llama3);
    if (name == QLatin1String("plain"))
        return TgiPromptTemplate(Style::Plain);
    return wire::badRequest(target, tr("unknown prompt_template \"%1\"; choose chatml, llama3 or plain").arg(name));
}

Expected<QString> TgiPromptTemplate::render(const QList<Message> &messages, const Target &target) const
{
    QString prompt;
    bool openAssistant = false;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const Message &message = messages.at(i);
        if (message.role == Message::Role::Tool || !message.toolCalls.isEmpty()) {
            return wire::badRequest(target, tr("%1's /generate has no tool calls; use its Messages API through the openai family")
                                                .arg(target.provider.displayName));
        }
        const QString role = wire::nativeRoleName(message.role);
        const bool last = i == messages.size() - 1;
        openAssistant = last && message.role == Message::Role::Assistant;
        switch (m_style) {
        case Style::ChatMl:
            prompt += QLatin1String("<|im_start|>") + role + QLatin1Char('\n') + message.text();
            if (!openAssistant)
                prompt += QLatin1String("<|im_end|>\n");
            break;
        case Style::Llama3:
            prompt += QLatin1String("<|start_header_id|>") + role + QLatin1String("<|end_header_id|>\n\n") + message.text();
            if (!openAssistant)
                prompt += QLatin1String("<|eot_id|>");
            break;
        case Style::Plain:
            prompt += role.at(0).toUpper() + role.mid(1) + QLatin1String(": ") + message.text();
            if (!openAssistant)
                prompt += QLatin1String("\n\n");
            break;
        }
    }
    if (openAssistant)
        return prompt;
    switch (m_style) {
    case Style::ChatMl:
        return prompt + QLatin1String("<|im_start|>assistant\n");
    case Style::Llama3:
        return prompt + QLatin1String("<|start_header_id|>assistant<|end_header_id|>\n\n");
    case Style::Plain:
        return prompt + QLatin1String("Assistant:");
    }
    return prompt;
}

QStringList TgiPromptTemplate::stopSequences() const
{
    if (m_style == Style::Plain)
        return {QStringLiteral("\nUser:")};
    return {};
}

} // namespace muxi
