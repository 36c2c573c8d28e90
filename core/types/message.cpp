#include <muxi/message.h>

#include <muxi/jsonfields.h>

#include <QJsonArray>

#include <algorithm>

namespace muxi {

namespace {
bool hasPart(const QList<ContentPart> &parts, ContentPart::Type type)
{
    return std::any_of(parts.begin(), parts.end(), [type](const ContentPart &p) {
        return p.type == type;
    });
}
}

Message Message::system(const QString &text)
{
    Message m;
    m.role = Role::System;
    m.content = {ContentPart::fromText(text)};
    return m;
}

Message Message::user(const QString &text)
{
    Message m;
    m.content = {ContentPart::fromText(text)};
    return m;
}

Message Message::user(const QList<ContentPart> &parts)
{
    Message m;
    m.content = parts;
    m.form = ContentForm::Parts;
    return m;
}

Message Message::assistant(const QString &text)
{
    Message m;
    m.role = Role::Assistant;
    m.content = {ContentPart::fromText(text)};
    return m;
}

Message Message::toolResult(const QString &toolCallId, const QString &text)
{
    Message m;
    m.role = Role::Tool;
    m.toolCallId = toolCallId;
    m.content = {ContentPart::fromText(text)};
    return m;
}

QString Message::text() const
{
    QString joined;
    for (const ContentPart &part : content) {
        if (part.type == ContentPart::Type::Text)
            joined += part.text;
    }
    return joined;
}

bool Message::hasImages() const
{
    return hasPart(content, ContentPart::Type::Image);
}

bool Message::hasAudio() const
{
    return hasPart(content, ContentPart::Type::Audio);
}

QString Message::roleName(Role role)
{
    switch (role) {
    case Role::System:
        return QStringLiteral("system");
    case Role::Developer:
        return QStringLiteral("developer");
    case Role::User:
        return QStringLiteral("user");
    case Role::Assistant:
        return QStringLiteral("assistant");
    case Role::Tool:
        return QStringLiteral("tool");
    }
    return {};
}

std::optional<Message::Role> Message::roleFromName(const QString &name)
{
    for (Role role : {Role::System, Role::Developer, Role::User, Role::Assistant, Role::Tool}) {
        if (roleName(role) == name)
            return role;
    }
    return std::nullopt;
}

Message Message::fromJson(const QJsonObject &object)
{
    Message m;
    m.role = roleFromName(object.value(QLatin1String("role")).toString()).value_or(Role::User);
    const QJsonValue content = object.value(QLatin1String("content"));
    if (content.isString()) {
        m.form = ContentForm::String;
        m.content = {ContentPart::fromText(content.toString())};
    } else if (content.isArray()) {
        m.form = ContentForm::Parts;
        const QJsonArray parts = content.toArray();
        for (const QJsonValue &part : parts)
            m.content.append(ContentPart::fromJson(part.toObject()));
    } else {
        m.form = ContentForm::Null;
    }
    m.name = object.value(QLatin1String("name")).toString();
    m.toolCallId = object.value(QLatin1String("tool_call_id")).toString();
    m.refusal = object.value(QLatin1String("refusal")).toString();
    m.reasoningContent = object.value(QLatin1String("reasoning_content")).toString();
    const QJsonArray calls = object.value(QLatin1String("tool_calls")).toArray();
    for (const QJsonValue &call : calls)
        m.toolCalls.append(ToolCall::fromJson(call.toObject()));
    m.raw = json::unknownFields(object,
                                {QLatin1String("role"), QLatin1String("content"), QLatin1String("name"),
                                 QLatin1String("tool_call_id"), QLatin1String("refusal"),
                                 QLatin1String("reasoning_content"), QLatin1String("tool_calls")});
    return m;
}

QJsonObject Message::toJson() const
{
    QJsonObject object{{QLatin1String("role"), roleName(role)}};
    switch (form) {
    case ContentForm::String:
        object.insert(QLatin1String("content"), text());
        break;
    case ContentForm::Parts: {
        QJsonArray parts;
        for (const ContentPart &part : content)
            parts.append(part.toJson());
        object.insert(QLatin1String("content"), parts);
        break;
    }
    case ContentForm::Null:
        object.insert(QLatin1String("content"), QJsonValue::Null);
        break;
    }
    if (!name.isEmpty())
        object.insert(QLatin1String("name"), name);
    if (!toolCallId.isEmpty())
        object.insert(QLatin1String("tool_call_id"), toolCallId);
    if (!refusal.isEmpty())
        object.insert(QLatin1String("refusal"), refusal);
    if (!reasoningContent.isEmpty())
        object.insert(QLatin1String("reasoning_content"), reasoningContent);
    if (!toolCalls.isEmpty()) {
        QJsonArray calls;
        for (const ToolCall &call : toolCalls)
            calls.append(call.toJson());
        object.insert(QLatin1String("tool_calls"), calls);
    }
    json::mergeUnknown(object, raw);
    return object;
}

} // namespace muxi
