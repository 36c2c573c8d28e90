#include <muxi/providers/tgiadapter.h>

#include <muxi/providers/tgistreamdecoder.h>
#include <muxi/providers/wirehelpers.h>

#include <muxi/providers/prompttemplate.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace muxi {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::TgiAdapter", text);
}

// TGI accepts at most four stop sequences unless started with a higher --max-stop-sequences.
constexpr qsizetype MaxStopSequences = 4;

QJsonObject parameters(const ChatRequest &request, const PromptTemplate &style)
{
    QJsonObject parameters{
        {QLatin1String("details"), true},
        {QLatin1String("return_full_text"), false},
    };
    if (const auto limit = request.outputTokenLimit())
        parameters.insert(QLatin1String("max_new_tokens"), *limit);
    // TGI rejects a temperature of 0 and a top_p of 1 (both must lie
    // strictly inside their range); greedy decoding is do_sample:false.
    bool sample = false;
    if (request.temperature && *request.temperature > 0) {
        parameters.insert(QLatin1String("temperature"), *request.temperature);
        sample = true;
    }
    if (request.topP && *request.topP > 0 && *request.topP < 1) {
        parameters.insert(QLatin1String("top_p"), *request.topP);
        sample = true;
    }
    parameters.insert(QLatin1String("do_sample"), sample);
    const QStringList stop = style.stopSequences(request.stop, MaxStopSequences);
    if (!stop.isEmpty())
        parameters.insert(QLatin1String("stop"), QJsonArray::fromStringList(stop));
    if (request.seed)
        parameters.insert(QLatin1String("seed"), *request.seed);
    for (const char *passThrough : {"top_k", "repetition_penalty", "frequency_penalty", "typical_p", "watermark"}) {
        const QJsonValue value = request.extra.value(QLatin1String(passThrough));
        if (!value.isUndefined())
            parameters.insert(QLatin1String(passThrough), value);
    }
    // JSON output is TGI's grammar-constrained decoding.
    if (request.responseFormat && request.responseFormat->wantsJson()) {
        const QJsonObject schema = request.responseFormat->type == ResponseFormat::Type::JsonSchema
            ? request.responseFormat->schema
            : QJsonObject{{QLatin1String("type"), QLatin1String("object")}};
        parameters.insert(QLatin1String("grammar"), QJsonObject{{QLatin1String("type"), QLatin1String("json")}, {QLatin1String("value"), schema}});
    }
    return parameters;
}
}

QString TgiAdapter::finishReason(const QString &tgiReason)
{
    return tgiReason == QLatin1String("length") ? QStringLiteral("length") : QStringLiteral("stop");
}

Usage TgiAdapter::usageFromDetails(const QJsonObject &details)
{
    Usage usage;
    usage.completionTokens = details.value(QLatin1String("generated_tokens")).toInt();
    // Prompt tokens are reported only by newer servers, as input_length.
    usage.promptTokens = details.value(QLatin1String("input_length")).toInt();
    usage.totalTokens = usage.promptTokens + usage.completionTokens;
    return usage;
}

Error TgiAdapter::parseError(const QByteArray &body, int status)
{
    QString message;
    QString type;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        message = document.object().value(QLatin1String("error")).toString();
        type = document.object().value(QLatin1String("error_type")).toString();
    } else {
        message = QString::fromUtf8(body.trimmed().left(500));
    }
    Error::Kind kind = wire::statusKind(status);
    if (type == QLatin1String("overloaded"))
        kind = Error::Kind::Overloaded;
    else if (type == QLatin1String("validation") || type == QLatin1String("template_error") || type == QLatin1String("tool_error"))
        kind = Error::Kind::BadRequest;
    else if (type == QLatin1String("generation") || type == QLatin1String("incomplete_generation"))
        kind = Error::Kind::Server;
    if (kind == Error::Kind::BadRequest && wire::isContextOverflow(message))
        kind = Error::Kind::ContextLength;
    Error error = wire::providerError(kind, message, status, body);
    error.type = type;
    return error;
}

Expected<HttpRequest> TgiAdapter::chatRequest(const ChatRequest &request, const Target &target) const
{
    if (!request.tools.isEmpty())
        return unsupported(target, tr("tool calls on /generate; use its Messages API through the openai family"));
    if (request.needsVision() || request.needsAudio())
        return unsupported(target, tr("image or audio input on /generate"));
    if (request.n.value_or(1) > 1)
        return unsupported(target, tr("several choices per request (n > 1)"));
    const Expected<PromptTemplate> style = PromptTemplate::fromSettings(target, PromptTemplate::Style::ChatMl);
    if (!style)
        return style.error();
    const Expected<QString> prompt = style->render(request.messages, target);
    if (!prompt)
        return prompt.error();
    const QJsonObject body{
        {QLatin1String("inputs"), *prompt},
        {QLatin1String("parameters"), parameters(request, *style)},
    };
    HttpRequest http = wire::jsonRequest("POST", target.endpoint(request.stream ? QStringLiteral("/generate_stream") : QStringLiteral("/generate")),
                                         body, request.stream);
    if (!target.apiKey.isEmpty())
        http.setHeader("Authorization", "Bearer " + target.apiKey.toUtf8());
    return http;
}

Step<ChatCompletion> TgiAdapter::chatResponse(const HttpResponse &response, const ChatRequest &, const Target &target) const
{
    // /generate answers with an object; the Inference API's copy of it with a one-element array.
    const QJsonDocument document = QJsonDocument::fromJson(response.body);
    QJsonObject object;
    if (document.isArray() && !document.array().isEmpty()) {
        object = document.array().first().toObject();
    } else {
        const Expected<QJsonObject> parsed = wire::responseObject(response);
        if (!parsed)
            return parsed.error();
        object = *parsed;
    }
    if (object.contains(QLatin1String("error")))
        return parseError(response.body, 0);
    const QJsonObject details = object.value(QLatin1String("details")).toObject();

    ChatChoice choice;
    choice.message = Message::assistant(object.value(QLatin1String("generated_text")).toString());
    choice.finishReason = finishReason(details.value(QLatin1String("finish_reason")).toString());
    ChatCompletion completion;
    completion.created = QDateTime::currentSecsSinceEpoch();
    completion.model = target.model;
    completion.choices = {choice};
    if (!details.isEmpty())
        completion.usage = usageFromDetails(details);
    return completion;
}

std::unique_ptr<StreamDecoder> TgiAdapter::chatStreamDecoder(const ChatRequest &, const Target &target) const
{
    return std::make_unique<TgiStreamDecoder>(target.model);
}

Expected<HttpRequest> TgiAdapter::modelsRequest(const Target &target) const
{
    // A TGI server serves one model; /info names it.
    HttpRequest http = wire::jsonRequest("GET", target.endpoint(QStringLiteral("/info")), {}, false);
    if (!target.apiKey.isEmpty())
        http.setHeader("Authorization", "Bearer " + target.apiKey.toUtf8());
    return http;
}

Step<ModelList> TgiAdapter::modelsResponse(const HttpResponse &response, const Target &target) const
{
    const Expected<QJsonObject> parsed = wire::responseObject(response);
    if (!parsed)
        return parsed.error();
    ModelInfo info;
    info.id = parsed->value(QLatin1String("model_id")).toString();
    info.provider = target.provider.id;
    info.raw = *parsed;
    return ModelList{info};
}

Error TgiAdapter::errorFromResponse(const HttpResponse &response, const Target &) const
{
    return parseError(response.body, response.status);
}

} // namespace muxi
