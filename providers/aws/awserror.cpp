#include <muxi/providers/awserror.h>

#include <muxi/providers/wirehelpers.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace muxi {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::AwsError", text);
}

// "ValidationException:http://internal.amazon.com/coral/…" and
// "com.amazon.coral.service#UnrecognizedClientException" name the same kind of thing.
QString bareType(QString type)
{
    const qsizetype colon = type.indexOf(QLatin1Char(':'));
    if (colon >= 0)
        type.truncate(colon);
    const qsizetype hash = type.lastIndexOf(QLatin1Char('#'));
    if (hash >= 0)
        type = type.mid(hash + 1);
    return type.trimmed();
}

QString messageIn(const QJsonObject &object)
{
    for (const char *key : {"message", "Message", "errorMessage"}) {
        const QString text = object.value(QLatin1String(key)).toString();
        if (!text.isEmpty())
            return text;
    }
    return {};
}
}

Error::Kind AwsError::kindFor(const QString &type, int status, const QString &message)
{
    QString name = bareType(type).toLower();
    if (name.endsWith(QLatin1String("exception")))
        name.chop(9);
    if (name.isEmpty())
        return wire::statusKind(status);
    if (name == QLatin1String("throttling") || name == QLatin1String("toomanyrequests"))
        return Error::Kind::RateLimit;
    if (name == QLatin1String("modelnotready") || name == QLatin1String("serviceunavailable"))
        return Error::Kind::Overloaded;
    if (name == QLatin1String("servicequotaexceeded"))
        return Error::Kind::Quota;
    if (name == QLatin1String("validation") || name == QLatin1String("validationerror")) {
        // Bedrock: "Input is too long for requested model."
        return message.contains(QLatin1String("too long"), Qt::CaseInsensitive) ? Error::Kind::ContextLength : Error::Kind::BadRequest;
    }
    if (name == QLatin1String("accessdenied"))
        return Error::Kind::Permission;
    for (const char *auth : {"unrecognizedclient", "invalidsignature", "incompletesignature", "missingauthenticationtoken",
                             "expiredtoken", "invalidclienttokenid", "signaturedoesnotmatch"}) {
        if (name == QLatin1String(auth))
            return Error::Kind::Authentication;
    }
    if (name == QLatin1String("resourcenotfound"))
        return Error::Kind::NotFound;
    if (name == QLatin1String("modeltimeout"))
        return Error::Kind::Timeout;
    for (const char *server : {"modelerror", "modelstreamerror", "internalstreamfailure", "internalserver", "internalfailure"}) {
        if (name == QLatin1String(server))
            return Error::Kind::Server;
    }
    return wire::statusKind(status);
}

Error AwsError::fromResponse(const HttpResponse &response)
{
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    QString type = QString::fromLatin1(response.header("x-amzn-errortype"));
    if (type.isEmpty())
        type = body.value(QLatin1String("__type")).toString();
    type = bareType(type);
    QString message = messageIn(body);
    if (message.isEmpty() && !response.body.trimmed().startsWith('{'))
        message = QString::fromUtf8(response.body.trimmed().left(500));
    if (message.isEmpty())
        message = tr("HTTP status %1 with no error message").arg(response.status);

    Error error(kindFor(type, response.status, message), message);
    // SageMaker's ModelError (424) wraps what the container answered.
    const int original = body.value(QLatin1String("OriginalStatusCode")).toInt();
    if (original > 0) {
        error.kind = errorKindForHttpStatus(original);
        const QString originalMessage = body.value(QLatin1String("OriginalMessage")).toString();
        // Containers answer with their own error JSON, TGI's {"error","error_type"} for one.
        const QJsonObject inner = QJsonDocument::fromJson(originalMessage.toUtf8()).object();
        const QString innerMessage = inner.value(QLatin1String("error")).isString() ? inner.value(QLatin1String("error")).toString() : messageIn(inner);
        if (!innerMessage.isEmpty())
            error.message = innerMessage;
        else if (!originalMessage.isEmpty())
            error.message = originalMessage;
        error.code = QString::number(original);
        if (error.kind == Error::Kind::BadRequest && wire::isContextOverflow(error.message))
            error.kind = Error::Kind::ContextLength;
    }
    error.type = type;
    error.httpStatus = response.status;
    error.requestId = QString::fromLatin1(response.header("x-amzn-requestid"));
    error.rawBody = response.body.left(4096);
    return error;
}

Error AwsError::fromException(const QString &type, const QByteArray &payload)
{
    const QJsonObject body = QJsonDocument::fromJson(payload).object();
    QString message = messageIn(body);
    if (message.isEmpty())
        message = QString::fromUtf8(payload.trimmed().left(500));
    if (message.isEmpty())
        message = tr("the stream reported %1").arg(type);
    Error error(kindFor(type, 0, message), message);
    error.type = bareType(type);
    error.code = body.value(QLatin1String("ErrorCode")).toString();
    error.rawBody = payload.left(4096);
    return error;
}

std::optional<Error> AwsError::fromStreamMessage(const EventStreamMessage &message)
{
    const QString messageType = message.text(":message-type");
    if (messageType == QLatin1String("exception"))
        return fromException(message.text(":exception-type"), message.payload);
    if (messageType == QLatin1String("error")) {
        Error error(Error::Kind::Server, message.text(":error-message"));
        error.code = message.text(":error-code");
        return error;
    }
    return std::nullopt;
}

} // namespace muxi
