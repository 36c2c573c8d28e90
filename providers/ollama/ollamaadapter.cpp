#include <muxi/providers/ollamaadapter.h>

#include <muxi/providers/ollamastreamdecoder.h>
#include <muxi/providers/wirehelpers.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace muxi {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::OllamaAdapter", text);
}

// Ollama's timestamps carry nanoseconds, more than Qt's ISO parser reads.
qint64 epochSeconds(const QString &timestamp)
{
    static const QRegularExpression fraction(QStringLiteral("\\.\\d+"));
    QString trimmed = timestamp;
    trimmed.remove(fraction);
    const QDateTime when = QDateTime::fromString(trimmed, Qt::ISODate);
    return when.isValid() ? when.toSecsSinceEpoch() : 0;
}

Expected<QJsonObject> ollamaMessage(const Message &message, const QHash<QString, QString> &toolNames, const Target &target)
{
    QJsonObject object{{QLatin1String("role"), wire::nativeRoleName(message.role)}, {QLatin1String("content"), message.text()}};
    QJsonArray images;
    for (const ContentPart &part : message.content) {
        switch (part.type) {
        case ContentPart::Type::Text:
            break;
        case ContentPart::Type::Image:
            // Ollama reads images as bytes only, and an adapter sends no
            // requests of its own to fetch a URL first.
            if (!part.hasInlineData()) {
                return wire::badRequest(target, tr("%1 takes images only as bytes, not by URL (%2); attach the image file instead")
                                                    .arg(target.provider.displayName, part.url.toDisplayString()));
            }
            // Raw base64, without the data: prefix of an OpenAI image URL.
            images.append(QString::fromLatin1(part.data.toBase64()));
            break;
        case ContentPart::Type::Audio:
            return wire::badRequest(target, tr("%1 does not accept audio input").arg(target.provider.displayName));
        default:
            return wire::badRequest(target, tr("%1 takes only text and image parts").arg(target.provider.displayName));
        }
    }
    if (!images.isEmpty())
        object.insert(QLatin1String("images"), images);
    if (!message.toolCalls.isEmpty()) {
        QJsonArray calls;
        for (const ToolCall &call : message.toolCalls) {
            // Ollama wants the arguments as an object, not OpenAI's JSON text.
            const Expected<QJsonObject> arguments = wire::argumentsObject(call, target);
            if (!arguments)
                return arguments.error();
            calls.append(QJsonObject{{QLatin1String("function"),
                                      QJsonObject{{QLatin1String("name"), call.name}, {QLatin1String("arguments"), *arguments}}}});
        }
        object.insert(QLatin1String("tool_calls"), calls);
    }
    if (message.role == Message::Role::Tool && toolNames.contains(message.toolCallId))
        object.insert(QLatin1String("tool_name"), toolNames.value(message.toolCallId));
    return object;
}

// Sampling parameters live in `options` under Ollama's own names.
QJsonObject ollamaOptions(const ChatRequest &request, const Target &target)
{
    QJsonObject options = request.extra.value(QLatin1String("options")).toObject();
    if (request.temperature)
        options.insert(QLatin1String("temperature"), *request.temperature);
    if (request.topP)
        options.insert(QLatin1String("top_p"), *request.topP);
    if (const auto limit = request.outputTokenLimit())
        options.insert(QLatin1String("num_predict"), *limit);
    if (!request.stop.isEmpty())
        options.insert(QLatin1String("stop"), QJsonArray::fromStringList(request.stop));
    if (request.seed)
        options.insert(QLatin1String("seed"), *request.seed);
    for (const char *name : {"frequency_penalty", "presence_penalty", "top_k"}) {
        const QJsonValue value = request.extra.value(QLatin1String(name));
        if (value.isDouble())
            options.insert(QLatin1String(name), value);
    }
    // Ollama's default context is small and longer prompts are cut silently;
    // "num_ctx" in the provider settings raises it for every request.
    const QJsonValue contextSize = target.settings.value(QLatin1String("num_ctx"));
    if (contextSize.isDouble() && !options.contains(QLatin1String("num_ctx")))
        options.insert(QLatin1String("num_ctx"), contextSize);
    return options;
}

QList<float> floats(const QJsonArray &values)
{
    QList<float> vector;
    vector.reserve(values.size());
    for (const QJsonValue &value : values)
        vector.append(float(value.toDouble()));
    return vector;
}
}

QString OllamaAdapter::finishReason(const QString &doneReason, bool calledTools)
{
    if (doneReason == QLatin1String("length"))
        return QStringLiteral("length");
    return calledTools ? QStringLiteral("tool_calls") : QStringLiteral("stop");
}

Usage OllamaAdapter::usageFromJson(const QJsonObject &final)
{
    Usage usage;
    usage.promptTokens = final.value(QLatin1String("prompt_eval_count")).toInt();
    usage.completionTokens = final.value(QLatin1String("eval_count")).toInt();
    usage.totalTokens = usage.promptTokens + usage.completionTokens;
    for (const char *timing : {"total_duration", "load_duration", "prompt_eval_duration", "eval_duration"}) {
        if (final.contains(QLatin1String(timing)))
            usage.raw.insert(QLatin1String(timing), final.value(QLatin1String(timing)));
    }
    return usage;
}

ToolCall OllamaAdapter::toolCallFromJson(const QJsonObject &call, int ordinal)
{
    const QJsonObject function = call.value(QLatin1String("function")).toObject();
    ToolCall toolCall;
    // Older servers send no id; newer ones may.
    toolCall.id = call.value(QLatin1String("id")).toString();
    if (toolCall.id.isEmpty())
        toolCall.id = wire::syntheticToolCallId(ordinal);
    toolCall.name = function.value(QLatin1String("name")).toString();
    const QJsonValue arguments = function.value(QLatin1String("arguments"));
    toolCall.arguments = arguments.isString() ? arguments.toString() : wire::compactJson(arguments.isUndefined() ? QJsonObject() : arguments);
    return toolCall;
}

Error OllamaAdapter::parseError(const QByteArray &body, int status)
{
    QString message;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonValue error = document.object().value(QLatin1String("error"));
        message = error.isString() ? error.toString() : error.isUndefined() ? QString() : wire::compactJson(error);
    } else {
        message = QString::fromUtf8(body.trimmed().left(500));
    }
    Error::Kind kind = wire::statusKind(status);
    // "… does not support tools", "… does not support insert": a limit of the model, not a bad request.
    if (message.contains(QLatin1String("does not support")))
        kind = Error::Kind::Unsupported;
    else if (wire::isContextOverflow(message))
        kind = Error::Kind::ContextLength;
    return wire::providerError(kind, message, status, body);
}

Expected<HttpRequest> OllamaAdapter::chatRequest(const ChatRequest &request, const Target &target) const
{
    if (request.n.value_or(1) > 1)
        return unsupported(target, tr("several choices per request (n > 1)"));
    const QHash<QString, QString> toolNames = wire::toolNamesById(request.messages);
    QJsonArray messages;
    for (const Message &message : request.messages) {
        const Expected<QJsonObject> translated = ollamaMessage(message, toolNames, target);
        if (!translated)
            return translated.error();
        messages.append(*translated);
    }
    // `stream` defaults to true on Ollama, so it is always stated.
    QJsonObject body{
        {QLatin1String("model"), target.model},
        {QLatin1String("messages"), messages},
        {QLatin1String("stream"), request.stream},
    };
    const QJsonObject options = ollamaOptions(request, target);
    if (!options.isEmpty())
        body.insert(QLatin1String("options"), options);
    if (request.responseFormat && request.responseFormat->type == ResponseFormat::Type::JsonObject)
        body.insert(QLatin1String("format"), QLatin1String("json"));
    else if (request.responseFormat && request.responseFormat->type == ResponseFormat::Type::JsonSchema)
        body.insert(QLatin1String("format"), request.responseFormat->schema);

    // Ollama has no tool_choice: "none" drops the tools, a named function
    // leaves only that one; "required" cannot be enforced and is best effort.
    QList<Tool> tools = request.tools;
    if (request.toolChoice.toString() == QLatin1String("none"))
        tools.clear();
    const QString named = request.toolChoice.toObject().value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString();
    if (!named.isEmpty()) {
        tools.removeIf([&](const Tool &tool) {
            return tool.name != named;
        });
        if (tools.isEmpty())
            return wire::badRequest(target, tr("tool_choice names \"%1\", which is not among the tools").arg(named));
    }
    if (!tools.isEmpty()) {
        QJsonArray array;
        for (const Tool &tool : std::as_const(tools))
            array.append(tool.toJson());
        body.insert(QLatin1String("tools"), array);
    }
    for (const char *passThrough : {"keep_alive", "think"}) {
        QJsonValue value = request.extra.value(QLatin1String(passThrough));
        if (value.isUndefined())
            value = target.settings.value(QLatin1String(passThrough));
        if (!value.isUndefined())
            body.insert(QLatin1String(passThrough), value);
    }
    HttpRequest http = wire::jsonRequest("POST", target.endpoint(QStringLiteral("/api/chat")), body, request.stream);
    if (request.stream)
        http.setHeader("Accept", "application/x-ndjson");
    return http;
}

Step<ChatCompletion> OllamaAdapter::chatResponse(const HttpResponse &response, const ChatRequest &, const Target &target) const
{
    const Expected<QJsonObject> parsed = wire::responseObject(response);
    if (!parsed)
        return parsed.error();
    const QJsonObject object = *parsed;
    if (object.contains(QLatin1String("error")))
        return parseError(response.body, 0);

    ChatCompletion completion;
    completion.model = object.value(QLatin1String("model")).toString(target.model);
    completion.created = epochSeconds(object.value(QLatin1String("created_at")).toString());
    completion.usage = usageFromJson(object);
    const QString doneReason = object.value(QLatin1String("done_reason")).toString();
    // An empty conversation only loads or unloads the model: there is no answer.
    if (doneReason == QLatin1String("load") || doneReason == QLatin1String("unload"))
        return completion;

    const QJsonObject message = object.value(QLatin1String("message")).toObject();
    ChatChoice choice;
    choice.message.role = Message::Role::Assistant;
    const QJsonArray calls = message.value(QLatin1String("tool_calls")).toArray();
    for (qsizetype i = 0; i < calls.size(); ++i)
        choice.message.toolCalls.append(toolCallFromJson(calls.at(i).toObject(), int(i)));
    const QString content = message.value(QLatin1String("content")).toString();
    if (content.isEmpty() && !choice.message.toolCalls.isEmpty()) {
        choice.message.form = Message::ContentForm::Null;
    } else {
        choice.message.content = {ContentPart::fromText(content)};
        choice.message.form = Message::ContentForm::String;
    }
    choice.message.reasoningContent = message.value(QLatin1String("thinking")).toString();
    choice.finishReason = finishReason(doneReason, !choice.message.toolCalls.isEmpty());
    completion.choices = {choice};
    return completion;
}

std::unique_ptr<StreamDecoder> OllamaAdapter::chatStreamDecoder(const ChatRequest &, const Target &target) const
{
    return std::make_unique<OllamaStreamDecoder>(target.model);
}

Expected<HttpRequest> OllamaAdapter::embeddingRequest(const EmbeddingRequest &request, const Target &target) const
{
    QJsonObject body{
        {QLatin1String("model"), target.model},
        {QLatin1String("input"), QJsonArray::fromStringList(request.input)},
    };
    if (request.dimensions)
        body.insert(QLatin1String("dimensions"), *request.dimensions);
    for (const char *passThrough : {"truncate", "keep_alive", "options"}) {
        const QJsonValue value = request.extra.value(QLatin1String(passThrough));
        if (!value.isUndefined())
            body.insert(QLatin1String(passThrough), value);
    }
    return wire::jsonRequest("POST", target.endpoint(QStringLiteral("/api/embed")), body, false);
}

Step<EmbeddingResponse> OllamaAdapter::embeddingResponse(const HttpResponse &response, const Target &target) const
{
    const Expected<QJsonObject> parsed = wire::responseObject(response);
    if (!parsed)
        return parsed.error();
    if (parsed->contains(QLatin1String("error")))
        return parseError(response.body, 0);
    EmbeddingResponse result;
    result.model = parsed->value(QLatin1String("model")).toString(target.model);
    const QJsonArray vectors = parsed->value(QLatin1String("embeddings")).toArray();
    for (qsizetype i = 0; i < vectors.size(); ++i)
        result.data.append({int(i), floats(vectors.at(i).toArray())});
    if (parsed->contains(QLatin1String("prompt_eval_count"))) {
        Usage usage;
        usage.promptTokens = parsed->value(QLatin1String("prompt_eval_count")).toInt();
        usage.totalTokens = usage.promptTokens;
        result.usage = usage;
    }
    return result;
}

Expected<HttpRequest> OllamaAdapter::modelsRequest(const Target &target) const
{
    return wire::jsonRequest("GET", target.endpoint(QStringLiteral("/api/tags")), {}, false);
}

Step<ModelList> OllamaAdapter::modelsResponse(const HttpResponse &response, const Target &target) const
{
    const Expected<QJsonObject> parsed = wire::responseObject(response);
    if (!parsed)
        return parsed.error();
    ModelList models = wire::modelsByName(*parsed, target);
    for (ModelInfo &model : models)
        model.created = epochSeconds(model.raw.value(QLatin1String("modified_at")).toString());
    return models;
}

Error OllamaAdapter::errorFromResponse(const HttpResponse &response, const Target &) const
{
    return parseError(response.body, response.status);
}

} // namespace muxi
