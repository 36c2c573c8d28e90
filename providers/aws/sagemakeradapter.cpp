#include <muxi/providers/sagemakeradapter.h>

#include <muxi/providers/awscredentialresolver.h>
#include <muxi/providers/awsendpoint.h>
#include <muxi/providers/awserror.h>
#include <muxi/providers/sagemakerstreamdecoder.h>
#include <muxi/providers/tgiadapter.h>
#include <muxi/providers/tgistreamdecoder.h>

#include <muxi/providers/openaistreamdecoder.h>
#include <muxi/providers/prompttemplate.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace muxi {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::SageMakerAdapter", text);
}

bool messagesPayload(const Target &target)
{
    return target.settings.value(QLatin1String("payload")).toString() == QLatin1String("messages");
}

// TGI's parameter rules: temperature strictly positive (0 means greedy
// decoding), top_p strictly between 0 and 1.
QJsonObject tgiParameters(const ChatRequest &request, const PromptTemplate &style)
{
    QJsonObject parameters{{QLatin1String("details"), true}, {QLatin1String("return_full_text"), false}};
    if (const auto limit = request.outputTokenLimit())
        parameters.insert(QLatin1String("max_new_tokens"), *limit);
    if (request.temperature) {
        if (*request.temperature > 0)
            parameters.insert(QLatin1String("temperature"), *request.temperature);
        else
            parameters.insert(QLatin1String("do_sample"), false);
    }
    if (request.topP && *request.topP > 0 && *request.topP < 1)
        parameters.insert(QLatin1String("top_p"), *request.topP);
    const QStringList stop = style.stopSequences(request.stop);
    if (!stop.isEmpty())
        parameters.insert(QLatin1String("stop"), QJsonArray::fromStringList(stop));
    if (request.seed)
        parameters.insert(QLatin1String("seed"), *request.seed);
    return parameters;
}

Error invalidJson(const HttpResponse &response, const QJsonParseError &parseError)
{
    Error error(Error::Kind::InvalidResponse, tr("the endpoint's answer is not valid JSON: %1").arg(parseError.errorString()));
    error.rawBody = response.body.left(2048);
    return error;
}
}

Expected<HttpRequest> SageMakerAdapter::chatRequest(const ChatRequest &request, const Target &target) const
{
    const Expected<AwsEndpoint> endpoint = AwsEndpoint::resolve(target);
    if (!endpoint)
        return endpoint.error();

    QJsonObject body;
    if (messagesPayload(target)) {
        ChatRequest outgoing = request;
        outgoing.model = target.model;
        outgoing.fallbackModels.clear();
        // Not every container knows stream_options; usage then comes from its last chunk if at all.
        outgoing.includeUsage = false;
        body = outgoing.toJson();
    } else {
        const Expected<PromptTemplate> style = PromptTemplate::fromSettings(target, PromptTemplate::Style::Transcript);
        if (!style)
            return style.error();
        const Expected<QString> prompt = style->render(request.messages, target);
        if (!prompt)
            return prompt.error();
        body = QJsonObject{{QLatin1String("inputs"), *prompt}, {QLatin1String("parameters"), tgiParameters(request, *style)}};
        if (request.stream)
            body.insert(QLatin1String("stream"), true);
    }

    HttpHeaders headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                        {QByteArrayLiteral("Accept"),
                         request.stream ? QByteArrayLiteral("application/vnd.amazon.eventstream") : QByteArrayLiteral("application/json")}};
    for (const auto &[setting, header] : {std::pair{"target_model", "X-Amzn-SageMaker-Target-Model"},
                                          std::pair{"target_variant", "X-Amzn-SageMaker-Target-Variant"},
                                          std::pair{"inference_component", "X-Amzn-SageMaker-Inference-Component"},
                                          std::pair{"custom_attributes", "X-Amzn-SageMaker-Custom-Attributes"}}) {
        const QString value = target.settings.value(QLatin1String(setting)).toString();
        if (!value.isEmpty())
            headers.append({QByteArray(header), value.toUtf8()});
    }
    const QByteArray path = "/endpoints/" + QUrl::toPercentEncoding(target.model)
        + (request.stream ? "/invocations-response-stream" : "/invocations");
    return endpoint->post(path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers, request.stream);
}

Step<ChatCompletion> SageMakerAdapter::chatResponse(const HttpResponse &response, const ChatRequest &, const Target &target) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (document.isNull())
        return invalidJson(response, parseError);
    if (messagesPayload(target)) {
        if (!document.isObject())
            return invalidJson(response, parseError);
        ChatCompletion completion = ChatCompletion::fromJson(document.object());
        if (completion.model.isEmpty())
            completion.model = target.model;
        return completion;
    }

    // TGI answers {"generated_text",…}; the Hugging Face LLM containers wrap it in a list.
    const QJsonObject object = !document.isArray() ? document.object()
        : document.array().isEmpty()            ? QJsonObject()
                                                : document.array().first().toObject();
    if (object.contains(QLatin1String("error")))
        return TgiAdapter::parseError(QJsonDocument(object).toJson(QJsonDocument::Compact), response.status);
    if (!object.value(QLatin1String("generated_text")).isString()) {
        Error error(Error::Kind::InvalidResponse, tr("the endpoint's answer has no generated_text; is the \"payload\" setting right?"));
        error.rawBody = response.body.left(2048);
        return error;
    }
    const QJsonObject details = object.value(QLatin1String("details")).toObject();
    ChatCompletion completion;
    completion.id = QLatin1String("sagemaker-")
        + (response.header("x-amzn-requestid").isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                                          : QString::fromLatin1(response.header("x-amzn-requestid")));
    completion.created = QDateTime::currentSecsSinceEpoch();
    completion.model = target.model;
    ChatChoice choice;
    choice.message = Message::assistant(object.value(QLatin1String("generated_text")).toString());
    choice.finishReason = TgiAdapter::finishReason(details.value(QLatin1String("finish_reason")).toString());
    completion.choices.append(choice);
    completion.usage = TgiAdapter::usageFromDetails(details);
    return completion;
}

std::unique_ptr<StreamDecoder> SageMakerAdapter::chatStreamDecoder(const ChatRequest &, const Target &target) const
{
    if (messagesPayload(target))
        return std::make_unique<SageMakerStreamDecoder>(std::make_unique<OpenAiStreamDecoder>());
    return std::make_unique<SageMakerStreamDecoder>(std::make_unique<TgiStreamDecoder>(target.model));
}

Error SageMakerAdapter::errorFromResponse(const HttpResponse &response, const Target &) const
{
    return AwsError::fromResponse(response);
}

std::unique_ptr<TargetPreparation> SageMakerAdapter::preparation(const Target &target) const
{
    if (target.settings.value(QLatin1String("bearer_auth")).toBool() && !target.apiKey.isEmpty())
        return nullptr;
    return std::make_unique<AwsCredentialResolver>(target);
}

QString SageMakerAdapter::credentialSource(const Target &target) const
{
    if (target.settings.value(QLatin1String("bearer_auth")).toBool() && !target.apiKey.isEmpty())
        return {};
    return AwsCredentialResolver::describe(target);
}

} // namespace muxi
