#include "textprompt.h"

#include <QCoreApplication>

namespace muxi {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::TextPrompt", text);
}

bool isSystem(const Message &message)
{
    return message.role == Message::Role::System || message.role == Message::Role::Developer;
}
}

QString TextPrompt::system(const QList<Message> &messages)
{
    QStringList parts;
    for (const Message &message : messages) {
        if (isSystem(message) && !message.text().trimmed().isEmpty())
            parts.append(message.text());
    }
    return parts.join(QLatin1String("\n\n"));
}

Expected<QString> TextPrompt::conversation(const QList<Message> &messages, bool includeSystem)
{
    QStringList turns;
    int userTurns = 0;
    int otherTurns = 0;
    for (const Message &message : messages) {
        for (const ContentPart &part : message.content) {
            if (part.type != ContentPart::Type::Text && part.type != ContentPart::Type::Refusal)
                return Error(Error::Kind::Unsupported, tr("this model takes a text prompt: images, audio and files cannot be sent"));
        }
        if (message.role == Message::Role::Tool || !message.toolCalls.isEmpty())
            return Error(Error::Kind::Unsupported, tr("this model takes a text prompt: tool calls and results cannot be sent"));
        switch (message.role) {
        case Message::Role::System:
        case Message::Role::Developer:
            if (includeSystem && !message.text().trimmed().isEmpty()) {
                turns.append(QLatin1String("System: ") + message.text());
                ++otherTurns;
            }
            break;
        case Message::Role::User:
            turns.append(QLatin1String("User: ") + message.text());
            ++userTurns;
            break;
        case Message::Role::Assistant:
            turns.append(QLatin1String("Assistant: ") + message.text());
            ++otherTurns;
            break;
        case Message::Role::Tool:
            break;
        }
    }
    if (userTurns == 0)
        return Error(Error::Kind::BadRequest, tr("the conversation has no user message"));
    if (userTurns == 1 && otherTurns == 0) {
        for (const Message &message : messages) {
            if (message.role == Message::Role::User)
                return message.text();
        }
    }
    turns.append(QStringLiteral("Assistant:"));
    return turns.join(QLatin1String("\n\n"));
}

} // namespace muxi
