#include "chatrequestbuilder.h"

#include "appsettings.h"
#include "attachmentstore.h"

namespace muxi {

ChatRequest ChatRequestBuilder::build(const QString &model, const QList<ChatMessage> &thread, const AppSettings *settings,
                                      const AttachmentStore *attachments)
{
    ConversationSettings defaults = settings->conversationDefaults();
    defaults.model = model;
    return build(defaults, thread, attachments);
}

ChatRequest ChatRequestBuilder::build(const ConversationSettings &settings, const QList<ChatMessage> &thread,
                                      const AttachmentStore *attachments)
{
    ChatRequest request;
    request.model = settings.model;
    request.stream = true;
    if (!settings.systemPrompt.trimmed().isEmpty())
        request.messages.append(Message::system(settings.systemPrompt));
    for (const ChatMessage &m : thread) {
        // Failed turns and empty cut answers are not part of what the model is told.
        if (m.status == ChatMessage::Status::Failed || (m.text.isEmpty() && m.attachments.isEmpty() && m.toolCalls.isEmpty() && m.tool.isEmpty()))
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
            Message answer = Message::assistant(m.text);
            for (const QJsonValue &call : m.toolCalls)
                answer.toolCalls.append(ToolCall::fromJson(call.toObject()));
            if (!answer.toolCalls.isEmpty() && m.text.isEmpty()) {
                answer.content.clear();
                answer.form = Message::ContentForm::Null;
            }
            request.messages.append(answer);
        } else if (m.role == QLatin1String("tool")) {
            // Every call the model made gets an answer, even one that never ran.
            Message result = Message::toolResult(m.tool.value(QLatin1String("callId")).toString(), m.text);
            result.name = m.tool.value(QLatin1String("function")).toString();
            request.messages.append(result);
        }
    }
    request.temperature = settings.temperature;
    request.topP = settings.topP;
    request.maxTokens = settings.maxTokens;
    if (settings.jsonMode) {
        ResponseFormat json;
        json.type = ResponseFormat::Type::JsonObject;
        request.responseFormat = json;
    }
    return request;
}

} // namespace muxi
