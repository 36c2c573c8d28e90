#pragma once

#include "chatmessage.h"

#include <muxi/chatrequest.h>

#include <QList>

namespace muxi {

class AppSettings;
class AttachmentStore;

// The request for the next answer of a thread: the settings' system prompt,
// temperature and token limit, then the thread's turns with their attachments.
class ChatRequestBuilder
{
public:
    static ChatRequest build(const QString &model, const QList<ChatMessage> &thread, const AppSettings *settings,
                             const AttachmentStore *attachments);
};

} // namespace muxi
