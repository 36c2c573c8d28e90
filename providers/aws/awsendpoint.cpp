#include <muxi/providers/awsendpoint.h>

#include <muxi/providers/awssharedconfig.h>
#include <muxi/providers/awssigner.h>

#include <QCoreApplication>
#include <QDateTime>

namespace muxi {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::AwsEndpoint", text);
}
}

Expected<AwsEndpoint> AwsEndpoint::resolve(const Target &target)
{
    auto fail = [&](Error error) {
        error.provider = target.provider.id;
        error.model = target.model;
        return error;
    };
    const QJsonObject &settings = target.settings;
    const AwsSharedConfig shared(target.environment, settings.value(QLatin1String("profile")).toString());

    AwsEndpoint endpoint;
    endpoint.service = settings.value(QLatin1String("signing_service")).toString();
    endpoint.region = settings.value(QLatin1String("region")).toString();
    if (endpoint.region.isEmpty())
        endpoint.region = shared.region();
    if (endpoint.region.isEmpty()) {
        return fail(Error(Error::Kind::BadRequest,
                          tr("no AWS region for %1: set AWS_REGION or AWS_DEFAULT_REGION, `region` in profile \"%2\" of %3, "
                             "or the provider's \"region\" setting")
                              .arg(target.provider.displayName, shared.profile(), shared.configFilePath())));
    }

    endpoint.baseUrl = target.baseUrl;
    const QString regional = settings.value(QLatin1String("regional_base_url")).toString();
    if (!regional.isEmpty() && target.baseUrl == target.provider.defaultBaseUrl)
        endpoint.baseUrl = QUrl(QString(regional).replace(QLatin1String("{region}"), endpoint.region));

    if (settings.value(QLatin1String("bearer_auth")).toBool() && !target.apiKey.isEmpty()) {
        endpoint.bearerToken = target.apiKey;
        return endpoint;
    }
    // Fetched by AwsCredentialResolver before the request was built, or long-lived keys.
    Expected<AwsCredentials> credentials = target.credentials.isEmpty() ? shared.credentials()
                                                                        : Expected<AwsCredentials>(AwsCredentials::fromTargetJson(target.credentials));
    if (!credentials) {
        Error error = credentials.error();
        error.message = target.provider.displayName + QLatin1String(": ") + error.message;
        if (settings.value(QLatin1String("bearer_auth")).toBool())
            error.message += tr("; or set %1 to an API key").arg(target.provider.allKeyVariables().join(tr(" or ")));
        return fail(error);
    }
    endpoint.credentials = *credentials;
    return endpoint;
}

HttpRequest AwsEndpoint::post(const QByteArray &encodedPath, const QByteArray &body, const HttpHeaders &headers, bool streaming) const
{
    HttpRequest request;
    request.url = baseUrl;
    QString basePath = baseUrl.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    // Tolerant mode keeps "%3A" as sent: the model id's colon must stay encoded.
    request.url.setPath(basePath + QString::fromLatin1(encodedPath), QUrl::TolerantMode);
    request.headers = headers;
    request.body = body;
    request.streaming = streaming;
    if (!bearerToken.isEmpty()) {
        request.setHeader("Authorization", "Bearer " + bearerToken.toUtf8());
        return request;
    }
    AwsSigner(credentials, region, service).sign(request, QDateTime::currentDateTimeUtc());
    return request;
}

} // namespace muxi
