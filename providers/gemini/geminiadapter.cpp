#include <muxi/providers/geminiadapter.h>

#include <muxi/providers/geminicandidate.h>
#include <muxi/providers/geminischema.h>
#include <muxi/providers/geministreamdecoder.h>

#include <muxi/providers/wirehelpers.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QRandomGenerator>

#include <chrono>

namespace muxi {

using wire::key;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::GeminiAdapter", text);
}

// The model's resource name: "models/<id>" unless the caller gave a full one
// (tunedModels/…). QUrl percent-encodes what a path segment cannot hold.
QString modelResource(const QString &model)
{
    if (model.startsWith(QLatin1String("models/")) || model.startsWith(QLatin1String("tunedModels/")))
        return model;
    return QLatin1String("models/") + model;
}

QUrl modelEndpoint(const Target &target, const QString &method)
{
    return wire::versionedEndpoint(target, QStringLiteral("/v1beta"), QLatin1Char('/') + modelResource(target.model) + QLatin1Char(':') + method);
}

HttpRequest jsonRequest(const Target &target, const QUrl &url, const QJsonObject &body, bool streaming)
{
    HttpRequest request = wire::jsonRequest("POST", url, body, streaming);
    if (!target.apiKey.isEmpty())
        request.setHeader("x-goog-api-key", target.apiKey.toUtf8());
    return request;
}

QJsonObject inlineData(const QString &mimeType, const QByteArray &bytes)
{
    return {{key("inlineData"), QJsonObject{{key("mimeType"), mimeType}, {key("data"), QString::fromLatin1(bytes.toBase64())}}}};
}

// https://ai.google.dev/gemini-api/docs/audio lists audio/wav, audio/mp3,
// audio/aiff, audio/aac, audio/ogg and audio/flac.
QString audioMimeType(const ContentPart &part)
{
    if (!part.mimeType.isEmpty())
        return part.mimeType;
    const QString format = part.audioFormat.toLower();
    return QLatin1String("audio/") + (format == QLatin1String("mpeg") ? QStringLiteral("mp3") : format);
}

QJsonObject fileData(const ContentPart &part)
{
    QJsonObject reference{{key("fileUri"), part.url.toString(QUrl::FullyEncoded)}};
    QString mimeType = part.mimeType;
    if (mimeType.isEmpty()) {
        const QMimeType guessed = QMimeDatabase().mimeTypeForFile(part.url.fileName(), QMimeDatabase::MatchExtension);
        if (!guessed.isDefault())
            mimeType = guessed.name();
    }
    if (!mimeType.isEmpty())
        reference.insert(key("mimeType"), mimeType);
    return {{key("fileData"), reference}};
}

Expected<QJsonArray> userParts(const QList<ContentPart> &content, const Target &target)
{
    QJsonArray parts;
    for (const ContentPart &part : content) {
        switch (part.type) {
        case ContentPart::Type::Text:
        case ContentPart::Type::Refusal:
            if (!part.text.isEmpty())
                parts.append(QJsonObject{{key("text"), part.text}});
            break;
        case ContentPart::Type::Image:
            parts.append(part.hasInlineData() ? inlineData(part.mimeType, part.data) : fileData(part));
            break;
        case ContentPart::Type::Audio:
            parts.append(inlineData(audioMimeType(part), part.data));
            break;
        case ContentPart::Type::File:
            if (!part.hasInlineData())
                return wire::unsupportedInput(target, tr("files by id; send the file's bytes"));
            parts.append(inlineData(part.mimeType, part.data));
            break;
        case ContentPart::Type::Other:
            return wire::unsupportedInput(target, tr("content parts of type \"%1\"").arg(part.raw.value(key("type")).toString()));
        }
    }
    return parts;
}

Expected<QJsonArray> modelParts(const Message &message, const Target &target)
{
    QJsonArray parts;
    // The signature goes back on the text part, even an empty one: a streamed
    // answer may have carried it on an empty closing part.
    const QJsonArray signatures = message.raw.value(key("thought_signatures")).toArray();
    if (!message.text().isEmpty() || !signatures.isEmpty()) {
        QJsonObject text{{key("text"), message.text()}};
        if (!signatures.isEmpty())
            text.insert(key("thoughtSignature"), signatures.last());
        parts.append(text);
    }
    for (const ToolCall &call : message.toolCalls) {
        const Expected<QJsonObject> args = wire::argumentsObject(call, target);
        if (!args)
            return args.error();
        QJsonObject part{{key("functionCall"), QJsonObject{{key("name"), call.name}, {key("args"), *args}}}};
        if (call.raw.contains(key("thought_signature")))
            part.insert(key("thoughtSignature"), call.raw.value(key("thought_signature")));
        parts.append(part);
    }
    return parts;
}

// functionResponse needs the function's name, which OpenAI's tool message does
// not carry: the nearest earlier assistant message that made the call has it.
Expected<QString> calledFunction(const QList<Message> &messages, qsizetype toolMessage)
{
    const Message &result = messages.at(toolMessage);
    for (qsizetype i = toolMessage - 1; i >= 0; --i) {
        for (const ToolCall &call : messages.at(i).toolCalls) {
            if (call.id == result.toolCallId)
                return call.name;
        }
    }
    if (!result.name.isEmpty())
        return result.name;
    return Error(Error::Kind::BadRequest,
                 tr("the tool result for %1 answers no tool call of the conversation, so its function is unknown").arg(result.toolCallId));
}

// `response` must be an object: a JSON object result is sent as it is, anything else as {"result": …}.
QJsonObject functionResponse(const QString &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (document.isObject())
        return document.object();
    if (document.isArray())
        return {{key("result"), document.array()}};
    return {{key("result"), text}};
}

struct Conversation {
    QJsonArray system;
    QJsonArray contents;
};

Expected<Conversation> translateMessages(const QList<Message> &messages, const Target &target)
{
    Conversation conversation;
    QList<std::pair<QString, QJsonArray>> turns;
    auto append = [&turns](const QString &role, const QJsonArray &parts) {
        if (parts.isEmpty())
            return;
        if (turns.isEmpty() || turns.last().first != role)
            turns.append({role, {}});
        for (const QJsonValue &part : parts)
            turns.last().second.append(part);
    };
    const QString user = QStringLiteral("user");
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const Message &message = messages.at(i);
        switch (message.role) {
        case Message::Role::System:
        case Message::Role::Developer:
            if (!message.text().isEmpty())
                conversation.system.append(QJsonObject{{key("text"), message.text()}});
            break;
        case Message::Role::User: {
            const Expected<QJsonArray> parts = userParts(message.content, target);
            if (!parts)
                return parts.error();
            append(user, *parts);
            break;
        }
        case Message::Role::Assistant: {
            const Expected<QJsonArray> parts = modelParts(message, target);
            if (!parts)
                return parts.error();
            append(QStringLiteral("model"), *parts);
            break;
        }
        case Message::Role::Tool: {
            const Expected<QString> name = calledFunction(messages, i);
            if (!name)
                return name.error();
            const QJsonObject part{{key("functionResponse"),
                                    QJsonObject{{key("name"), *name}, {key("response"), functionResponse(message.text())}}}};
            append(user, {part});
            break;
        }
        }
    }
    for (const auto &[role, parts] : std::as_const(turns))
        conversation.contents.append(QJsonObject{{key("role"), role}, {key("parts"), parts}});
    return conversation;
}

QJsonArray toolDeclarations(const QList<Tool> &tools)
{
    QJsonArray declarations;
    for (const Tool &tool : tools) {
        QJsonObject declaration{{key("name"), tool.name}};
        if (!tool.description.isEmpty())
            declaration.insert(key("description"), tool.description);
        if (!tool.parameters.isEmpty())
            declaration.insert(key("parameters"), GeminiSchema::fromJsonSchema(tool.parameters));
        declarations.append(declaration);
    }
    return declarations;
}

Expected<QJsonObject> toolConfig(const QJsonValue &value)
{
    const Expected<wire::ToolChoice> choice = wire::readToolChoice(value);
    if (!choice)
        return choice.error();
    using Mode = wire::ToolChoice::Mode;
    QJsonObject config;
    switch (choice->mode) {
    case Mode::Unset:
        return config;
    case Mode::Auto:
        config.insert(key("mode"), key("AUTO"));
        break;
    case Mode::None:
        config.insert(key("mode"), key("NONE"));
        break;
    case Mode::Required:
        config.insert(key("mode"), key("ANY"));
        break;
    case Mode::Function:
        config = {{key("mode"), key("ANY")}, {key("allowedFunctionNames"), QJsonArray{choice->function}}};
        break;
    }
    return QJsonObject{{key("functionCallingConfig"), config}};
}

Expected<QJsonObject> generationConfig(const ChatRequest &request)
{
    QJsonObject config;
    if (request.temperature)
        config.insert(key("temperature"), *request.temperature);
    if (request.topP)
        config.insert(key("topP"), *request.topP);
    if (const auto limit = request.outputTokenLimit())
        config.insert(key("maxOutputTokens"), *limit);
    if (request.stop.size() > GeminiAdapter::MaxStopSequences)
        return Error(Error::Kind::BadRequest, tr("Gemini takes at most %1 stop sequences, not %2").arg(GeminiAdapter::MaxStopSequences).arg(request.stop.size()));
    if (!request.stop.isEmpty())
        config.insert(key("stopSequences"), QJsonArray::fromStringList(request.stop));
    if (request.n)
        config.insert(key("candidateCount"), *request.n);
    if (request.seed)
        config.insert(key("seed"), *request.seed);
    if (request.extra.contains(key("top_k")))
        config.insert(key("topK"), request.extra.value(key("top_k")));
    if (request.wantsJson()) {
        config.insert(key("responseMimeType"), QStringLiteral("application/json"));
        if (request.responseFormat->type == ResponseFormat::Type::JsonSchema && !request.responseFormat->schema.isEmpty())
            config.insert(key("responseSchema"), GeminiSchema::fromJsonSchema(request.responseFormat->schema));
    }
    return config;
}

// https://ai.google.dev/gemini-api/docs/embeddings#task-types; OpenAI-world
// names (Cohere's, Voyage's) map to the nearest Gemini task.
std::optional<QString> taskType(const QString &inputType)
{
    static const QStringList native = {
        QStringLiteral("RETRIEVAL_QUERY"),      QStringLiteral("RETRIEVAL_DOCUMENT"), QStringLiteral("SEMANTIC_SIMILARITY"),
        QStringLiteral("CLASSIFICATION"),       QStringLiteral("CLUSTERING"),         QStringLiteral("QUESTION_ANSWERING"),
        QStringLiteral("FACT_VERIFICATION"),    QStringLiteral("CODE_RETRIEVAL_QUERY"),
    };
    const QString upper = inputType.toUpper();
    if (native.contains(upper))
        return upper;
    const QString lower = inputType.toLower();
    if (lower == QLatin1String("query") || lower == QLatin1String("search_query"))
        return QStringLiteral("RETRIEVAL_QUERY");
    if (lower == QLatin1String("document") || lower == QLatin1String("search_document") || lower == QLatin1String("passage"))
        return QStringLiteral("RETRIEVAL_DOCUMENT");
    if (lower == QLatin1String("similarity"))
        return QStringLiteral("SEMANTIC_SIMILARITY");
    return std::nullopt;
}

QList<float> floats(const QJsonArray &values)
{
    QList<float> vector;
    vector.reserve(values.size());
    for (const QJsonValue &value : values)
        vector.append(float(value.toDouble()));
    return vector;
}

// google.rpc.RetryInfo's retryDelay is a protobuf Duration in JSON: "13s", "0.5s".
std::optional<std::chrono::milliseconds> retryDelay(const QJsonArray &details)
{
    for (const QJsonValue &value : details) {
        const QString delay = value.toObject().value(key("retryDelay")).toString();
        if (!delay.endsWith(QLatin1Char('s')))
            continue;
        bool ok = false;
        const double seconds = delay.chopped(1).toDouble(&ok);
        if (ok && seconds >= 0)
            return std::chrono::milliseconds(qint64(seconds * 1000.0));
    }
    return std::nullopt;
}
}

Expected<HttpRequest> GeminiAdapter::chatRequest(const ChatRequest &request, const Target &target) const
{
    const Expected<Conversation> conversation = translateMessages(request.messages, target);
    if (!conversation)
        return conversation.error();
    QJsonObject body{{key("contents"), conversation->contents}};
    if (!conversation->system.isEmpty())
        body.insert(key("systemInstruction"), QJsonObject{{key("parts"), conversation->system}});
    if (!request.tools.isEmpty()) {
        body.insert(key("tools"), QJsonArray{QJsonObject{{key("functionDeclarations"), toolDeclarations(request.tools)}}});
        const Expected<QJsonObject> config = toolConfig(request.toolChoice);
        if (!config)
            return config.error();
        if (!config->isEmpty())
            body.insert(key("toolConfig"), *config);
    }
    const Expected<QJsonObject> generation = generationConfig(request);
    if (!generation)
        return generation.error();
    if (!generation->isEmpty())
        body.insert(key("generationConfig"), *generation);
    if (request.extra.contains(key("safety_settings")))
        body.insert(key("safetySettings"), request.extra.value(key("safety_settings")));

    if (!request.stream)
        return jsonRequest(target, modelEndpoint(target, QStringLiteral("generateContent")), body, false);
    // Without alt=sse the stream is one JSON array sent piecemeal, not SSE.
    const QUrl url = modelEndpoint(target, QStringLiteral("streamGenerateContent"));
    return jsonRequest(target, wire::withQueryItem(url, QStringLiteral("alt"), QStringLiteral("sse")), body, true);
}

Step<ChatCompletion> GeminiAdapter::chatResponse(const HttpResponse &response, const ChatRequest &, const Target &) const
{
    const Expected<QJsonObject> object = wire::responseObject(response);
    if (!object)
        return object.error();
    if (object->value(key("error")).isObject())
        return parseError(response.body, response.status);
    if (std::optional<Error> blocked = blockedPrompt(*object)) {
        blocked->httpStatus = response.status;
        return *blocked;
    }
    const QJsonArray candidates = object->value(key("candidates")).toArray();
    if (candidates.isEmpty()) {
        Error error(Error::Kind::InvalidResponse, tr("the answer holds no candidates"));
        error.rawBody = response.body.left(2048);
        return error;
    }

    ChatCompletion completion;
    completion.id = object->value(key("responseId")).toString();
    completion.model = object->value(key("modelVersion")).toString();
    completion.created = QDateTime::currentSecsSinceEpoch();
    const QString prefix = callIdPrefix(*object);
    int calls = 0;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        GeminiCandidate candidate = GeminiCandidate::fromJson(candidates.at(i).toObject(), int(i));
        ChatChoice choice;
        choice.index = candidate.index;
        Message &message = choice.message;
        message.role = Message::Role::Assistant;
        for (ToolCall &call : candidate.toolCalls)
            call.id = prefix + QString::number(calls++);
        message.toolCalls = candidate.toolCalls;
        if (candidate.text.isEmpty() && !candidate.toolCalls.isEmpty()) {
            message.form = Message::ContentForm::Null;
        } else {
            message.form = Message::ContentForm::String;
            message.content = {ContentPart::fromText(candidate.text)};
        }
        message.reasoningContent = candidate.reasoning;
        if (!candidate.thoughtSignatures.isEmpty())
            message.raw.insert(key("thought_signatures"), QJsonArray::fromStringList(candidate.thoughtSignatures));
        choice.finishReason = candidate.finishReason(!candidate.toolCalls.isEmpty());
        choice.raw = candidate.finishDetails();
        completion.choices.append(choice);
    }
    if (object->value(key("usageMetadata")).isObject())
        completion.usage = usageFrom(object->value(key("usageMetadata")).toObject());
    return completion;
}

std::unique_ptr<StreamDecoder> GeminiAdapter::chatStreamDecoder(const ChatRequest &, const Target &) const
{
    return std::make_unique<GeminiStreamDecoder>();
}

Expected<HttpRequest> GeminiAdapter::embeddingRequest(const EmbeddingRequest &request, const Target &target) const
{
    if (request.input.isEmpty())
        return Error(Error::Kind::BadRequest, tr("an embedding request needs at least one input"));
    QJsonObject options;
    if (!request.inputType.isEmpty()) {
        const std::optional<QString> task = taskType(request.inputType);
        if (!task) {
            return Error(Error::Kind::BadRequest,
                         tr("unknown input_type \"%1\" for Gemini; use a task type such as RETRIEVAL_QUERY, RETRIEVAL_DOCUMENT, "
                            "SEMANTIC_SIMILARITY, CLASSIFICATION or CLUSTERING")
                             .arg(request.inputType));
        }
        options.insert(key("taskType"), *task);
    }
    if (request.dimensions)
        options.insert(key("outputDimensionality"), *request.dimensions);
    auto content = [](const QString &text) {
        return QJsonObject{{key("parts"), QJsonArray{QJsonObject{{key("text"), text}}}}};
    };

    if (request.input.size() == 1) {
        QJsonObject body = options;
        body.insert(key("content"), content(request.input.first()));
        return jsonRequest(target, modelEndpoint(target, QStringLiteral("embedContent")), body, false);
    }
    // Each batch item names its model again, with the "models/" prefix.
    QJsonArray items;
    for (const QString &text : request.input) {
        QJsonObject item = options;
        item.insert(key("model"), modelResource(target.model));
        item.insert(key("content"), content(text));
        items.append(item);
    }
    return jsonRequest(target, modelEndpoint(target, QStringLiteral("batchEmbedContents")), {{key("requests"), items}}, false);
}

Step<EmbeddingResponse> GeminiAdapter::embeddingResponse(const HttpResponse &response, const Target &target) const
{
    const Expected<QJsonObject> object = wire::responseObject(response);
    if (!object)
        return object.error();
    EmbeddingResponse result;
    result.model = target.model;
    // embedContent answers {"embedding":{…}}, batchEmbedContents {"embeddings":[…]} in input order.
    QJsonArray embeddings = object->value(key("embeddings")).toArray();
    if (object->value(key("embedding")).isObject())
        embeddings = {object->value(key("embedding"))};
    for (qsizetype i = 0; i < embeddings.size(); ++i)
        result.data.append(Embedding{int(i), floats(embeddings.at(i).toObject().value(key("values")).toArray())});
    return result;
}

Expected<HttpRequest> GeminiAdapter::modelsRequest(const Target &target) const
{
    HttpRequest request;
    request.method = "GET";
    request.url = wire::versionedEndpoint(target, QStringLiteral("/v1beta"), QStringLiteral("/models"));
    // The largest page the API allows, so most catalogues take one request.
    request.url = wire::withQueryItem(request.url, QStringLiteral("pageSize"), QStringLiteral("1000"));
    if (!target.apiKey.isEmpty())
        request.setHeader("x-goog-api-key", target.apiKey.toUtf8());
    request.setHeader("Accept", "application/json");
    return request;
}

Step<ModelList> GeminiAdapter::modelsResponse(const HttpResponse &response, const Target &target) const
{
    const Expected<QJsonObject> object = wire::responseObject(response);
    if (!object)
        return object.error();
    ModelList models;
    const QJsonArray entries = object->value(key("models")).toArray();
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        ModelInfo info;
        info.id = entry.value(key("name")).toString();
        if (info.id.startsWith(QLatin1String("models/")))
            info.id.remove(0, 7);
        info.provider = target.provider.id;
        info.ownedBy = QStringLiteral("google");
        for (const char *field : {"displayName", "inputTokenLimit", "outputTokenLimit", "supportedGenerationMethods"}) {
            if (entry.contains(key(field)))
                info.raw.insert(key(field), entry.value(key(field)));
        }
        info.displayName = entry.value(key("displayName")).toString();
        if (entry.value(key("inputTokenLimit")).isDouble())
            info.contextWindow = entry.value(key("inputTokenLimit")).toInteger();
        if (entry.value(key("outputTokenLimit")).isDouble())
            info.maxOutputTokens = entry.value(key("outputTokenLimit")).toInteger();
        models.append(info);
    }
    return models;
}

std::optional<HttpRequest> GeminiAdapter::nextModelsPage(const HttpResponse &response, const Target &target) const
{
    const Expected<QJsonObject> page = wire::responseObject(response);
    return wire::nextListingPage(modelsRequest(target), page ? page->value(QLatin1String("nextPageToken")).toString() : QString(),
                                 QStringLiteral("pageToken"));
}

Error GeminiAdapter::errorFromResponse(const HttpResponse &response, const Target &) const
{
    return parseError(response.body, response.status);
}

Error GeminiAdapter::parseError(const QByteArray &body, int status)
{
    const Error::Kind statusKind = wire::statusKind(status);
    const QJsonDocument document = QJsonDocument::fromJson(body);
    // streamGenerateContent without alt=sse wraps everything, errors included, in an array.
    const QJsonObject object = document.isArray() ? document.array().at(0).toObject() : document.object();
    const QJsonObject details = object.value(key("error")).toObject();
    if (details.isEmpty())
        return wire::providerError(statusKind, QString::fromUtf8(body.trimmed().left(500)), status, body);

    Error error = wire::providerError(statusKind, details.value(key("message")).toString(), status, body);
    const QString statusName = details.value(key("status")).toString();
    error.type = statusName;
    error.code = statusName;
    if (error.httpStatus == 0)
        error.httpStatus = details.value(key("code")).toInt();

    // https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
    static const QList<std::pair<QLatin1String, Error::Kind>> kinds = {
        {key("INVALID_ARGUMENT"), Error::Kind::BadRequest},     {key("FAILED_PRECONDITION"), Error::Kind::BadRequest},
        {key("OUT_OF_RANGE"), Error::Kind::BadRequest},         {key("UNAUTHENTICATED"), Error::Kind::Authentication},
        {key("PERMISSION_DENIED"), Error::Kind::Permission},    {key("NOT_FOUND"), Error::Kind::NotFound},
        {key("RESOURCE_EXHAUSTED"), Error::Kind::RateLimit},    {key("INTERNAL"), Error::Kind::Server},
        {key("UNKNOWN"), Error::Kind::Server},                  {key("UNAVAILABLE"), Error::Kind::Overloaded},
        {key("DEADLINE_EXCEEDED"), Error::Kind::Timeout},       {key("UNIMPLEMENTED"), Error::Kind::Unsupported},
        {key("CANCELLED"), Error::Kind::Server},                {key("ABORTED"), Error::Kind::Server},
    };
    for (const auto &[name, kind] : kinds) {
        if (statusName == name)
            error.kind = kind;
    }
    const QJsonArray extra = details.value(key("details")).toArray();
    for (const QJsonValue &value : extra) {
        const QString reason = value.toObject().value(key("reason")).toString();
        if (reason.isEmpty())
            continue;
        error.code = reason;
        // A bad key is a 400 INVALID_ARGUMENT whose detail says API_KEY_INVALID.
        if (reason == QLatin1String("API_KEY_INVALID"))
            error.kind = Error::Kind::Authentication;
    }
    error.retryAfter = retryDelay(extra);
    if (error.kind == Error::Kind::BadRequest && error.message.contains(QLatin1String("exceeds the maximum number of tokens")))
        error.kind = Error::Kind::ContextLength;
    return error;
}

std::optional<Error> GeminiAdapter::blockedPrompt(const QJsonObject &response)
{
    const QJsonObject feedback = response.value(key("promptFeedback")).toObject();
    const QString reason = feedback.value(key("blockReason")).toString();
    if (reason.isEmpty() || !response.value(key("candidates")).toArray().isEmpty())
        return std::nullopt;
    QString message = tr("Gemini blocked the prompt (%1)").arg(reason);
    const QString explanation = feedback.value(key("blockReasonMessage")).toString();
    if (!explanation.isEmpty())
        message += QLatin1String(": ") + explanation;
    Error error(Error::Kind::ContentFilter, message);
    error.code = reason;
    error.type = QStringLiteral("prompt_blocked");
    error.rawBody = QJsonDocument(response).toJson(QJsonDocument::Compact).left(4096);
    return error;
}

Usage GeminiAdapter::usageFrom(const QJsonObject &usageMetadata)
{
    Usage usage;
    const int thoughts = usageMetadata.value(key("thoughtsTokenCount")).toInt();
    usage.promptTokens = usageMetadata.value(key("promptTokenCount")).toInt();
    usage.completionTokens = usageMetadata.value(key("candidatesTokenCount")).toInt() + thoughts;
    usage.totalTokens = usageMetadata.value(key("totalTokenCount")).toInt(usage.promptTokens + usage.completionTokens);
    if (usageMetadata.contains(key("cachedContentTokenCount")))
        usage.cachedTokens = usageMetadata.value(key("cachedContentTokenCount")).toInt();
    if (usageMetadata.contains(key("thoughtsTokenCount")))
        usage.reasoningTokens = thoughts;
    return usage;
}

QString GeminiAdapter::callIdPrefix(const QJsonObject &response)
{
    QString id = response.value(key("responseId")).toString();
    if (id.isEmpty())
        id = QString::number(QRandomGenerator::global()->generate(), 16);
    return QLatin1String("call_") + id + QLatin1Char('_');
}

} // namespace muxi
