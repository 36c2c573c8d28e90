#include <muxi/providers/wirehelpers.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace muxi::wire {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::wire", text);
}

Error invalidJson(const QByteArray &bytes, const QString &what, const QJsonParseError &parseError)
{
    Error error(Error::Kind::InvalidResponse, what.arg(parseError.errorString()));
    error.rawBody = bytes.left(2048);
    return error;
}
}

QLatin1String nativeRoleName(Message::Role role)
{
    switch (role) {
    case Message::Role::System:
    case Message::Role::Developer:
        return QLatin1String("system");
    case Message::Role::User:
        return QLatin1String("user");
    case Message::Role::Assistant:
        return QLatin1String("assistant");
    case Message::Role::Tool:
        return QLatin1String("tool");
    }
    return QLatin1String("user");
}

QString compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // A scalar is serialised as the single element of an array, minus the brackets.
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

Expected<QJsonObject> argumentsObject(const ToolCall &call, const Target &target)
{
    if (call.arguments.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(call.arguments.toUtf8(), &parseError);
    if (document.isObject())
        return document.object();
    const QString reason = document.isNull() ? parseError.errorString() : tr("not a JSON object");
    return badRequest(target, tr("the arguments of tool call %1 (%2) cannot be sent to %3: %4")
                                  .arg(call.id, call.name, target.provider.displayName, reason));
}

Expected<QJsonObject> responseObject(const HttpResponse &response)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (document.isObject())
        return document.object();
    Error error = invalidJson(response.body, tr("the response is not a JSON object: %1"), parseError);
    error.httpStatus = response.status;
    return error;
}

Expected<QJsonObject> eventObject(const QByteArray &data)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (document.isObject())
        return document.object();
    return invalidJson(data, tr("malformed JSON in the stream: %1"), parseError);
}

bool isContextOverflow(const QString &message)
{
    static const QList<QLatin1String> wordings = {
        QLatin1String("exceeds the context length"),
        QLatin1String("exceeds maximum context length"),
        QLatin1String("exceeds the maximum context length"),
        QLatin1String("exceeds the available context size"),
        QLatin1String("context length exceeded"),
        QLatin1String("context window exceeded"),
        // Voyage: "The max allowed tokens per submitted batch is 320000. Your batch has …".
        QLatin1String("max allowed tokens"),
    };
    for (QLatin1String wording : wordings) {
        if (message.contains(wording, Qt::CaseInsensitive))
            return true;
    }
    // TGI: "`inputs` tokens + `max_new_tokens` must be <= 4096", "`inputs` must have less than 4096 tokens".
    return message.contains(QLatin1String("tokens"))
        && (message.contains(QLatin1String("must be <=")) || message.contains(QLatin1String("must have less than")));
}

Error::Kind statusKind(int status)
{
    return status > 0 ? errorKindForHttpStatus(status) : Error::Kind::Server;
}

Error providerError(Error::Kind kind, const QString &message, int status, const QByteArray &body)
{
    Error error(kind, message);
    error.httpStatus = status;
    error.rawBody = body.left(4096);
    if (error.message.isEmpty()) {
        error.message = status > 0 ? tr("HTTP status %1 with no error message").arg(status) : tr("the server reported an error");
    }
    return error;
}

Error badRequest(const Target &target, const QString &message)
{
    Error error(Error::Kind::BadRequest, message);
    error.provider = target.provider.id;
    error.model = target.model;
    return error;
}

Error unsupportedInput(const Target &target, const QString &what)
{
    return Error(Error::Kind::Unsupported, tr("%1 does not accept %2").arg(target.provider.displayName, what));
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

std::optional<HttpRequest> nextListingPage(Expected<HttpRequest> first, const QString &cursor, const QString &queryName)
{
    if (cursor.isEmpty() || !first)
        return std::nullopt;
    HttpRequest next = *first;
    next.url = withQueryItem(next.url, queryName, cursor);
    return next;
}

QString listCursor(const HttpResponse &response)
{
    const Expected<QJsonObject> page = responseObject(response);
    if (!page || !page->value(QLatin1String("has_more")).toBool())
        return {};
    const QString lastId = page->value(QLatin1String("last_id")).toString();
    if (!lastId.isEmpty())
        return lastId;
    const QJsonArray data = page->value(QLatin1String("data")).toArray();
    return data.isEmpty() ? QString() : data.last().toObject().value(QLatin1String("id")).toString();
}

HttpRequest jsonRequest(const QByteArray &method, const QUrl &url, const QJsonObject &body, bool streaming)
{
    HttpRequest request;
    request.method = method;
    request.url = url;
    request.streaming = streaming;
    request.setHeader("Accept", streaming ? "text/event-stream" : "application/json");
    if (method != "GET") {
        request.setHeader("Content-Type", "application/json");
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    return request;
}

QString syntheticToolCallId(int ordinal)
{
    const quint32 nonce = QRandomGenerator::global()->generate();
    return QStringLiteral("call_%1_%2").arg(nonce, 8, 16, QLatin1Char('0')).arg(ordinal);
}

QHash<QString, QString> toolNamesById(const QList<Message> &messages)
{
    QHash<QString, QString> names;
    for (const Message &message : messages) {
        for (const ToolCall &call : message.toolCalls)
            names.insert(call.id, call.name);
    }
    return names;
}

ModelList modelsByName(const QJsonObject &listing, const Target &target)
{
    ModelList models;
    const QJsonArray entries = listing.value(QLatin1String("models")).toArray();
    for (const QJsonValue &entry : entries) {
        ModelInfo info;
        info.raw = entry.toObject();
        info.id = info.raw.value(QLatin1String("name")).toString();
        info.provider = target.provider.id;
        models.append(info);
    }
    return models;
}

} // namespace muxi::wire
