#include "anthropicmessages.h"

#include "errorshape.h"

#include <muxi/jsonfields.h>

#include <QJsonArray>
#include <QJsonDocument>

namespace muxi::gateway {

namespace {
QString blockText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QStringList texts;
    for (const QJsonValue &block : content.toArray()) {
        if (block.toObject().value(QLatin1String("type")).toString() == QLatin1String("text"))
            texts.append(block.toObject().value(QLatin1String("text")).toString());
    }
    return texts.join(QLatin1Char('\n'));
}

std::optional<ContentPart> imagePart(const QJsonObject &block)
{
    const QJsonObject source = block.value(QLatin1String("source")).toObject();
    const QString type = source.value(QLatin1String("type")).toString();
    if (type == QLatin1String("base64")) {
        return ContentPart::fromImageData(QByteArray::fromBase64(source.value(QLatin1String("data")).toString().toLatin1()),
                                          source.value(QLatin1String("media_type")).toString());
    }
    if (type == QLatin1String("url"))
        return ContentPart::fromImageUrl(QUrl(source.value(QLatin1String("url")).toString()));
    return std::nullopt;
}
}

Expected<ChatRequest> AnthropicMessages::toChatRequest(const QJsonObject &body)
{
    auto invalid = [](const QString &message, const QString &param) {
        return ErrorShape::request(Error::Kind::BadRequest, message, {}, param);
    };
    ChatRequest request;
    request.model = body.value(QLatin1String("model")).toString();
    if (request.model.isEmpty())
        return invalid(tr("model: field required"), QStringLiteral("model"));
    if (!body.value(QLatin1String("max_tokens")).isDouble())
        return invalid(tr("max_tokens: field required"), QStringLiteral("max_tokens"));
    request.maxTokens = body.value(QLatin1String("max_tokens")).toInt();
    request.temperature = json::optionalDouble(body, QLatin1String("temperature"));
    request.topP = json::optionalDouble(body, QLatin1String("top_p"));
    request.stop = json::stringList(body.value(QLatin1String("stop_sequences")));
    request.stream = body.value(QLatin1String("stream")).toBool();
    request.user = body.value(QLatin1String("metadata")).toObject().value(QLatin1String("user_id")).toString();
    request.fallbackModels = json::stringList(body.value(QLatin1String("fallback_models")));

    const QJsonValue system = body.value(QLatin1String("system"));
    if (!system.isUndefined() && !system.isNull())
        request.messages.append(Message::system(blockText(system)));

    const QJsonValue messages = body.value(QLatin1String("messages"));
    if (!messages.isArray())
        return invalid(tr("messages: field required"), QStringLiteral("messages"));
    for (const QJsonValue &value : messages.toArray()) {
        const QJsonObject object = value.toObject();
        const QString role = object.value(QLatin1String("role")).toString();
        if (role != QLatin1String("user") && role != QLatin1String("assistant"))
            return invalid(tr("messages: role must be \"user\" or \"assistant\", not \"%1\"").arg(role), QStringLiteral("messages"));
        const QJsonValue content = object.value(QLatin1String("content"));
        if (content.isString()) {
            request.messages.append(role == QLatin1String("user") ? Message::user(content.toString()) : Message::assistant(content.toString()));
            continue;
        }
        Message message;
        message.role = role == QLatin1String("user") ? Message::Role::User : Message::Role::Assistant;
        message.form = Message::ContentForm::Parts;
        QList<Message> toolResults;
        int toolIndex = 0;
        for (const QJsonValue &blockValue : content.toArray()) {
            const QJsonObject block = blockValue.toObject();
            const QString type = block.value(QLatin1String("type")).toString();
            if (type == QLatin1String("text")) {
                message.content.append(ContentPart::fromText(block.value(QLatin1String("text")).toString()));
            } else if (type == QLatin1String("image")) {
                const std::optional<ContentPart> image = imagePart(block);
                if (!image)
                    return invalid(tr("messages: an image block needs a base64 or url source"), QStringLiteral("messages"));
                message.content.append(*image);
            } else if (type == QLatin1String("tool_use")) {
                ToolCall call;
                call.id = block.value(QLatin1String("id")).toString();
                call.name = block.value(QLatin1String("name")).toString();
                call.arguments = QString::fromUtf8(QJsonDocument(block.value(QLatin1String("input")).toObject()).toJson(QJsonDocument::Compact));
                call.index = toolIndex++;
                message.toolCalls.append(call);
            } else if (type == QLatin1String("tool_result")) {
                QString text = blockText(block.value(QLatin1String("content")));
                if (block.value(QLatin1String("is_error")).toBool())
                    text = tr("Error: %1").arg(text);
                toolResults.append(Message::toolResult(block.value(QLatin1String("tool_use_id")).toString(), text));
            } else if (type == QLatin1String("thinking") || type == QLatin1String("redacted_thinking")) {
                // Another model's reasoning is not part of the conversation any provider accepts back.
            } else {
                return invalid(tr("messages: content block type \"%1\" is not supported").arg(type), QStringLiteral("messages"));
            }
        }
        // Tool results answer the previous assistant turn, so they come before any new user text.
        request.messages.append(toolResults);
        if (!message.content.isEmpty() || !message.toolCalls.isEmpty()) {
            if (message.content.isEmpty())
                message.form = Message::ContentForm::Null;
            request.messages.append(message);
        }
    }

    for (const QJsonValue &value : body.value(QLatin1String("tools")).toArray()) {
        const QJsonObject object = value.toObject();
        Tool tool;
        tool.name = object.value(QLatin1String("name")).toString();
        tool.description = object.value(QLatin1String("description")).toString();
        tool.parameters = object.value(QLatin1String("input_schema")).toObject();
        request.tools.append(tool);
    }
    const QJsonObject toolChoice = body.value(QLatin1String("tool_choice")).toObject();
    const QString choice = toolChoice.value(QLatin1String("type")).toString();
    if (choice == QLatin1String("auto") || choice == QLatin1String("none"))
        request.toolChoice = choice;
    else if (choice == QLatin1String("any"))
        request.toolChoice = QStringLiteral("required");
    else if (choice == QLatin1String("tool"))
        request.toolChoice = QJsonObject{{QLatin1String("type"), QLatin1String("function")},
                                         {QLatin1String("function"), QJsonObject{{QLatin1String("name"), toolChoice.value(QLatin1String("name"))}}}};
    if (toolChoice.contains(QLatin1String("disable_parallel_tool_use")))
        request.parallelToolCalls = !toolChoice.value(QLatin1String("disable_parallel_tool_use")).toBool();
    return request;
}

QString AnthropicMessages::stopReason(const QString &finishReason)
{
    if (finishReason == QLatin1String("length"))
        return QStringLiteral("max_tokens");
    if (finishReason == QLatin1String("tool_calls") || finishReason == QLatin1String("function_call"))
        return QStringLiteral("tool_use");
    if (finishReason == QLatin1String("content_filter"))
        return QStringLiteral("refusal");
    return QStringLiteral("end_turn");
}

QJsonObject AnthropicMessages::fromCompletion(const ChatCompletion &completion, const QString &model)
{
    QJsonArray content;
    QString finishReason;
    if (!completion.choices.isEmpty()) {
        const ChatChoice &choice = completion.choices.first();
        finishReason = choice.finishReason;
        if (!choice.message.reasoningContent.isEmpty())
            content.append(QJsonObject{{QLatin1String("type"), QLatin1String("thinking")},
                                       {QLatin1String("thinking"), choice.message.reasoningContent},
                                       {QLatin1String("signature"), QString()}});
        const QString text = choice.message.text();
        if (!text.isEmpty())
            content.append(QJsonObject{{QLatin1String("type"), QLatin1String("text")}, {QLatin1String("text"), text}});
        for (const ToolCall &call : choice.message.toolCalls) {
            const QJsonDocument input = QJsonDocument::fromJson(call.arguments.toUtf8());
            content.append(QJsonObject{{QLatin1String("type"), QLatin1String("tool_use")},
                                       {QLatin1String("id"), call.id},
                                       {QLatin1String("name"), call.name},
                                       {QLatin1String("input"), input.isObject() ? input.object() : QJsonObject()}});
        }
    }
    const Usage usage = completion.usage.value_or(Usage());
    return QJsonObject{{QLatin1String("id"), completion.id},
                       {QLatin1String("type"), QLatin1String("message")},
                       {QLatin1String("role"), QLatin1String("assistant")},
                       {QLatin1String("model"), model},
                       {QLatin1String("content"), content},
                       {QLatin1String("stop_reason"), stopReason(finishReason)},
                       {QLatin1String("stop_sequence"), QJsonValue()},
                       {QLatin1String("usage"),
                        QJsonObject{{QLatin1String("input_tokens"), usage.promptTokens}, {QLatin1String("output_tokens"), usage.completionTokens}}}};
}

} // namespace muxi::gateway
