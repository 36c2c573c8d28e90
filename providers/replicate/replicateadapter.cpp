#include <muxi/providers/replicateadapter.h>

#include <muxi/providers/replicatestreamdecoder.h>

#include <muxi/providers/prompttemplate.h>
#include <muxi/providers/wirehelpers.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace muxi {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::ReplicateAdapter", text);
}

Error failure(Error::Kind kind, const QString &message, const Target &target)
{
    Error error(kind, message);
    error.provider = target.provider.id;
    error.model = target.model;
    return error;
}

// The token goes only where the API itself lives: urls.stream may name
// another host, which must not see it.
bool sameOrigin(const QUrl &url, const QUrl &base)
{
    return url.scheme() == base.scheme() && url.host() == base.host() && url.port() == base.port();
}

HttpRequest follow(const QUrl &url, const Target &target)
{
    HttpRequest request;
    request.method = "GET";
    request.url = url;
    if (sameOrigin(url, target.baseUrl))
        request.setHeader("Authorization", "Bearer " + target.apiKey.toUtf8());
    return request;
}

// Language models answer with an array of text fragments; some with one string.
QString outputText(const QJsonValue &output)
{
    if (output.isString())
        return output.toString();
    if (output.isArray()) {
        QString text;
        for (const QJsonValue &piece : output.toArray())
            text += piece.toString();
        return text;
    }
    if (output.isObject())
        return wire::compactJson(output);
    return {};
}
}

Expected<HttpRequest> ReplicateAdapter::chatRequest(const ChatRequest &request, const Target &target) const
{
    const qsizetype colon = target.model.indexOf(QLatin1Char(':'));
    const QString model = colon < 0 ? target.model : target.model.left(colon);
    const QString version = colon < 0 ? QString() : target.model.mid(colon + 1);
    if (model.count(QLatin1Char('/')) != 1 || model.startsWith(QLatin1Char('/')) || model.endsWith(QLatin1Char('/')))
        return failure(Error::Kind::BadRequest, tr("Replicate models are named owner/model or owner/model:version, not %1").arg(target.model), target);

    const Expected<PromptTemplate> style = PromptTemplate::fromSettings(target, PromptTemplate::Style::Transcript);
    if (!style)
        return style.error();
    // System messages go in system_prompt, apart from the prompt.
    const Expected<QString> prompt = style->render(PromptTemplate::withoutSystem(request.messages), target);
    if (!prompt)
        return prompt.error();
    QJsonObject input{{QLatin1String("prompt"), *prompt}};
    const QString system = PromptTemplate::system(request.messages);
    if (!system.isEmpty())
        input.insert(QLatin1String("system_prompt"), system);
    if (const auto limit = request.outputTokenLimit())
        input.insert(target.settings.value(QLatin1String("max_tokens_field")).toString(QStringLiteral("max_tokens")), *limit);
    if (request.temperature)
        input.insert(QLatin1String("temperature"), *request.temperature);
    if (request.topP)
        input.insert(QLatin1String("top_p"), *request.topP);
    const QStringList stop = style->stopSequences(request.stop);
    if (!stop.isEmpty())
        input.insert(QLatin1String("stop_sequences"), stop.join(QLatin1Char(',')));
    if (request.seed)
        input.insert(QLatin1String("seed"), *request.seed);
    const QJsonObject extraInput = request.extra.value(QLatin1String("input")).toObject();
    for (auto it = extraInput.begin(); it != extraInput.end(); ++it)
        input.insert(it.key(), it.value());

    QJsonObject body{{QLatin1String("input"), input}};
    HttpRequest http;
    if (version.isEmpty()) {
        http.url = target.endpoint(QStringLiteral("/models/%1/predictions").arg(model));
    } else {
        http.url = target.endpoint(QStringLiteral("/predictions"));
        body.insert(QLatin1String("version"), version);
    }
    if (request.stream) {
        body.insert(QLatin1String("stream"), true);
    } else {
        const int wait = target.settings.value(QLatin1String("wait_seconds")).toInt();
        http.setHeader("Prefer", wait > 0 ? "wait=" + QByteArray::number(qBound(1, wait, 60)) : QByteArrayLiteral("wait"));
    }
    http.setHeader("Authorization", "Bearer " + target.apiKey.toUtf8());
    http.setHeader("Content-Type", "application/json");
    http.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return http;
}

Step<ChatCompletion> ReplicateAdapter::chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &target) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (!document.isObject()) {
        Error error = failure(Error::Kind::InvalidResponse, tr("the prediction is not valid JSON: %1").arg(parseError.errorString()), target);
        error.rawBody = response.body.left(2048);
        return error;
    }
    const QJsonObject prediction = document.object();
    const QString status = prediction.value(QLatin1String("status")).toString();
    const QJsonObject urls = prediction.value(QLatin1String("urls")).toObject();

    if (status == QLatin1String("failed")) {
        const QJsonValue reason = prediction.value(QLatin1String("error"));
        Error error = failure(Error::Kind::Server,
                              reason.isString() ? reason.toString() : wire::compactJson(reason.toObject()),
                              target);
        if (error.message.isEmpty())
            error.message = tr("the prediction failed without saying why");
        error.code = QStringLiteral("prediction_failed");
        error.requestId = prediction.value(QLatin1String("id")).toString();
        return error;
    }
    if (status == QLatin1String("canceled") || status == QLatin1String("aborted"))
        return failure(Error::Kind::Cancelled, tr("the prediction was %1").arg(status), target);

    if (status != QLatin1String("succeeded")) {
        const QUrl stream(urls.value(QLatin1String("stream")).toString());
        if (request.stream && stream.isValid() && !stream.isEmpty()) {
            HttpRequest next = follow(stream, target);
            next.setHeader("Accept", "text/event-stream");
            next.setHeader("Cache-Control", "no-store");
            next.streaming = true;
            return next;
        }
        const QUrl poll(urls.value(QLatin1String("get")).toString());
        if (!poll.isValid() || poll.isEmpty())
            return failure(Error::Kind::InvalidResponse, tr("the prediction is %1 but names no URL to poll").arg(status), target);
        HttpRequest next = follow(poll, target);
        next.delay = std::chrono::milliseconds(target.settings.value(QLatin1String("poll_interval_ms")).toInt(1000));
        return next;
    }

    ChatCompletion completion;
    completion.id = prediction.value(QLatin1String("id")).toString();
    completion.created = QDateTime::fromString(prediction.value(QLatin1String("created_at")).toString(), Qt::ISODateWithMs).toSecsSinceEpoch();
    completion.model = target.model;
    ChatChoice choice;
    choice.message = Message::assistant(outputText(prediction.value(QLatin1String("output"))));
    choice.finishReason = QStringLiteral("stop");
    completion.choices.append(choice);
    const QJsonObject metrics = prediction.value(QLatin1String("metrics")).toObject();
    if (metrics.contains(QLatin1String("input_token_count")) || metrics.contains(QLatin1String("output_token_count"))) {
        Usage usage;
        usage.promptTokens = metrics.value(QLatin1String("input_token_count")).toInt();
        usage.completionTokens = metrics.value(QLatin1String("output_token_count")).toInt();
        usage.totalTokens = usage.promptTokens + usage.completionTokens;
        completion.usage = usage;
    }
    return completion;
}

std::unique_ptr<StreamDecoder> ReplicateAdapter::chatStreamDecoder(const ChatRequest &, const Target &target) const
{
    return std::make_unique<ReplicateStreamDecoder>(target.model);
}

Error ReplicateAdapter::errorFromResponse(const HttpResponse &response, const Target &) const
{
    // Problem details (RFC 7807): {"title","detail","status"}.
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    QString message = body.value(QLatin1String("detail")).toString();
    if (message.isEmpty())
        message = body.value(QLatin1String("title")).toString();
    if (message.isEmpty())
        message = QString::fromUtf8(response.body.trimmed().left(500));
    if (message.isEmpty())
        message = tr("HTTP status %1 with no error message").arg(response.status);
    Error error(errorKindForHttpStatus(response.status), message);
    error.httpStatus = response.status;
    error.type = body.value(QLatin1String("title")).toString();
    error.rawBody = response.body.left(4096);
    return error;
}

} // namespace muxi
