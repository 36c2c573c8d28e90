#include "chatrequestbuilder.h"

#include "appsettings.h"
#include "attachmentstore.h"

namespace muxi {

ChatRequest ChatRequestBuilder::build(const QString &model, const QList<ChatMessage> &thread, const AppSettings *settings,
                                      const AttachmentStore *attachments)
{
    ChatRequest request;
    request.model = model;
    request.stream = true;
    if (!settings->systemPrompt().trimmed().isEmpty())
        request.messages.append(Message::system(settings->systemPrompt()));
    for (const ChatMessage &m : thread) {
        // Failed turns and empty cut answers are not part of what the model is told.
        if (m.status == ChatMessage::Status::Failed || (m.text.isEmpty() && m.attachments.isEmpty()))
            continue;
        if (m.role == QLatin1String("user")) {
            if (m.attachments.isEmpty() || !attachments) {
                request.messages.append(Message::user(m.text));
                continue;
            }
            QList<ContentPart> parts;
            if (!m.text.isEmpty())
                parts.append(ContentPart::fromText(m.text));
            for (const QString &reference : m.attachments) {
                // A file removed from the data directory since is left out rather than failing the turn.
                if (const Expected<ContentPart> part = attachments->part(reference))
                    parts.append(*part);
            }
            request.messages.append(Message::user(parts));
        } else if (m.role == QLatin1String("assistant")) {
            request.messages.append(Message::assistant(m.text));
        }
    }
    if (settings->temperature() >= 0)
        request.temperature = settings->temperature();
    if (settings->maxTokens() > 0)
        request.maxTokens = settings->maxTokens();
    return request;
}

} // namespace muxi
