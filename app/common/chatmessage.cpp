#include "chatmessage.h"

#include <QUuid>

namespace muxi {

QString ChatMessage::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString ChatMessage::statusName(Status status)
{
    switch (status) {
    case Status::Done:
        return QStringLiteral("done");
    case Status::Pending:
        return QStringLiteral("pending");
    case Status::Streaming:
        return QStringLiteral("streaming");
    case Status::Stopped:
        return QStringLiteral("stopped");
    case Status::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("done");
}

ChatMessage::Status ChatMessage::statusFromName(const QString &name)
{
    for (Status status : {Status::Done, Status::Pending, Status::Streaming, Status::Stopped, Status::Failed}) {
        if (statusName(status) == name)
            return status;
    }
    return Status::Done;
}

bool ChatMessage::isToolFinished() const
{
    static const QStringList finished{QStringLiteral("done"), QStringLiteral("error"), QStringLiteral("denied"), QStringLiteral("stopped")};
    return finished.contains(tool.value(QLatin1String("state")).toString());
}

QJsonObject ChatMessage::toJson() const
{
    return {
        {QLatin1String("id"), id},
        {QLatin1String("conversation_id"), conversationId},
        {QLatin1String("role"), Message::roleName(role)},
        {QLatin1String("text"), text},
        {QLatin1String("attachments"), QJsonArray::fromStringList(attachments)},
        {QLatin1String("model"), model},
        {QLatin1String("status"), statusName(status)},
        {QLatin1String("error"), error},
        {QLatin1String("created"), created.toMSecsSinceEpoch()},
        {QLatin1String("first_token_ms"), firstTokenMs},
        {QLatin1String("duration_ms"), durationMs},
        {QLatin1String("prompt_tokens"), promptTokens},
        {QLatin1String("completion_tokens"), completionTokens},
        {QLatin1String("position"), position},
        {QLatin1String("parent_id"), parentId},
        {QLatin1String("active"), active},
        {QLatin1String("attempts"), attempts},
        {QLatin1String("tool_calls"), toolCalls},
        {QLatin1String("tool"), tool},
    };
}

ChatMessage ChatMessage::fromJson(const QJsonObject &o)
{
    ChatMessage m;
    m.id = o.value(QLatin1String("id")).toString();
    m.conversationId = o.value(QLatin1String("conversation_id")).toString();
    m.role = Message::roleFromName(o.value(QLatin1String("role")).toString()).value_or(Message::Role::User);
    m.text = o.value(QLatin1String("text")).toString();
    const QJsonArray attachments = o.value(QLatin1String("attachments")).toArray();
    for (const QJsonValue &a : attachments)
        m.attachments.append(a.toString());
    m.model = o.value(QLatin1String("model")).toString();
    m.status = statusFromName(o.value(QLatin1String("status")).toString());
    m.error = o.value(QLatin1String("error")).toString();
    m.created = QDateTime::fromMSecsSinceEpoch(o.value(QLatin1String("created")).toInteger());
    m.firstTokenMs = o.value(QLatin1String("first_token_ms")).toInteger(-1);
    m.durationMs = o.value(QLatin1String("duration_ms")).toInteger(-1);
    m.promptTokens = o.value(QLatin1String("prompt_tokens")).toInt();
    m.completionTokens = o.value(QLatin1String("completion_tokens")).toInt();
    m.position = o.value(QLatin1String("position")).toInt();
    m.parentId = o.value(QLatin1String("parent_id")).toString();
    m.active = o.value(QLatin1String("active")).toBool(true);
    m.attempts = o.value(QLatin1String("attempts")).toArray();
    m.toolCalls = o.value(QLatin1String("tool_calls")).toArray();
    m.tool = o.value(QLatin1String("tool")).toObject();
    return m;
}

} // namespace muxi
