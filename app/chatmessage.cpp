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

} // namespace muxi
