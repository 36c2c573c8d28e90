#include <muxi/providers/prompttemplate.h>

#include <muxi/providers/wirehelpers.h>

#include <QCoreApplication>

namespace muxi {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::PromptTemplate", text);
}

bool isSystem(const Message &message)
{
    return message.role == Message::Role::System || message.role == Message::Role::Developer;
}
}

Expected<PromptTemplate> PromptTemplate::fromSettings(const Target &target, Style fallback)
{
    const QString name = target.settings.value(QLatin1String("prompt_template")).toString();
    if (name.isEmpty())
        return PromptTemplate(fallback);
    if (name == QLatin1String("chatml"))
        return PromptTemplate(Style::ChatMl);
    if (name == QLatin1String("llama3"))
        return PromptTemplate(Style::Llama3);
    if (name == QLatin1String("plain"))
        return PromptTemplate(Style::Plain);
    if (name == QLatin1String("transcript"))
        return PromptTemplate(Style::Transcript);
    return wire::badRequest(target, tr("unknown prompt_template \"%1\"; choose chatml, llama3, plain or transcript").arg(name));
}

QString PromptTemplate::system(const QList<Message> &messages)
{
    QStringList parts;
    for (const Message &message : messages) {
        if (isSystem(message) && !message.text().trimmed().isEmpty())
            parts.append(message.text());
    }
    return parts.join(QLatin1String("\n\n"));
}

QList<Message> PromptTemplate::withoutSystem(const QList<Message> &messages)
{
    QList<Message> others;
    for (const Message &message : messages) {
        if (!isSystem(message))
            others.append(message);
    }
    return others;
}

Expected<QString> PromptTemplate::render(const QList<Message> &messages, const Target &target) const
{
    const bool transcript = m_style == Style::Transcript;
    QString prompt;
    bool openAssistant = false;
    int userTurns = 0;
    int otherTurns = 0;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const Message &message = messages.at(i);
        for (const ContentPart &part : message.content) {
            if (part.type != ContentPart::Type::Text && part.type != ContentPart::Type::Refusal)
                return wire::unsupportedInput(target, tr("images, audio or files in a text prompt"));
        }
        if (message.role == Message::Role::Tool || !message.toolCalls.isEmpty())
            return wire::unsupportedInput(target, tr("tool calls or results in a text prompt"));
        if (transcript && isSystem(message) && message.text().trimmed().isEmpty())
            continue;
        if (message.role == Message::Role::User)
            ++userTurns;
        else
            ++otherTurns;
        const QString role = wire::nativeRoleName(message.role);
        openAssistant = !transcript && i == messages.size() - 1 && message.role == Message::Role::Assistant;
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
        case Style::Transcript:
            prompt += role.at(0).toUpper() + role.mid(1) + QLatin1String(": ") + message.text();
            if (!openAssistant)
                prompt += QLatin1String("\n\n");
            break;
        }
    }
    if (transcript) {
        if (userTurns == 0)
            return wire::badRequest(target, tr("the conversation has no user message"));
        if (userTurns == 1 && otherTurns == 0) {
            for (const Message &message : messages) {
                if (message.role == Message::Role::User)
                    return message.text();
            }
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
    case Style::Transcript:
        return prompt + QLatin1String("Assistant:");
    }
    return prompt;
}

QStringList PromptTemplate::stopSequences(const QStringList &requested, qsizetype limit) const
{
    QStringList stop = requested;
    const QString nextTurn = QStringLiteral("\nUser:");
    if (m_style == Style::Plain && stop.size() < limit && !stop.contains(nextTurn))
        stop.append(nextTurn);
    return stop;
}

} // namespace muxi
