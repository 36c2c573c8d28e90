#include <muxi/providers/cohereadapter.h>

#include <muxi/providers/coherestreamdecoder.h>
#include <muxi/providers/wirehelpers.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <algorithm>

namespace muxi {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::CohereAdapter", text);
}

// Cohere caps one embed call at 96 texts (docs.cohere.com/reference/embed).
constexpr qsizetype MaxEmbedTexts = 96;

// A user turn is a plain string unless it carries images; Cohere's vision
// models take them as OpenAI-style image_url parts, data URLs or https.
Expected<QJsonValue> userContent(const Message &message, const Target &target)
{
    if (!message.hasImages()) {
        for (const ContentPart &part : message.content) {
            if (part.type == ContentPart::Type::Audio)
                return wire::badRequest(target, tr("%1 does not accept audio input").arg(target.provider.displayName));
            if (part.type == ContentPart::Type::File)
                return wire::badRequest(target, tr("%1 does not accept file parts; send the text instead").arg(target.provider.displayName));
        }
        return QJsonValue(message.text());
    }
    QJsonArray parts;
    for (const ContentPart &part : message.content) {
        switch (part.type) {
        case ContentPart::Type::Text:
            parts.append(QJsonObject{{QLatin1String("type"), QLatin1String("text")}, {QLatin1String("text"), part.text}});
            break;
        case ContentPart::Type::Image: {
            QJsonObject image{{QLatin1String("url"), part.hasInlineData() ? part.dataUrl() : part.url.toString(QUrl::FullyEncoded)}};
            if (!part.detail.isEmpty())
                image.insert(QLatin1String("detail"), part.detail);
            parts.append(QJsonObject{{QLatin1String("type"), QLatin1String("image_url")}, {QLatin1String("image_url"), image}});
            break;
        }
        case ContentPart::Type::Audio:
            return wire::badRequest(target, tr("%1 does not accept audio input").arg(target.provider.displayName));
        default:
            return wire::badRequest(target, tr("%1 takes only text and image parts").arg(target.provider.displayName));
        }
    }
    return QJsonValue(parts);
}

Expected<QJsonObject> cohereMessage(const Message &message, const Target &target)
{
    QJsonObject object{{QLatin1String("role"), wire::nativeRoleName(message.role)}};
    switch (message.role) {
    case Message::Role::User: {
        const Expected<QJsonValue> content = userContent(message, target);
        if (!content)
            return content.error();
        object.insert(QLatin1String("content"), *content);
        break;
    }
    case Message::Role::Assistant: {
        const QString text = message.text();
        if (!text.isEmpty() || message.toolCalls.isEmpty())
            object.insert(QLatin1String("content"), text);
        if (!message.toolCalls.isEmpty()) {
            QJsonArray calls;
            for (const ToolCall &call : message.toolCalls) {
                // Cohere keeps OpenAI's shape, arguments as JSON text included.
                calls.append(QJsonObject{
                    {QLatin1String("id"), call.id},
                    {QLatin1String("type"), QLatin1String("function")},
                    {QLatin1String("function"),
                     QJsonObject{{QLatin1String("name"), call.name},
                                 {QLatin1String("arguments"), call.arguments.isEmpty() ? QStringLiteral("{}") : call.arguments}}},
                });
            }
            object.insert(QLatin1String("tool_calls"), calls);
            // The plan Cohere wrote before the calls came back as reasoning; it belongs beside them.
            if (!message.reasoningContent.isEmpty())
                object.insert(QLatin1String("tool_plan"), message.reasoningContent);
        }
        break;
    }
    case Message::Role::Tool:
        object.insert(QLatin1String("tool_call_id"), message.toolCallId);
        object.insert(QLatin1String("content"), message.text());
        break;
    case Message::Role::System:
    case Message::Role::Developer:
        object.insert(QLatin1String("content"), message.text());
        break;
    }
    return object;
}

// Cohere has no way to name the one tool to call: sending only that tool
// with REQUIRED asks for the same thing.
Expected<bool> applyToolChoice(QJsonObject &body, const ChatRequest &request, const Target &target)
{
    const QJsonValue choice = request.toolChoice;
    if (choice.isString()) {
        if (choice.toString() == QLatin1String("required"))
            body.insert(QLatin1String("tool_choice"), QLatin1String("REQUIRED"));
        else if (choice.toString() == QLatin1String("none"))
            body.insert(QLatin1String("tool_choice"), QLatin1String("NONE"));
        return true;
    }
    if (!choice.isObject())
        return true;
    const QString name = choice.toObject().value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString();
    const auto named = std::find_if(request.tools.begin(), request.tools.end(), [&](const Tool &tool) {
        return tool.name == name;
    });
    if (named == request.tools.end())
        return wire::badRequest(target, tr("tool_choice names \"%1\", which is not among the tools").arg(name));
    body.insert(QLatin1String("tools"), QJsonArray{named->toJson()});
    body.insert(QLatin1String("tool_choice"), QLatin1String("REQUIRED"));
    return true;
}

Error cohereError(const QByteArray &body, int status)
{
    QString message;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        for (const char *key : {"message", "error", "detail"}) {
            const QJsonValue value = object.value(QLatin1String(key));
            if (value.isString()) {
                message = value.toString();
                break;
            }
        }
    } else {
        message = QString::fromUtf8(body.trimmed().left(500));
    }
    Error::Kind kind = errorKindForHttpStatus(status);
    // 498 is Cohere's "invalid token" status (unverified).
    if (status == 498)
        kind = Error::Kind::Authentication;
    else if (message.contains(QLatin1String("too many tokens"), Qt::CaseInsensitive))
        kind = Error::Kind::ContextLength;
    return wire::providerError(kind, message, status, body);
}
}

QString CohereAdapter::finishReason(const QString &cohereReason)
{
    if (cohereReason == QLatin1String("MAX_TOKENS"))
        return QStringLiteral("length");
    if (cohereReason == QLatin1String("TOOL_CALL"))
        return QStringLiteral("tool_calls");
    if (cohereReason == QLatin1String("ERROR") || cohereReason == QLatin1String("TIMEOUT"))
        return {};
    return QStringLiteral("stop");
}

std::optional<Error> CohereAdapter::finishError(const QString &cohereReason, const QString &message)
{
    if (cohereReason == QLatin1String("TIMEOUT"))
        return wire::providerError(Error::Kind::Timeout, message.isEmpty() ? tr("Cohere timed out while generating") : message, 0, {});
    if (cohereReason == QLatin1String("ERROR"))
        return wire::providerError(Error::Kind::Server, message.isEmpty() ? tr("Cohere stopped generating with an error") : message, 0, {});
    return std::nullopt;
}

Usage CohereAdapter::usageFromJson(const QJsonObject &usage)
{
    // billed_units can be smaller than what the model processed (system
    // prompts, tool definitions); usage.tokens is the count comparable to other providers.
    QJsonObject counts = usage.value(QLatin1String("tokens")).toObject();
    if (counts.isEmpty())
        counts = usage.value(QLatin1String("billed_units")).toObject();
    Usage result;
    result.promptTokens = counts.value(QLatin1String("input_tokens")).toInt();
    result.completionTokens = counts.value(QLatin1String("output_tokens")).toInt();
    result.totalTokens = result.promptTokens + result.completionTokens;
    if (usage.contains(QLatin1String("billed_units")))
        result.raw.insert(QLatin1String("billed_units"), usage.value(QLatin1String("billed_units")));
    return result;
}

HttpRequest CohereAdapter::request(const Target &target, const QByteArray &method, const QString &path, const QJsonObject &body,
                                   bool streaming) const
{
    HttpRequest request = wire::jsonRequest(method, target.endpoint(path), body, streaming);
    request.setHeader("Authorization", "Bearer " + target.apiKey.toUtf8());
    return request;
}

Expected<HttpRequest> CohereAdapter::chatRequest(const ChatRequest &request, const Target &target) const
{
    if (request.n.value_or(1) > 1)
        return unsupported(target, tr("several choices per request (n > 1)"));
    QJsonArray messages;
    for (const Message &message : request.messages) {
        const Expected<QJsonObject> translated = cohereMessage(message, target);
        if (!translated)
            return translated.error();
        messages.append(*translated);
    }
    QJsonObject body{
        {QLatin1String("model"), target.model},
        {QLatin1String("messages"), messages},
        {QLatin1String("stream"), request.stream},
    };
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const Tool &tool : request.tools)
            tools.append(tool.toJson());
        body.insert(QLatin1String("tools"), tools);
        const Expected<bool> choice = applyToolChoice(body, request, target);
        if (!choice)
            return choice.error();
    }
    if (request.responseFormat && request.responseFormat->wantsJson()) {
        QJsonObject format{{QLatin1String("type"), QLatin1String("json_object")}};
        if (request.responseFormat->type == ResponseFormat::Type::JsonSchema)
            format.insert(QLatin1String("json_schema"), request.responseFormat->schema);
        body.insert(QLatin1String("response_format"), format);
    }
    if (const auto limit = request.outputTokenLimit())
        body.insert(QLatin1String("max_tokens"), *limit);
    if (!request.stop.isEmpty())
        body.insert(QLatin1String("stop_sequences"), QJsonArray::fromStringList(request.stop));
    if (request.temperature)
        body.insert(QLatin1String("temperature"), *request.temperature);
    // Cohere's `p` must lie in [0.01, 0.99]; OpenAI's common top_p of 1 would be a 400.
    if (request.topP)
        body.insert(QLatin1String("p"), std::clamp(*request.topP, 0.01, 0.99));
    if (request.seed)
        body.insert(QLatin1String("seed"), *request.seed);
    for (const char *passThrough : {"k", "frequency_penalty", "presence_penalty", "safety_mode", "strict_tools"}) {
        const QJsonValue value = request.extra.value(QLatin1String(passThrough));
        if (!value.isUndefined())
            body.insert(QLatin1String(passThrough), value);
    }
    return this->request(target, "POST", QStringLiteral("/v2/chat"), body, request.stream);
}

Step<ChatCompletion> CohereAdapter::chatResponse(const HttpResponse &response, const ChatRequest &, const Target &target) const
{
    const Expected<QJsonObject> parsed = wire::responseObject(response);
    if (!parsed)
        return parsed.error();
    const QJsonObject object = *parsed;
    const QString reason = object.value(QLatin1String("finish_reason")).toString();
    const QJsonObject message = object.value(QLatin1String("message")).toObject();

    QString text;
    QString thinking;
    const QJsonArray content = message.value(QLatin1String("content")).toArray();
    for (const QJsonValue &item : content) {
        const QJsonObject part = item.toObject();
        const QString type = part.value(QLatin1String("type")).toString();
        if (type == QLatin1String("text"))
            text += part.value(QLatin1String("text")).toString();
        else if (type == QLatin1String("thinking"))
            thinking += part.value(QLatin1String("thinking")).toString();
    }
    if (const std::optional<Error> failed = finishError(reason, QString())) {
        Error error = *failed;
        error.rawBody = response.body.left(4096);
        error.partialText = text;
        return error;
    }

    ChatChoice choice;
    choice.finishReason = finishReason(reason);
    choice.message.role = Message::Role::Assistant;
    const QJsonArray calls = message.value(QLatin1String("tool_calls")).toArray();
    for (const QJsonValue &item : calls) {
        const QJsonObject call = item.toObject();
        const QJsonObject function = call.value(QLatin1String("function")).toObject();
        ToolCall toolCall;
        toolCall.id = call.value(QLatin1String("id")).toString();
        toolCall.name = function.value(QLatin1String("name")).toString();
        const QJsonValue arguments = function.value(QLatin1String("arguments"));
        toolCall.arguments = arguments.isString() ? arguments.toString() : wire::compactJson(arguments);
        choice.message.toolCalls.append(toolCall);
    }
    if (content.isEmpty() && !choice.message.toolCalls.isEmpty()) {
        choice.message.form = Message::ContentForm::Null;
    } else {
        choice.message.content = {ContentPart::fromText(text)};
        choice.message.form = Message::ContentForm::String;
    }
    // tool_plan is the model's reasoning before its calls, never part of the answer.
    choice.message.reasoningContent = thinking + message.value(QLatin1String("tool_plan")).toString();
    if (message.contains(QLatin1String("citations")))
        choice.raw.insert(QLatin1String("citations"), message.value(QLatin1String("citations")));

    ChatCompletion completion;
    completion.id = object.value(QLatin1String("id")).toString();
    completion.created = QDateTime::currentSecsSinceEpoch();
    completion.model = target.model;
    completion.choices = {choice};
    if (object.value(QLatin1String("usage")).isObject())
        completion.usage = usageFromJson(object.value(QLatin1String("usage")).toObject());
    return completion;
}

std::unique_ptr<StreamDecoder> CohereAdapter::chatStreamDecoder(const ChatRequest &, const Target &target) const
{
    return std::make_unique<CohereStreamDecoder>(target.model);
}

Expected<HttpRequest> CohereAdapter::embeddingRequest(const EmbeddingRequest &request, const Target &target) const
{
    if (request.input.size() > MaxEmbedTexts)
        return wire::badRequest(target, tr("Cohere embeds at most %1 texts per request; %2 were given").arg(MaxEmbedTexts).arg(request.input.size()));
    // input_type is required by embed v3 and later. Indexing documents is the
    // common use of a bare "embed these texts" call; callers embedding a
    // search query say so ("search_query", or "query" as Voyage names it).
    QString inputType = request.inputType.isEmpty() ? QStringLiteral("search_document") : request.inputType;
    if (inputType == QLatin1String("query"))
        inputType = QStringLiteral("search_query");
    else if (inputType == QLatin1String("document"))
        inputType = QStringLiteral("search_document");
    QJsonObject body{
        {QLatin1String("model"), target.model},
        {QLatin1String("texts"), QJsonArray::fromStringList(request.input)},
        {QLatin1String("input_type"), inputType},
        {QLatin1String("embedding_types"), QJsonArray{QLatin1String("float")}},
    };
    if (request.dimensions)
        body.insert(QLatin1String("output_dimension"), *request.dimensions);
    const QJsonValue truncate = request.extra.value(QLatin1String("truncate"));
    if (truncate.isString())
        body.insert(QLatin1String("truncate"), truncate);
    return this->request(target, "POST", QStringLiteral("/v2/embed"), body, false);
}

Step<EmbeddingResponse> CohereAdapter::embeddingResponse(const HttpResponse &response, const Target &target) const
{
    const Expected<QJsonObject> parsed = wire::responseObject(response);
    if (!parsed)
        return parsed.error();
    const QJsonValue floats = parsed->value(QLatin1String("embeddings")).toObject().value(QLatin1String("float"));
    if (!floats.isArray()) {
        return wire::providerError(Error::Kind::InvalidResponse, tr("the answer holds no float embeddings"), response.status, response.body);
    }
    EmbeddingResponse result;
    result.model = target.model;
    // Vectors come back in the order of `texts`.
    const QJsonArray vectors = floats.toArray();
    for (qsizetype i = 0; i < vectors.size(); ++i) {
        Embedding embedding;
        embedding.index = int(i);
        const QJsonArray values = vectors.at(i).toArray();
        embedding.vector.reserve(values.size());
        for (const QJsonValue &value : values)
            embedding.vector.append(float(value.toDouble()));
        result.data.append(embedding);
    }
    const QJsonObject billed = parsed->value(QLatin1String("meta")).toObject().value(QLatin1String("billed_units")).toObject();
    if (billed.contains(QLatin1String("input_tokens"))) {
        Usage usage;
        usage.promptTokens = billed.value(QLatin1String("input_tokens")).toInt();
        usage.totalTokens = usage.promptTokens;
        result.usage = usage;
    }
    return result;
}

Expected<HttpRequest> CohereAdapter::modelsRequest(const Target &target) const
{
    HttpRequest request = this->request(target, "GET", QStringLiteral("/v1/models"), {}, false);
    // The largest page the API allows, so most catalogues take one request.
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page_size"), QStringLiteral("1000"));
    request.url.setQuery(query);
    return request;
}

Step<ModelList> CohereAdapter::modelsResponse(const HttpResponse &response, const Target &target) const
{
    const Expected<QJsonObject> parsed = wire::responseObject(response);
    if (!parsed)
        return parsed.error();
    ModelList models = wire::modelsByName(*parsed, target);
    for (ModelInfo &model : models) {
        model.ownedBy = QStringLiteral("cohere");
        if (const QJsonValue context = model.raw.value(QLatin1String("context_length")); context.isDouble())
            model.contextWindow = context.toInteger();
    }
    return models;
}

std::optional<HttpRequest> CohereAdapter::nextModelsPage(const HttpResponse &response, const Target &target) const
{
    const Expected<QJsonObject> page = wire::responseObject(response);
    return wire::nextListingPage(modelsRequest(target), page ? page->value(QLatin1String("next_page_token")).toString() : QString(),
                                 QStringLiteral("page_token"));
}

Error CohereAdapter::errorFromResponse(const HttpResponse &response, const Target &) const
{
    return cohereError(response.body, response.status);
}

} // namespace muxi
