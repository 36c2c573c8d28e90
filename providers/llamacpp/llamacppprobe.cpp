#include <muxi/providers/llamacppprobe.h>

#include <muxi/providers/wirehelpers.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace muxi {

QUrl LlamaCppProbe::serverRoot(const QUrl &baseUrl)
{
    QUrl root = baseUrl;
    QString path = root.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String("/v1")))
        path.chop(3);
    root.setPath(path);
    return root;
}

HttpRequest LlamaCppProbe::healthRequest(const QUrl &root)
{
    Target target;
    target.baseUrl = root;
    return wire::jsonRequest("GET", target.endpoint(QStringLiteral("/health")), {}, false);
}

HttpRequest LlamaCppProbe::propsRequest(const QUrl &root)
{
    Target target;
    target.baseUrl = root;
    return wire::jsonRequest("GET", target.endpoint(QStringLiteral("/props")), {}, false);
}

LlamaCppProbe::Health LlamaCppProbe::health(const HttpResponse &response)
{
    const QJsonObject object = QJsonDocument::fromJson(response.body).object();
    const QString status = object.value(QLatin1String("status")).toString();
    if (response.status == 200 && (status == QLatin1String("ok") || status == QLatin1String("no slot available")))
        return Health::Ready;
    // Current builds: 503 {"error":{"code":503,"message":"Loading model","type":"unavailable_error"}};
    // older ones: 503 {"status":"loading model"}.
    const QString message = object.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
    if (response.status == 503
        && (message.contains(QLatin1String("loading"), Qt::CaseInsensitive) || status.contains(QLatin1String("loading"), Qt::CaseInsensitive)))
        return Health::Loading;
    return Health::Absent;
}

QString LlamaCppProbe::modelName(const HttpResponse &propsResponse)
{
    if (!propsResponse.isSuccess())
        return {};
    const QJsonObject props = QJsonDocument::fromJson(propsResponse.body).object();
    const QString alias = props.value(QLatin1String("model_alias")).toString();
    if (!alias.isEmpty())
        return alias;
    QString path = props.value(QLatin1String("model_path")).toString();
    path.replace(QLatin1Char('\\'), QLatin1Char('/'));
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

} // namespace muxi
