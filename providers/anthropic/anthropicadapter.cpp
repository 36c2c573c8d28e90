#include <muxi/providers/anthropicadapter.h>

#include <muxi/providers/anthropicstreamdecoder.h>

#include <muxi/jsonfields.h>
#include <muxi/providers/wirehelpers.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace muxi {

using wire::key;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::AnthropicAdapter", text);
}

// One Anthropic turn. Consecutive OpenAI messages of the same side are merged
// into one turn, and in a user turn the tool_result blocks must come first
// (https://docs.anthropic.com/en/docs/build-with-claude/tool-use).
struct Turn {
    QString role;
    QJsonArray toolResults;
    QJsonArray blocks;

    QJsonArray content() const
    {
        QJsonArray all = toolResults;
        for (const QJsonValue &block : blocks)
            all.append(block);
        return all;
    }
};

QJsonObject textBlock(const QString &text)
{
    return {{key("type"), key("text")}, {key("text"), text}};
}

QJsonObject base64Source(const ContentPart &part)
{
    return {{key("type"), key("base64")}, {key("media_type"), part.mimeType}, {key("data"), QString::fromLatin1(part.data.toBase64())}};
}

// User-side content parts as Anthropic blocks. Empty text blocks are dropped:
// the API answers them with a 400.
Expected<QJsonArray> contentBlocks(const QList<ContentPart> &parts, const Target &target)
{
    QJsonArray blocks;
    for (const ContentPart &part : parts) {
        switch (part.type) {
        case ContentPart::Type::Text:
        case ContentPart::Type::Refusal:
            if (!part.text.isEmpty())
                blocks.append(textBlock(part.text));
            break;
        case ContentPart::Type::Image:
            if (part.hasInlineData()) {
                blocks.append(QJsonObject{{key("type"), key("image")}, {key("source"), base64Source(part)}});
            } else {
                blocks.append(QJsonObject{{key("type"), key("image")},
                                          {key("source"), QJsonObject{{key("type"), key("url")},
                                                                      {key("url"), part.url.toString(QUrl::FullyEncoded)}}}});
            }
            break;
        case ContentPart::Type::File:
            if (part.hasInlineData() && part.mimeType == QLatin1String("application/pdf")) {
                blocks.append(QJsonObject{{key("type"), key("document")}, {key("source"), base64Source(part)}});
            } else if (part.hasInlineData() && part.mimeType == QLatin1String("text/plain")) {
                blocks.append(QJsonObject{{key("type"), key("document")},
                                          {key("source"), QJsonObject{{key("type"), key("text")},
                                                                      {key("media_type"), part.mimeType},
                                                                      {key("data"), QString::fromUtf8(part.data)}}}});
            } else {
                return wire::unsupportedInput(target, tr("files other than inline PDF or plain text"));
            }
            break;
        case ContentPart::Type::Audio:
            return wire::unsupportedInput(target, tr("audio input; send a transcript instead"));
        case ContentPart::Type::Other:
            return wire::unsupportedInput(target, tr("content parts of type \"%1\"").arg(part.raw.value(key("type")).toString()));
        }
    }
    return blocks;
}

Expected<QJsonObject> toolResultBlock(const Message &message, const Target &target)
{
    if (message.toolCallId.isEmpty())
        return Error(Error::Kind::BadRequest, tr("a tool message has no tool_call_id"));
    QJsonObject block{{key("type"), key("tool_result")}, {key("tool_use_id"), message.toolCallId}};
    const bool textOnly = std::all_of(message.content.begin(), message.content.end(), [](const ContentPart &part) {
        return part.type == ContentPart::Type::Text;
    });
    if (textOnly) {
        if (!message.text().isEmpty())
            block.insert(key("content"), message.text());
        return block;
    }
    const Expected<QJsonArray> blocks = contentBlocks(message.content, target);
    if (!blocks)
        return blocks.error();
    block.insert(key("content"), *blocks);
    return block;
}

Expected<QJsonArray> assistantBlocks(const Message &message, const Target &target)
{
    // Thinking blocks go back first and unchanged: Anthropic checks their signatures.
    QJsonArray blocks = message.raw.value(key("thinking_blocks")).toArray();
    if (!message.text().isEmpty())
        blocks.append(textBlock(message.text()));
    for (const ToolCall &call : message.toolCalls) {
        const Expected<QJsonObject> input = wire::argumentsObject(call, target);
        if (!input)
            return input.error();
        blocks.append(QJsonObject{{key("type"), key("tool_use")}, {key("id"), call.id}, {key("name"), call.name}, {key("input"), *input}});
    }
    return blocks;
}

// A final assistant turn is a prefill, which the API refuses when it ends in whitespace.
void trimPrefill(QList<Turn> &turns)
{
    if (turns.isEmpty() || turns.last().role != QLatin1String("assistant") || turns.last().blocks.isEmpty())
        return;
    QJsonArray &blocks = turns.last().blocks;
    QJsonObject last = blocks.last().toObject();
    if (last.value(key("type")).toString() != QLatin1String("text"))
        return;
    QString text = last.value(key("text")).toString();
    while (!text.isEmpty() && text.back().isSpace())
        text.chop(1);
    if (text.isEmpty()) {
        blocks.removeLast();
        return;
    }
    last.insert(key("text"), text);
    blocks.replace(blocks.size() - 1, last);
}

struct Conversation {
    QJsonArray system;
    QJsonArray messages;
};

Expected<Conversation> translateMessages(const QList<Message> &messages, const Target &target)
{
    Conversation conversation;
    QList<Turn> turns;
    auto turnFor = [&turns](const QString &role) -> Turn & {
        if (turns.isEmpty() || turns.last().role != role)
            turns.append(Turn{role, {}, {}});
        return turns.last();
    };
    const QString user = QStringLiteral("user");
    for (const Message &message : messages) {
        switch (message.role) {
        case Message::Role::System:
        case Message::Role::Developer:
            if (!message.text().isEmpty())
                conversation.system.append(textBlock(message.text()));
            break;
        case Message::Role::User: {
            const Expected<QJsonArray> blocks = contentBlocks(message.content, target);
            if (!blocks)
                return blocks.error();
            Turn &turn = turnFor(user);
            for (const QJsonValue &block : *blocks)
                turn.blocks.append(block);
            break;
        }
        case Message::Role::Tool: {
            const Expected<QJsonObject> block = toolResultBlock(message, target);
            if (!block)
                return block.error();
            turnFor(user).toolResults.append(*block);
            break;
        }
        case Message::Role::Assistant: {
            const Expected<QJsonArray> blocks = assistantBlocks(message, target);
            if (!blocks)
                return blocks.error();
            Turn &turn = turnFor(QStringLiteral("assistant"));
            for (const QJsonValue &block : *blocks)
                turn.blocks.append(block);
            break;
        }
        }
    }
    trimPrefill(turns);
    for (const Turn &turn : std::as_const(turns)) {
        const QJsonArray content = turn.content();
        if (!content.isEmpty())
            conversation.messages.append(QJsonObject{{key("role"), turn.role}, {key("content"), content}});
    }
    return conversation;
}

// tool_choice for OpenAI's auto / required / none / {"type":"function",…};
// parallel_tool_calls:false becomes disable_parallel_tool_use.
Expected<QJsonObject> toolChoice(const ChatRequest &request)
{
    const Expected<wire::ToolChoice> requested = wire::readToolChoice(request.toolChoice);
    if (!requested)
        return requested.error();
    using Mode = wire::ToolChoice::Mode;
    QJsonObject choice;
    switch (requested->mode) {
    case Mode::Unset:
        break;
    case Mode::Auto:
        choice.insert(key("type"), key("auto"));
        break;
    case Mode::None:
        choice.insert(key("type"), key("none"));
        break;
    case Mode::Required:
        choice.insert(key("type"), key("any"));
        break;
    case Mode::Function:
        choice = {{key("type"), key("tool")}, {key("name"), requested->function}};
        break;
    }
    if (request.parallelToolCalls == false && choice.value(key("type")).toString() != QLatin1String("none")) {
        if (choice.isEmpty())
            choice.insert(key("type"), key("auto"));
        choice.insert(key("disable_parallel_tool_use"), true);
    }
    return choice;
}

// JSON mode: a tool whose input is the answer, and a tool_choice that leaves
// the model no way to answer in free text. With tools of the caller's own the
// model may still call one of them ("any"), unless the caller named one.
void addJsonTool(const ChatRequest &request, QJsonArray &tools, QJsonObject &choice)
{
    QJsonObject schema = request.responseFormat->schema;
    if (request.responseFormat->type != ResponseFormat::Type::JsonSchema || schema.isEmpty())
        schema = {{key("type"), key("object")}};
    tools.append(QJsonObject{{key("name"), QLatin1String(AnthropicAdapter::JsonToolName)},
                             {key("description"), QStringLiteral("Give your answer as this tool's input: the JSON object the conversation asks for.")},
                             {key("input_schema"), schema}});
    const QString type = choice.value(key("type")).toString();
    if (type == QLatin1String("any") || type == QLatin1String("tool"))
        return;
    const bool callerTools = tools.size() > 1 && type != QLatin1String("none");
    const QJsonValue parallel = choice.value(key("disable_parallel_tool_use"));
    choice = callerTools ? QJsonObject{{key("type"), key("any")}}
                         : QJsonObject{{key("type"), key("tool")}, {key("name"), QLatin1String(AnthropicAdapter::JsonToolName)}};
    if (parallel.isBool())
        choice.insert(key("disable_parallel_tool_use"), parallel);
}

QJsonArray toolDeclarations(const QList<Tool> &tools)
{
    QJsonArray declarations;
    for (const Tool &tool : tools) {
        // input_schema is required and must describe an object.
        const QJsonObject schema = tool.parameters.isEmpty()
            ? QJsonObject{{key("type"), key("object")}, {key("properties"), QJsonObject()}}
            : tool.parameters;
        QJsonObject declaration{{key("name"), tool.name}, {key("input_schema"), schema}};
        if (!tool.description.isEmpty())
            declaration.insert(key("description"), tool.description);
        declarations.append(declaration);
    }
    return declarations;
}

qint64 isoSeconds(const QString &text)
{
    const QDateTime when = QDateTime::fromString(text, Qt::ISODate);
    return when.isValid() ? when.toSecsSinceEpoch() : 0;
}
}

HttpRequest AnthropicAdapter::baseRequest(const Target &target, const QString &path) const
{
    HttpRequest request;
    request.url = wire::versionedEndpoint(target, QStringLiteral("/v1"), path);
    if (!target.apiKey.isEmpty())
        request.setHeader("x-api-key", target.apiKey.toUtf8());
    const QString version = target.settings.value(key("anthropic_version")).toString(QLatin1String(ApiVersion));
    request.setHeader("anthropic-version", version.toUtf8());
    const QStringList betas = json::stringList(target.settings.value(key("beta")));
    if (!betas.isEmpty())
        request.setHeader("anthropic-beta", betas.join(QLatin1Char(',')).toUtf8());
    const QJsonObject headers = target.settings.value(key("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        request.setHeader(it.key().toLatin1(), it.value().toString().toUtf8());
    return request;
}

Expected<HttpRequest> AnthropicAdapter::chatRequest(const ChatRequest &request, const Target &target) const
{
    if (request.n.value_or(1) > 1)
        return wire::unsupportedInput(target, tr("n > 1 (several choices per request)"));
    const Expected<Conversation> conversation = translateMessages(request.messages, target);
    if (!conversation)
        return conversation.error();
    const int defaultLimit = target.settings.value(key("default_max_tokens")).toInt(DefaultMaxTokens);
    QJsonObject body{
        {key("model"), target.model},
        {key("messages"), conversation->messages},
        {key("max_tokens"), request.outputTokenLimit().value_or(defaultLimit)},
    };
    if (!conversation->system.isEmpty())
        body.insert(key("system"), conversation->system);
    if (!request.stop.isEmpty())
        body.insert(key("stop_sequences"), QJsonArray::fromStringList(request.stop));
    if (request.temperature)
        body.insert(key("temperature"), std::clamp(*request.temperature, 0.0, 1.0));
    if (request.topP)
        body.insert(key("top_p"), *request.topP);

    QJsonArray tools = toolDeclarations(request.tools);
    Expected<QJsonObject> choice = toolChoice(request);
    if (!choice)
        return choice.error();
    QJsonObject toolChoiceObject = *choice;
    if (request.wantsJson())
        addJsonTool(request, tools, toolChoiceObject);
    if (!tools.isEmpty()) {
        body.insert(key("tools"), tools);
        if (!toolChoiceObject.isEmpty())
            body.insert(key("tool_choice"), toolChoiceObject);
    }
    if (!request.user.isEmpty())
        body.insert(key("metadata"), QJsonObject{{key("user_id"), request.user}});
    // Native parameters with no OpenAI name, passed through when the caller set them.
    for (const char *native : {"top_k", "thinking", "service_tier"}) {
        if (request.extra.contains(key(native)))
            body.insert(key(native), request.extra.value(key(native)));
    }
    if (request.stream)
        body.insert(key("stream"), true);

    HttpRequest http = baseRequest(target, QStringLiteral("/messages"));
    http.setHeader("Content-Type", "application/json");
    http.setHeader("Accept", request.stream ? "text/event-stream" : "application/json");
    http.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    http.streaming = request.stream;
    return http;
}

Step<ChatCompletion> AnthropicAdapter::chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &) const
{
    const Expected<QJsonObject> object = wire::responseObject(response);
    if (!object)
        return object.error();
    if (object->value(key("type")).toString() == QLatin1String("error"))
        return parseError(response.body, response.status);

    ChatCompletion completion;
    completion.id = object->value(key("id")).toString();
    completion.model = object->value(key("model")).toString();
    completion.created = QDateTime::currentSecsSinceEpoch();

    ChatChoice choice;
    Message &message = choice.message;
    message.role = Message::Role::Assistant;
    QString text;
    std::optional<QString> jsonAnswer;
    QJsonArray thinkingBlocks;
    const QJsonArray blocks = object->value(key("content")).toArray();
    for (const QJsonValue &value : blocks) {
        const QJsonObject block = value.toObject();
        const QString type = block.value(key("type")).toString();
        if (type == QLatin1String("text")) {
            text += block.value(key("text")).toString();
        } else if (type == QLatin1String("tool_use")) {
            const QString name = block.value(key("name")).toString();
            const QString arguments = wire::compactJson(block.value(key("input")).toObject());
            if (request.wantsJson() && name == QLatin1String(JsonToolName)) {
                jsonAnswer = arguments;
                continue;
            }
            ToolCall call;
            call.id = block.value(key("id")).toString();
            call.name = name;
            call.arguments = arguments;
            message.toolCalls.append(call);
        } else if (type == QLatin1String("thinking")) {
            message.reasoningContent += block.value(key("thinking")).toString();
            thinkingBlocks.append(block);
        } else if (type == QLatin1String("redacted_thinking")) {
            thinkingBlocks.append(block);
        }
    }
    if (jsonAnswer)
        text = *jsonAnswer;
    if (text.isEmpty() && !message.toolCalls.isEmpty()) {
        message.form = Message::ContentForm::Null;
    } else {
        message.form = Message::ContentForm::String;
        message.content = {ContentPart::fromText(text)};
    }
    if (!thinkingBlocks.isEmpty())
        message.raw.insert(key("thinking_blocks"), thinkingBlocks);

    const QString stopReason = object->value(key("stop_reason")).toString();
    choice.finishReason = finishReason(stopReason, jsonAnswer && message.toolCalls.isEmpty());
    // pause_turn reads as "stop" but the turn is unfinished: callers look here.
    choice.raw.insert(key("native_finish_reason"), stopReason);
    if (object->value(key("stop_sequence")).isString())
        choice.raw.insert(key("stop_sequence"), object->value(key("stop_sequence")));
    completion.choices = {choice};
    if (object->value(key("usage")).isObject())
        completion.usage = usageFrom(object->value(key("usage")).toObject());
    return completion;
}

std::unique_ptr<StreamDecoder> AnthropicAdapter::chatStreamDecoder(const ChatRequest &request, const Target &) const
{
    return std::make_unique<AnthropicStreamDecoder>(request.wantsJson());
}

Expected<HttpRequest> AnthropicAdapter::modelsRequest(const Target &target) const
{
    HttpRequest request = baseRequest(target, QStringLiteral("/models"));
    request.method = "GET";
    request.setHeader("Accept", "application/json");
    // The largest page the API allows, so most catalogues take one request.
    request.url = wire::withQueryItem(request.url, QStringLiteral("limit"), QStringLiteral("1000"));
    return request;
}

Step<ModelList> AnthropicAdapter::modelsResponse(const HttpResponse &response, const Target &target) const
{
    const Expected<QJsonObject> object = wire::responseObject(response);
    if (!object)
        return object.error();
    ModelList models;
    const QJsonArray data = object->value(key("data")).toArray();
    for (const QJsonValue &value : data) {
        const QJsonObject entry = value.toObject();
        ModelInfo info;
        info.id = entry.value(key("id")).toString();
        info.provider = target.provider.id;
        info.ownedBy = QStringLiteral("anthropic");
        info.created = isoSeconds(entry.value(key("created_at")).toString());
        if (entry.contains(key("display_name")))
            info.raw.insert(key("display_name"), entry.value(key("display_name")));
        info.displayName = entry.value(key("display_name")).toString();
        models.append(info);
    }
    return models;
}

std::optional<HttpRequest> AnthropicAdapter::nextModelsPage(const HttpResponse &response, const Target &target) const
{
    return wire::nextListingPage(modelsRequest(target), wire::listCursor(response), QStringLiteral("after_id"));
}

Error AnthropicAdapter::errorFromResponse(const HttpResponse &response, const Target &) const
{
    return parseError(response.body, response.status);
}

Error AnthropicAdapter::parseError(const QByteArray &body, int status)
{
    const Error::Kind statusKind = wire::statusKind(status);
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject()) {
        // A 413 comes from the CDN in front of the API, usually as HTML.
        const QString message = status == 413
            ? tr("request too large: Anthropic accepts at most 32 MB per request")
            : QString::fromUtf8(body.trimmed().left(500));
        return wire::providerError(statusKind, message, status, body);
    }
    const QJsonObject object = document.object();
    const QJsonObject details = object.value(key("error")).toObject();
    const QString type = details.value(key("type")).toString();
    Error error = wire::providerError(statusKind, details.value(key("message")).toString(), status, body);
    error.type = type;
    error.code = type;
    error.requestId = object.value(key("request_id")).toString();

    static const QList<std::pair<QLatin1String, Error::Kind>> kinds = {
        {key("invalid_request_error"), Error::Kind::BadRequest}, {key("authentication_error"), Error::Kind::Authentication},
        {key("permission_error"), Error::Kind::Permission},       {key("not_found_error"), Error::Kind::NotFound},
        {key("request_too_large"), Error::Kind::BadRequest},      {key("rate_limit_error"), Error::Kind::RateLimit},
        {key("api_error"), Error::Kind::Server},                  {key("overloaded_error"), Error::Kind::Overloaded},
        {key("billing_error"), Error::Kind::Quota},               {key("timeout_error"), Error::Kind::Timeout},
    };
    for (const auto &[name, kind] : kinds) {
        if (type == name)
            error.kind = kind;
    }
    if (error.kind == Error::Kind::BadRequest && error.message.contains(QLatin1String("prompt is too long")))
        error.kind = Error::Kind::ContextLength;
    return error;
}

QString AnthropicAdapter::finishReason(const QString &stopReason, bool onlyJsonTool)
{
    if (stopReason.isEmpty())
        return {};
    if (stopReason == QLatin1String("max_tokens") || stopReason == QLatin1String("model_context_window_exceeded"))
        return QStringLiteral("length");
    if (stopReason == QLatin1String("tool_use"))
        return onlyJsonTool ? QStringLiteral("stop") : QStringLiteral("tool_calls");
    if (stopReason == QLatin1String("refusal"))
        return QStringLiteral("content_filter");
    // end_turn, stop_sequence, pause_turn and reasons added later.
    return QStringLiteral("stop");
}

Usage AnthropicAdapter::usageFrom(const QJsonObject &usage)
{
    Usage result;
    const int cacheWrites = usage.value(key("cache_creation_input_tokens")).toInt();
    const int cacheReads = usage.value(key("cache_read_input_tokens")).toInt();
    result.promptTokens = usage.value(key("input_tokens")).toInt() + cacheWrites + cacheReads;
    result.completionTokens = usage.value(key("output_tokens")).toInt();
    result.totalTokens = result.promptTokens + result.completionTokens;
    if (usage.contains(key("cache_read_input_tokens")))
        result.cachedTokens = cacheReads;
    return result;
}

} // namespace muxi
