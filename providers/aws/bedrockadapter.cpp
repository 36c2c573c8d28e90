#include <muxi/providers/bedrockadapter.h>

#include <muxi/providers/awscredentialresolver.h>
#include <muxi/providers/awsendpoint.h>
#include <muxi/providers/awserror.h>
#include <muxi/providers/bedrockstreamdecoder.h>

#include <muxi/providers/wirehelpers.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUuid>

namespace muxi {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::BedrockAdapter", text);
}

Error badRequest(const QString &message, Error::Kind kind = Error::Kind::BadRequest)
{
    return Error(kind, message);
}

// Converse names image formats by subtype: png, jpeg, gif, webp.
std::optional<QString> imageFormat(const QString &mimeType)
{
    const QString subtype = mimeType.section(QLatin1Char('/'), 1).toLower();
    if (subtype == QLatin1String("png") || subtype == QLatin1String("gif") || subtype == QLatin1String("webp"))
        return subtype;
    if (subtype == QLatin1String("jpeg") || subtype == QLatin1String("jpg"))
        return QStringLiteral("jpeg");
    return std::nullopt;
}

std::optional<QString> documentFormat(const ContentPart &part)
{
    static const QList<std::pair<const char *, const char *>> byMime = {
        {"application/pdf", "pdf"},
        {"text/csv", "csv"},
        {"application/msword", "doc"},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
        {"application/vnd.ms-excel", "xls"},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
        {"text/html", "html"},
        {"text/plain", "txt"},
        {"text/markdown", "md"},
    };
    for (const auto &[mime, format] : byMime) {
        if (part.mimeType.compare(QLatin1String(mime), Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(format);
    }
    const QString suffix = part.filename.section(QLatin1Char('.'), -1).toLower();
    for (const auto &[mime, format] : byMime) {
        if (suffix == QLatin1String(format))
            return suffix;
    }
    return std::nullopt;
}

// Document names allow letters, digits, single spaces, hyphens, parentheses and square brackets.
QString documentName(const QString &filename, int ordinal)
{
    QString base = filename.section(QLatin1Char('.'), 0, 0);
    QString name;
    for (const QChar c : base) {
        const bool allowed = (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('-') || c == QLatin1Char('(')
            || c == QLatin1Char(')') || c == QLatin1Char('[') || c == QLatin1Char(']') || c == QLatin1Char(' ');
        name += allowed ? c : QLatin1Char('-');
    }
    name = name.simplified();
    return name.isEmpty() ? QStringLiteral("document-%1").arg(ordinal) : name;
}

Expected<QJsonArray> userBlocks(const Message &message, int &documentOrdinal)
{
    QJsonArray blocks;
    for (const ContentPart &part : message.content) {
        switch (part.type) {
        case ContentPart::Type::Text:
            // Converse rejects blank text blocks.
            if (!part.text.trimmed().isEmpty())
                blocks.append(QJsonObject{{QLatin1String("text"), part.text}});
            break;
        case ContentPart::Type::Image: {
            if (!part.hasInlineData())
                return badRequest(tr("Bedrock takes images as bytes, not URLs: attach the file or send a data: URL"), Error::Kind::Unsupported);
            const auto format = imageFormat(part.mimeType);
            if (!format)
                return badRequest(tr("Bedrock takes PNG, JPEG, GIF and WebP images, not %1").arg(part.mimeType), Error::Kind::Unsupported);
            blocks.append(QJsonObject{{QLatin1String("image"),
                                       QJsonObject{{QLatin1String("format"), *format},
                                                   {QLatin1String("source"),
                                                    QJsonObject{{QLatin1String("bytes"), QString::fromLatin1(part.data.toBase64())}}}}}});
            break;
        }
        case ContentPart::Type::File: {
            const auto format = documentFormat(part);
            if (!part.hasInlineData() || !format)
                return badRequest(tr("Bedrock takes documents as bytes in pdf, csv, doc, docx, xls, xlsx, html, txt or md"), Error::Kind::Unsupported);
            blocks.append(QJsonObject{{QLatin1String("document"),
                                       QJsonObject{{QLatin1String("format"), *format},
                                                   {QLatin1String("name"), documentName(part.filename, ++documentOrdinal)},
                                                   {QLatin1String("source"),
                                                    QJsonObject{{QLatin1String("bytes"), QString::fromLatin1(part.data.toBase64())}}}}}});
            break;
        }
        case ContentPart::Type::Refusal:
            break;
        default:
            return badRequest(tr("Bedrock Converse takes no audio or other non-text parts here"), Error::Kind::Unsupported);
        }
    }
    return blocks;
}

Expected<QJsonArray> assistantBlocks(const Message &message)
{
    QJsonArray blocks;
    const QString text = message.text();
    if (!text.trimmed().isEmpty())
        blocks.append(QJsonObject{{QLatin1String("text"), text}});
    for (const ToolCall &call : message.toolCalls) {
        QJsonObject input;
        if (!call.arguments.trimmed().isEmpty()) {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(call.arguments.toUtf8(), &parseError);
            if (!document.isObject())
                return badRequest(tr("the arguments of tool call %1 are not a JSON object: %2").arg(call.id, call.arguments.left(200)));
            input = document.object();
        }
        blocks.append(QJsonObject{{QLatin1String("toolUse"),
                                   QJsonObject{{QLatin1String("toolUseId"), call.id},
                                               {QLatin1String("name"), call.name},
                                               {QLatin1String("input"), input}}}});
    }
    return blocks;
}

void appendTurn(QJsonArray &messages, const QString &role, const QJsonArray &blocks)
{
    if (blocks.isEmpty())
        return;
    // Consecutive turns of one role become one: Converse alternates user and assistant.
    if (!messages.isEmpty()) {
        QJsonObject last = messages.last().toObject();
        if (last.value(QLatin1String("role")).toString() == role) {
            QJsonArray content = last.value(QLatin1String("content")).toArray();
            for (const QJsonValue &block : blocks)
                content.append(block);
            last.insert(QLatin1String("content"), content);
            messages.replace(messages.size() - 1, last);
            return;
        }
    }
    messages.append(QJsonObject{{QLatin1String("role"), role}, {QLatin1String("content"), blocks}});
}

// Tool results lead their user turn, as they answer the turn before.
QJsonArray toolResultsFirst(const QJsonArray &content)
{
    QJsonArray results;
    QJsonArray rest;
    for (const QJsonValue &block : content)
        (block.toObject().contains(QLatin1String("toolResult")) ? results : rest).append(block);
    for (const QJsonValue &block : rest)
        results.append(block);
    return results;
}

QJsonObject toolSpec(const QString &name, const QString &description, const QJsonObject &schema)
{
    QJsonObject spec{{QLatin1String("name"), name},
                     {QLatin1String("inputSchema"),
                      QJsonObject{{QLatin1String("json"),
                                   schema.isEmpty() ? QJsonObject{{QLatin1String("type"), QLatin1String("object")},
                                                                  {QLatin1String("properties"), QJsonObject()}}
                                                    : schema}}}};
    if (!description.isEmpty())
        spec.insert(QLatin1String("description"), description);
    return QJsonObject{{QLatin1String("toolSpec"), spec}};
}

// Converse top-level members a caller may pass through `extra` unchanged.
constexpr const char *passThrough[] = {"additionalModelRequestFields", "additionalModelResponseFieldPaths", "guardrailConfig",
                                       "performanceConfig", "promptVariables", "requestMetadata"};
}

Expected<QJsonObject> BedrockAdapter::converseBody(const ChatRequest &request)
{
    if (request.n && *request.n > 1)
        return badRequest(tr("Bedrock Converse returns one choice; n must be 1"), Error::Kind::Unsupported);
    if (request.wantsJson())
        return badRequest(tr("Bedrock Converse has no JSON mode; describe the format in the prompt or use a tool"), Error::Kind::Unsupported);

    QJsonArray system;
    QJsonArray messages;
    QSet<QString> historyTools;
    int documentOrdinal = 0;
    for (const Message &message : request.messages) {
        switch (message.role) {
        case Message::Role::System:
        case Message::Role::Developer:
            if (!message.text().trimmed().isEmpty())
                system.append(QJsonObject{{QLatin1String("text"), message.text()}});
            break;
        case Message::Role::User: {
            const Expected<QJsonArray> blocks = userBlocks(message, documentOrdinal);
            if (!blocks)
                return blocks.error();
            appendTurn(messages, QStringLiteral("user"), *blocks);
            break;
        }
        case Message::Role::Assistant: {
            const Expected<QJsonArray> blocks = assistantBlocks(message);
            if (!blocks)
                return blocks.error();
            for (const ToolCall &call : message.toolCalls)
                historyTools.insert(call.name);
            appendTurn(messages, QStringLiteral("assistant"), *blocks);
            break;
        }
        case Message::Role::Tool: {
            const QJsonObject result{{QLatin1String("toolUseId"), message.toolCallId},
                                     {QLatin1String("content"), QJsonArray{QJsonObject{{QLatin1String("text"), message.text()}}}},
                                     {QLatin1String("status"), QLatin1String("success")}};
            appendTurn(messages, QStringLiteral("user"), QJsonArray{QJsonObject{{QLatin1String("toolResult"), result}}});
            break;
        }
        }
    }
    for (qsizetype i = 0; i < messages.size(); ++i) {
        QJsonObject turn = messages.at(i).toObject();
        if (turn.value(QLatin1String("role")).toString() == QLatin1String("user")) {
            turn.insert(QLatin1String("content"), toolResultsFirst(turn.value(QLatin1String("content")).toArray()));
            messages.replace(i, turn);
        }
    }
    if (messages.isEmpty() || messages.first().toObject().value(QLatin1String("role")).toString() != QLatin1String("user"))
        return badRequest(tr("a Bedrock conversation must start with a user message"));

    QJsonObject body{{QLatin1String("messages"), messages}};
    if (!system.isEmpty())
        body.insert(QLatin1String("system"), system);

    QJsonObject inference;
    if (const auto limit = request.outputTokenLimit())
        inference.insert(QLatin1String("maxTokens"), *limit);
    if (request.temperature)
        inference.insert(QLatin1String("temperature"), *request.temperature);
    if (request.topP)
        inference.insert(QLatin1String("topP"), *request.topP);
    if (!request.stop.isEmpty())
        inference.insert(QLatin1String("stopSequences"), QJsonArray::fromStringList(request.stop));
    if (!inference.isEmpty())
        body.insert(QLatin1String("inferenceConfig"), inference);

    // tool_choice "none" has no Converse form: the tools are left out, unless
    // the history holds tool use, which Converse only accepts with a toolConfig.
    const QJsonValue choice = request.toolChoice;
    const bool choiceNone = choice.toString() == QLatin1String("none");
    if ((!request.tools.isEmpty() && !choiceNone) || !historyTools.isEmpty()) {
        QJsonArray tools;
        QSet<QString> declared;
        for (const Tool &tool : request.tools) {
            tools.append(toolSpec(tool.name, tool.description, tool.parameters));
            declared.insert(tool.name);
        }
        // Tools named in the history but no longer offered still need a spec.
        QStringList missing(historyTools.begin(), historyTools.end());
        missing.sort();
        for (const QString &name : std::as_const(missing)) {
            if (!declared.contains(name))
                tools.append(toolSpec(name, QString(), QJsonObject()));
        }
        QJsonObject config{{QLatin1String("tools"), tools}};
        if (choice.toString() == QLatin1String("auto"))
            config.insert(QLatin1String("toolChoice"), QJsonObject{{QLatin1String("auto"), QJsonObject()}});
        else if (choice.toString() == QLatin1String("required"))
            config.insert(QLatin1String("toolChoice"), QJsonObject{{QLatin1String("any"), QJsonObject()}});
        else if (choice.isObject()) {
            const QString name = choice.toObject().value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString();
            config.insert(QLatin1String("toolChoice"), QJsonObject{{QLatin1String("tool"), QJsonObject{{QLatin1String("name"), name}}}});
        }
        body.insert(QLatin1String("toolConfig"), config);
    }

    QJsonObject additional = request.extra.value(QLatin1String("additionalModelRequestFields")).toObject();
    if (request.extra.contains(QLatin1String("top_k")))
        additional.insert(QLatin1String("top_k"), request.extra.value(QLatin1String("top_k")));
    for (const char *name : passThrough) {
        if (request.extra.contains(QLatin1String(name)))
            body.insert(QLatin1String(name), request.extra.value(QLatin1String(name)));
    }
    if (!additional.isEmpty())
        body.insert(QLatin1String("additionalModelRequestFields"), additional);
    return body;
}

Expected<HttpRequest> BedrockAdapter::chatRequest(const ChatRequest &request, const Target &target) const
{
    const Expected<AwsEndpoint> endpoint = AwsEndpoint::resolve(target);
    if (!endpoint)
        return endpoint.error();
    const Expected<QJsonObject> body = converseBody(request);
    if (!body) {
        Error error = body.error();
        error.provider = target.provider.id;
        error.model = target.model;
        return error;
    }
    // The id goes in the path percent-encoded: inference profile ids hold ':' and ARNs '/'.
    const QByteArray path = "/model/" + QUrl::toPercentEncoding(target.model) + (request.stream ? "/converse-stream" : "/converse");
    const HttpHeaders headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                              {QByteArrayLiteral("Accept"),
                               request.stream ? QByteArrayLiteral("application/vnd.amazon.eventstream") : QByteArrayLiteral("application/json")}};
    return endpoint->post(path, QJsonDocument(*body).toJson(QJsonDocument::Compact), headers, request.stream);
}

QString BedrockAdapter::finishReason(const QString &stopReason)
{
    if (stopReason == QLatin1String("tool_use"))
        return QStringLiteral("tool_calls");
    if (stopReason == QLatin1String("max_tokens") || stopReason == QLatin1String("model_context_window_exceeded"))
        return QStringLiteral("length");
    if (stopReason == QLatin1String("guardrail_intervened") || stopReason == QLatin1String("content_filtered"))
        return QStringLiteral("content_filter");
    if (stopReason.startsWith(QLatin1String("malformed_")))
        return {};
    return QStringLiteral("stop");
}

Error BedrockAdapter::malformedOutput(const QString &stopReason)
{
    Error error(Error::Kind::InvalidResponse, tr("the model produced output Bedrock could not parse (%1)").arg(stopReason));
    error.code = stopReason;
    return error;
}

Usage BedrockAdapter::usage(const QJsonObject &object)
{
    Usage usage;
    const int cacheRead = object.value(QLatin1String("cacheReadInputTokens")).toInt();
    const int cacheWrite = object.value(QLatin1String("cacheWriteInputTokens")).toInt();
    usage.promptTokens = object.value(QLatin1String("inputTokens")).toInt() + cacheRead + cacheWrite;
    usage.completionTokens = object.value(QLatin1String("outputTokens")).toInt();
    usage.totalTokens = usage.promptTokens + usage.completionTokens;
    if (object.contains(QLatin1String("cacheReadInputTokens")))
        usage.cachedTokens = cacheRead;
    usage.raw = object;
    return usage;
}

Step<ChatCompletion> BedrockAdapter::chatResponse(const HttpResponse &response, const ChatRequest &, const Target &target) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (!document.isObject()) {
        Error error(Error::Kind::InvalidResponse, tr("the response is not valid JSON: %1").arg(parseError.errorString()));
        error.rawBody = response.body.left(2048);
        return error;
    }
    const QJsonObject object = document.object();
    const QString stopReason = object.value(QLatin1String("stopReason")).toString();
    const QString finish = finishReason(stopReason);
    if (finish.isEmpty())
        return malformedOutput(stopReason);

    Message message;
    message.role = Message::Role::Assistant;
    QString text;
    const QJsonArray content = object.value(QLatin1String("output")).toObject().value(QLatin1String("message")).toObject().value(QLatin1String("content")).toArray();
    for (const QJsonValue &value : content) {
        const QJsonObject block = value.toObject();
        if (block.contains(QLatin1String("text"))) {
            text += block.value(QLatin1String("text")).toString();
        } else if (block.contains(QLatin1String("toolUse"))) {
            const QJsonObject use = block.value(QLatin1String("toolUse")).toObject();
            ToolCall call;
            call.index = int(message.toolCalls.size());
            call.id = use.value(QLatin1String("toolUseId")).toString();
            call.name = use.value(QLatin1String("name")).toString();
            const QJsonValue input = use.value(QLatin1String("input"));
            call.arguments = input.isObject() ? wire::compactJson(input) : QStringLiteral("{}");
            message.toolCalls.append(call);
        } else if (block.contains(QLatin1String("reasoningContent"))) {
            message.reasoningContent += block.value(QLatin1String("reasoningContent")).toObject().value(QLatin1String("reasoningText")).toObject().value(QLatin1String("text")).toString();
        }
    }
    if (!text.isEmpty() || message.toolCalls.isEmpty()) {
        message.content = {ContentPart::fromText(text)};
        message.form = Message::ContentForm::String;
    } else {
        message.form = Message::ContentForm::Null;
    }

    ChatCompletion completion;
    const QByteArray requestId = response.header("x-amzn-requestid");
    completion.id = QLatin1String("bedrock-")
        + (requestId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : QString::fromLatin1(requestId));
    completion.created = QDateTime::currentSecsSinceEpoch();
    completion.model = target.model;
    ChatChoice choice;
    choice.message = message;
    choice.finishReason = finish;
    completion.choices.append(choice);
    if (object.value(QLatin1String("usage")).isObject())
        completion.usage = usage(object.value(QLatin1String("usage")).toObject());
    return completion;
}

std::unique_ptr<StreamDecoder> BedrockAdapter::chatStreamDecoder(const ChatRequest &, const Target &target) const
{
    return std::make_unique<BedrockStreamDecoder>(target.model);
}

Error BedrockAdapter::errorFromResponse(const HttpResponse &response, const Target &) const
{
    return AwsError::fromResponse(response);
}

std::unique_ptr<TargetPreparation> BedrockAdapter::preparation(const Target &target) const
{
    if (target.settings.value(QLatin1String("bearer_auth")).toBool() && !target.apiKey.isEmpty())
        return nullptr;
    return std::make_unique<AwsCredentialResolver>(target);
}

QString BedrockAdapter::credentialSource(const Target &target) const
{
    if (target.settings.value(QLatin1String("bearer_auth")).toBool() && !target.apiKey.isEmpty())
        return {};
    return AwsCredentialResolver::describe(target);
}

} // namespace muxi
