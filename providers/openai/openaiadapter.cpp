#include <muxi/providers/openaiadapter.h>

#include <muxi/providers/openaistreamdecoder.h>
#include <muxi/jsonfields.h>
#include <muxi/providers/wirehelpers.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace muxi {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::OpenAiAdapter", text);
}

Error invalidJson(const HttpResponse &response, const QJsonParseError &parseError)
{
    Error error(Error::Kind::InvalidResponse, tr("the response is not valid JSON: %1").arg(parseError.errorString()));
    error.httpStatus = response.status;
    error.rawBody = response.body.left(2048);
    return error;
}

// Parses a 2xx body; some compatible servers report failures inside a 200.
Expected<QJsonObject> successBody(const HttpResponse &response)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (!document.isObject())
        return invalidJson(response, parseError);
    const QJsonObject object = document.object();
    if (object.value(QLatin1String("error")).isObject() || object.value(QLatin1String("object")).toString() == QLatin1String("error"))
        return OpenAiAdapter::parseErrorBody(response.body, 0);
    return object;
}

QString jsonText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    if (value.isArray() || value.isObject()) {
        const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
        return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
    }
    return {};
}

// Request fields renamed or dropped for services that reject OpenAI's names
// (the provider table's "rename" and "drop" options).
void applyQuirks(QJsonObject &body, const QJsonObject &settings)
{
    const QJsonArray drop = settings.value(QLatin1String("drop")).toArray();
    for (const QJsonValue &name : drop)
        body.remove(name.toString());
    const QJsonObject rename = settings.value(QLatin1String("rename")).toObject();
    for (auto it = rename.begin(); it != rename.end(); ++it) {
        if (body.contains(it.key())) {
            body.insert(it.value().toString(), body.value(it.key()));
            body.remove(it.key());
        }
    }
    if (settings.value(QLatin1String("strip_nulls")).toBool()) {
        for (const QString &key : body.keys()) {
            if (body.value(key).isNull())
                body.remove(key);
        }
    }
}
}

HttpRequest OpenAiAdapter::post(const Target &target, const QString &path, QJsonObject body, bool streaming) const
{
    HttpRequest request;
    request.url = target.endpoint(path);
    const QString apiVersion = target.settings.value(QLatin1String("api_version")).toString();
    if (!apiVersion.isEmpty()) {
        QUrlQuery query(request.url);
        query.addQueryItem(QStringLiteral("api-version"), apiVersion);
        request.url.setQuery(query);
    }
    request.setHeader("Content-Type", "application/json");
    request.setHeader("Accept", streaming ? "text/event-stream" : "application/json");
    if (!target.apiKey.isEmpty()) {
        const QString authHeader = target.settings.value(QLatin1String("auth_header")).toString();
        if (authHeader.isEmpty())
            request.setHeader("Authorization", "Bearer " + target.apiKey.toUtf8());
        else
            request.setHeader(authHeader.toLatin1(), target.apiKey.toUtf8());
    }
    const QJsonObject headers = target.settings.value(QLatin1String("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        request.setHeader(it.key().toLatin1(), it.value().toString().toUtf8());
    const QString organization = target.settings.value(QLatin1String("organization")).toString();
    if (!organization.isEmpty())
        request.setHeader("OpenAI-Organization", organization.toUtf8());
    const QString project = target.settings.value(QLatin1String("project")).toString();
    if (!project.isEmpty())
        request.setHeader("OpenAI-Project", project.toUtf8());
    applyQuirks(body, target.settings);
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.streaming = streaming;
    return request;
}

Expected<HttpRequest> OpenAiAdapter::chatRequest(const ChatRequest &request, const Target &target) const
{
    ChatRequest outgoing = request;
    outgoing.model = target.model;
    // Services that predate max_completion_tokens take only max_tokens, and vice versa.
    const QString limitField = target.settings.value(QLatin1String("max_tokens_field")).toString();
    if (const auto limit = outgoing.outputTokenLimit(); limit && !limitField.isEmpty()) {
        outgoing.maxTokens.reset();
        outgoing.maxCompletionTokens.reset();
        if (limitField == QLatin1String("max_tokens"))
            outgoing.maxTokens = limit;
        else
            outgoing.maxCompletionTokens = limit;
    }
    if (target.settings.value(QLatin1String("no_stream_options")).toBool())
        outgoing.includeUsage = false;
    return post(target, QStringLiteral("/chat/completions"), outgoing.toWireJson(), outgoing.stream);
}

Step<ChatCompletion> OpenAiAdapter::chatResponse(const HttpResponse &response, const ChatRequest &, const Target &) const
{
    const Expected<QJsonObject> object = successBody(response);
    if (!object)
        return object.error();
    return ChatCompletion::fromJson(*object);
}

std::unique_ptr<StreamDecoder> OpenAiAdapter::chatStreamDecoder(const ChatRequest &, const Target &) const
{
    return std::make_unique<OpenAiStreamDecoder>();
}

Expected<HttpRequest> OpenAiAdapter::completionRequest(const CompletionRequest &request, const Target &target) const
{
    CompletionRequest outgoing = request;
    outgoing.model = target.model;
    return post(target, QStringLiteral("/completions"), outgoing.toJson(), outgoing.stream);
}

Step<Completion> OpenAiAdapter::completionResponse(const HttpResponse &response, const Target &) const
{
    const Expected<QJsonObject> object = successBody(response);
    if (!object)
        return object.error();
    return Completion::fromJson(*object);
}

std::unique_ptr<StreamDecoder> OpenAiAdapter::completionStreamDecoder(const Target &) const
{
    return std::make_unique<OpenAiStreamDecoder>(true);
}

Expected<HttpRequest> OpenAiAdapter::embeddingRequest(const EmbeddingRequest &request, const Target &target) const
{
    EmbeddingRequest outgoing = request;
    outgoing.model = target.model;
    // Like OpenAI's own SDK: base64 is a quarter of the size of decimal floats.
    if (outgoing.encodingFormat.isEmpty() && !target.settings.value(QLatin1String("float_embeddings_only")).toBool())
        outgoing.encodingFormat = QStringLiteral("base64");
    return post(target, QStringLiteral("/embeddings"), outgoing.toJson(), false);
}

Step<EmbeddingResponse> OpenAiAdapter::embeddingResponse(const HttpResponse &response, const Target &) const
{
    const Expected<QJsonObject> object = successBody(response);
    if (!object)
        return object.error();
    return EmbeddingResponse::fromJson(*object);
}

Expected<HttpRequest> OpenAiAdapter::modelsRequest(const Target &target) const
{
    HttpRequest request = post(target, QStringLiteral("/models"), {}, false);
    request.method = "GET";
    request.body.clear();
    request.headers.removeIf([](const auto &header) {
        return header.first == "Content-Type";
    });
    return request;
}

namespace {
// What some OpenAI-compatible listings add to the bare shape: OpenRouter's
// rich entries (https://openrouter.ai/docs/api-reference/list-available-models:
// context_length, top_provider.max_completion_tokens, architecture.input_modalities,
// supported_parameters, pricing in dollars per token as strings) and the
// context_length or context_window field others (Groq, Together, Fireworks) send.
void readListingDetails(const QJsonObject &entry, ModelInfo &info)
{
    info.displayName = entry.value(QLatin1String("name")).toString();
    for (const char *field : {"context_length", "context_window"}) {
        if (const QJsonValue value = entry.value(QLatin1String(field)); value.isDouble())
            info.contextWindow = value.toInteger();
    }
    const QJsonValue maxOutput = entry.value(QLatin1String("top_provider")).toObject().value(QLatin1String("max_completion_tokens"));
    if (maxOutput.isDouble())
        info.maxOutputTokens = maxOutput.toInteger();
    const QJsonObject architecture = entry.value(QLatin1String("architecture")).toObject();
    if (architecture.contains(QLatin1String("input_modalities"))) {
        const QStringList inputs = json::stringList(architecture.value(QLatin1String("input_modalities")));
        const QStringList parameters = json::stringList(entry.value(QLatin1String("supported_parameters")));
        Capabilities capabilities = Capability::Chat;
        capabilities.setFlag(Capability::Vision, inputs.contains(QLatin1String("image")));
        capabilities.setFlag(Capability::Audio, inputs.contains(QLatin1String("audio")));
        capabilities.setFlag(Capability::Tools, parameters.contains(QLatin1String("tools")));
        capabilities.setFlag(Capability::JsonMode, parameters.contains(QLatin1String("response_format")));
        capabilities.setFlag(Capability::JsonSchema, parameters.contains(QLatin1String("structured_outputs")));
        info.capabilities = capabilities;
    }
    const QJsonObject pricing = entry.value(QLatin1String("pricing")).toObject();
    auto perMillion = [&pricing](const char *field) -> std::optional<double> {
        bool ok = false;
        const double perToken = pricing.value(QLatin1String(field)).toString().toDouble(&ok);
        return ok && perToken >= 0 ? std::optional(perToken * 1e6) : std::nullopt;
    };
    info.inputPrice = perMillion("prompt");
    info.outputPrice = perMillion("completion");
}
}

Step<ModelList> OpenAiAdapter::modelsResponse(const HttpResponse &response, const Target &target) const
{
    const Expected<QJsonObject> object = successBody(response);
    if (!object)
        return object.error();
    ModelList models;
    const QJsonArray data = object->value(QLatin1String("data")).toArray();
    for (const QJsonValue &v : data) {
        const QJsonObject o = v.toObject();
        ModelInfo info;
        info.id = o.value(QLatin1String("id")).toString();
        info.provider = target.provider.id;
        info.ownedBy = o.value(QLatin1String("owned_by")).toString();
        info.created = o.value(QLatin1String("created")).toInteger();
        readListingDetails(o, info);
        models.append(info);
    }
    return models;
}

std::optional<HttpRequest> OpenAiAdapter::nextModelsPage(const HttpResponse &response, const Target &target) const
{
    return wire::nextListingPage(modelsRequest(target), wire::listCursor(response), QStringLiteral("after"));
}

Error OpenAiAdapter::errorFromResponse(const HttpResponse &response, const Target &) const
{
    return parseErrorBody(response.body, response.status);
}

Error OpenAiAdapter::parseErrorBody(const QByteArray &body, int status)
{
    Error error(status > 0 ? errorKindForHttpStatus(status) : Error::Kind::Server, QString());
    error.httpStatus = status;
    error.rawBody = body.left(4096);
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        const QJsonValue inner = object.value(QLatin1String("error"));
        QJsonObject details;
        if (inner.isObject())
            details = inner.toObject();
        else if (object.value(QLatin1String("object")).toString() == QLatin1String("error"))
            details = object;
        if (!details.isEmpty()) {
            error.message = jsonText(details.value(QLatin1String("message")));
            error.type = jsonText(details.value(QLatin1String("type")));
            error.code = jsonText(details.value(QLatin1String("code")));
            error.param = jsonText(details.value(QLatin1String("param")));
        } else if (inner.isString()) {
            error.message = inner.toString();
        } else if (object.contains(QLatin1String("detail"))) {
            error.message = jsonText(object.value(QLatin1String("detail")));
        } else if (object.contains(QLatin1String("message"))) {
            error.message = jsonText(object.value(QLatin1String("message")));
        }
    } else {
        error.message = QString::fromUtf8(body.trimmed().left(500));
    }
    if (error.message.isEmpty())
        error.message = status > 0 ? tr("HTTP status %1 with no error message").arg(status) : tr("the server reported an error");

    const auto is = [&](const char *name) {
        return error.code == QLatin1String(name) || error.type == QLatin1String(name);
    };
    if (is("insufficient_quota") || is("billing_hard_limit_reached"))
        error.kind = Error::Kind::Quota;
    else if (is("context_length_exceeded") || error.message.contains(QLatin1String("maximum context length")))
        error.kind = Error::Kind::ContextLength;
    else if (is("content_filter") || is("content_policy_violation"))
        error.kind = Error::Kind::ContentFilter;
    else if (is("rate_limit_exceeded"))
        error.kind = Error::Kind::RateLimit;
    else if (is("invalid_api_key") || is("authentication_error"))
        error.kind = Error::Kind::Authentication;
    else if (is("model_not_found"))
        error.kind = Error::Kind::NotFound;
    else if (is("overloaded_error") || is("server_overloaded"))
        error.kind = Error::Kind::Overloaded;
    return error;
}

} // namespace muxi
