#include "translationhelpers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace muxi::translation {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::translation", text);
}
}

Error unsupportedInput(const Target &target, const QString &what)
{
    return Error(Error::Kind::Unsupported, tr("%1 does not accept %2").arg(target.provider.displayName, what));
}

QString compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isUndefined())
        return QStringLiteral("null");
    // QJsonDocument holds only objects and arrays: serialise a one-element array and unwrap it.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

Expected<ToolChoice> readToolChoice(const QJsonValue &value)
{
    ToolChoice choice;
    if (value.isString()) {
        const QString mode = value.toString();
        if (mode == QLatin1String("auto"))
            choice.mode = ToolChoice::Mode::Auto;
        else if (mode == QLatin1String("none"))
            choice.mode = ToolChoice::Mode::None;
        else if (mode == QLatin1String("required"))
            choice.mode = ToolChoice::Mode::Required;
        else
            return Error(Error::Kind::BadRequest, tr("unknown tool_choice \"%1\"").arg(mode));
    } else if (value.isObject()) {
        choice.mode = ToolChoice::Mode::Function;
        choice.function = value.toObject().value(key("function")).toObject().value(key("name")).toString();
        if (choice.function.isEmpty())
            return Error(Error::Kind::BadRequest, tr("tool_choice names no function"));
    }
    return choice;
}

Expected<QJsonObject> argumentsObject(const ToolCall &call)
{
    if (call.arguments.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(call.arguments.toUtf8(), &parseError);
    if (!document.isObject()) {
        const QString why = parseError.error == QJsonParseError::NoError ? tr("not a JSON object") : parseError.errorString();
        return Error(Error::Kind::BadRequest,
                     tr("the arguments of tool call %1 (%2) are not a JSON object: %3").arg(call.id, call.name, why));
    }
    return document.object();
}

Expected<QJsonObject> responseObject(const QByteArray &body, int status)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (document.isObject())
        return document.object();
    Error error(Error::Kind::InvalidResponse, tr("the response is not a JSON object: %1").arg(parseError.errorString()));
    error.httpStatus = status;
    error.rawBody = body.left(2048);
    return error;
}

Expected<QJsonObject> eventObject(const QByteArray &data)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (document.isObject())
        return document.object();
    Error error(Error::Kind::InvalidResponse, tr("malformed JSON in the stream: %1").arg(parseError.errorString()));
    error.rawBody = data.left(1024);
    return error;
}

QUrl versionedEndpoint(const Target &target, const QString &versionPath, const QString &path)
{
    const QString basePath = target.baseUrl.path();
    if (basePath.isEmpty() || basePath == QLatin1String("/"))
        return target.endpoint(versionPath + path);
    return target.endpoint(path);
}

QUrl withQueryItem(QUrl url, const QString &name, const QString &value)
{
    QUrlQuery query(url);
    query.addQueryItem(name, value);
    url.setQuery(query);
    return url;
}

Error providerError(Error::Kind kind, const QString &message, int status, const QByteArray &body)
{
    Error error(kind, message);
    error.httpStatus = status;
    error.rawBody = body.left(4096);
    if (error.message.isEmpty()) {
        error.message = status > 0 ? tr("HTTP status %1 with no error message").arg(status)
                                   : tr("the server reported an error");
    }
    return error;
}

} // namespace muxi::translation
