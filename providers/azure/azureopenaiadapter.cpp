#include <muxi/providers/azureopenaiadapter.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace muxi {

namespace {
// The resource endpoint without any /openai suffix a user may have copied
// from a portal sample, and whether that suffix asked for the v1 API.
QString resourcePath(const QUrl &endpoint, bool *v1Suffix)
{
    QString path = endpoint.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    *v1Suffix = path.endsWith(QLatin1String("/openai/v1"));
    if (*v1Suffix)
        path.chop(3);
    if (path.endsWith(QLatin1String("/openai")))
        path.chop(7);
    return path;
}
}

Target AzureOpenAiAdapter::azureTarget(const Target &target, Scope scope)
{
    Target azure = target;
    bool v1Suffix = false;
    const QString root = resourcePath(target.baseUrl, &v1Suffix);
    const bool v1 = v1Suffix || target.settings.value(QLatin1String("api_mode")).toString() == QLatin1String("v1");
    if (v1) {
        // The v1 surface has no api-version and takes the key as a Bearer token.
        azure.baseUrl.setPath(root + QLatin1String("/openai/v1"));
        azure.settings.remove(QLatin1String("api_version"));
        azure.settings.remove(QLatin1String("auth_header"));
        return azure;
    }
    if (scope == Scope::Deployment) {
        const QString deployment = QString::fromLatin1(QUrl::toPercentEncoding(target.model));
        azure.baseUrl.setPath(root + QLatin1String("/openai/deployments/") + deployment, QUrl::TolerantMode);
    } else {
        azure.baseUrl.setPath(root + QLatin1String("/openai"));
    }
    if (azure.settings.value(QLatin1String("api_version")).toString().isEmpty())
        azure.settings.insert(QLatin1String("api_version"), DefaultApiVersion);
    if (azure.settings.value(QLatin1String("auth")).toString() != QLatin1String("bearer") && !azure.settings.contains(QLatin1String("auth_header")))
        azure.settings.insert(QLatin1String("auth_header"), QLatin1String("api-key"));
    return azure;
}

Expected<HttpRequest> AzureOpenAiAdapter::chatRequest(const ChatRequest &request, const Target &target) const
{
    return OpenAiAdapter::chatRequest(request, azureTarget(target, Scope::Deployment));
}

Expected<HttpRequest> AzureOpenAiAdapter::completionRequest(const CompletionRequest &request, const Target &target) const
{
    return OpenAiAdapter::completionRequest(request, azureTarget(target, Scope::Deployment));
}

Expected<HttpRequest> AzureOpenAiAdapter::embeddingRequest(const EmbeddingRequest &request, const Target &target) const
{
    return OpenAiAdapter::embeddingRequest(request, azureTarget(target, Scope::Deployment));
}

Expected<HttpRequest> AzureOpenAiAdapter::modelsRequest(const Target &target) const
{
    // Lists the models the resource can deploy (GET /openai/models), not its
    // deployments, which only the Azure management API lists.
    return OpenAiAdapter::modelsRequest(azureTarget(target, Scope::Resource));
}

Error AzureOpenAiAdapter::errorFromResponse(const HttpResponse &response, const Target &target) const
{
    Error error = OpenAiAdapter::errorFromResponse(response, target);
    if (error.requestId.isEmpty())
        error.requestId = QString::fromLatin1(response.header("apim-request-id"));
    if (error.code == QLatin1String("DeploymentNotFound")) {
        error.kind = Error::Kind::NotFound;
    } else if (error.code == QLatin1String("OperationNotSupported")) {
        error.kind = Error::Kind::Unsupported;
    } else if (error.code == QLatin1String("content_filter")) {
        // A filtered prompt: innererror says which categories tripped.
        error.kind = Error::Kind::ContentFilter;
        const QJsonObject inner = QJsonDocument::fromJson(response.body).object().value(QLatin1String("error")).toObject()
                                      .value(QLatin1String("innererror")).toObject();
        if (error.type.isEmpty())
            error.type = inner.value(QLatin1String("code")).toString();
        const QJsonObject results = inner.value(QLatin1String("content_filter_result")).toObject();
        QStringList filtered;
        for (auto it = results.begin(); it != results.end(); ++it) {
            if (it.value().toObject().value(QLatin1String("filtered")).toBool())
                filtered.append(it.key());
        }
        if (!filtered.isEmpty())
            error.message += QStringLiteral(" (filtered: %1)").arg(filtered.join(QLatin1String(", ")));
    }
    return error;
}

} // namespace muxi
