#pragma once

#include "chatmessage.h"
#include "conversationsettings.h"

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
    // With the Defaults page's settings.
    static ChatRequest build(const QString &model, const QList<ChatMessage> &thread, const AppSettings *settings,
                             const AttachmentStore *attachments);
    // With a conversation's own settings: system prompt, model, temperature, top-p, token limit, JSON mode.
    static ChatRequest build(const ConversationSettings &settings, const QList<ChatMessage> &thread, const AttachmentStore *attachments);
};

} // namespace muxi
