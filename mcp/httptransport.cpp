#include "httptransport.h"

#include "httpauthorizer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace muxi::mcp {

namespace {
// A stream that keeps ending without delivering anything is given up after this many tries.
constexpr int maxReconnects = 5;
// When the server set no `retry`, resume after this long.
constexpr qint64 defaultRetryMs = 1000;
constexpr int deleteTimeoutMs = 3000;

QString idKey(const QJsonValue &id)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact));
}

bool isResponse(const QJsonObject &message)
{
    return message.contains(QLatin1String("id")) && !message.contains(QLatin1String("method"));
}
}

HttpTransport::HttpTransport(McpServerConfig config, QNetworkAccessManager *network, QObject *parent)
    : McpTransport(parent)
    , m_config(std::move(config))
    , m_network(network ? network : new QNetworkAccessManager(this))
{
}

HttpTransport::~HttpTransport()
{
    abortAll();
}

void HttpTransport::open()
{
    QTimer::singleShot(0, this, &McpTransport::opened);
}

QNetworkRequest HttpTransport::request(const QByteArray &accept) const
{
    QNetworkRequest request(m_config.url);
    request.setRawHeader("Accept", accept);
    for (const auto &[name, value] : m_config.headers)
        request.setRawHeader(name, value);
    if (!m_sessionId.isEmpty())
        request.setRawHeader("Mcp-Session-Id", m_sessionId);
    if (!m_protocolVersion.isEmpty())
        request.setRawHeader("MCP-Protocol-Version", m_protocolVersion);
    if (m_authorizer) {
        const QByteArray authorization = m_authorizer->authorizationHeader();
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
    }
    return request;
}

void HttpTransport::send(const QJsonObject &message)
{
    post(message, false);
}

void HttpTransport::post(const QJsonObject &message, bool authorized)
{
    if (m_closing)
        return;
    QNetworkRequest request = this->request("application/json, text/event-stream");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    Stream stream;
    stream.message = message;
    stream.authorized = authorized;
    if (message.contains(QLatin1String("id")) && message.contains(QLatin1String("method")))
        stream.owed.insert(idKey(message.value(QLatin1String("id"))));
    track(m_network->post(request, QJsonDocument(message).toJson(QJsonDocument::Compact)), std::move(stream));
}

void HttpTransport::startListening()
{
    Stream stream;
    stream.isGet = true;
    get(std::move(stream));
}

void HttpTransport::get(Stream stream)
{
    if (m_closing)
        return;
    QNetworkRequest request = this->request("text/event-stream");
    if (!stream.lastEventId.isEmpty())
        request.setRawHeader("Last-Event-ID", stream.lastEventId);
    stream.isGet = true;
    stream.sse = false;
    stream.body.clear();
    stream.parser = SseParser();
    track(m_network->get(request), std::move(stream));
}

QNetworkReply *HttpTransport::track(QNetworkReply *reply, Stream stream)
{
    m_streams.insert(reply, std::move(stream));
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] { onReadyRead(reply); });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    return reply;
}

void HttpTransport::onReadyRead(QNetworkReply *reply)
{
    auto it = m_streams.find(reply);
    if (it == m_streams.end())
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        // Error bodies are read whole once the reply finished.
        return;
    }
    if (m_sessionId.isEmpty() && reply->hasRawHeader("Mcp-Session-Id"))
        m_sessionId = reply->rawHeader("Mcp-Session-Id");
    const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().toLower();
    it->sse = contentType.startsWith("text/event-stream");
    const QByteArray bytes = reply->readAll();
    if (!it->sse) {
        it->body += bytes;
        if (it->body.size() > m_config.maxMessageBytes) {
            const Stream stream = *it;
            m_streams.erase(it);
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
            failOwed(stream, Error(Error::Kind::InvalidResponse,
                                   tr("sent an answer of more than %1 bytes, the limit").arg(m_config.maxMessageBytes)));
        }
        return;
    }
    const QList<SseEvent> events = it->parser.feed(bytes);
    it->sinceEvent = events.isEmpty() ? it->sinceEvent + bytes.size() : 0;
    if (it->sinceEvent > m_config.maxMessageBytes) {
        const Stream stream = *it;
        m_streams.erase(it);
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
        failOwed(stream, Error(Error::Kind::InvalidResponse, tr("sent an event of more than %1 bytes, the limit").arg(m_config.maxMessageBytes)));
        return;
    }
    it->retryMs = it->parser.retryMilliseconds();
    it->lastEventId = it->parser.lastEventId();
    for (const SseEvent &event : events) {
        it->reconnects = 0;
        if (event.data.trimmed().isEmpty())
            continue; // priming events carry only an id (and perhaps `retry`)
        deliver(event.data);
        // deliver() may have closed the transport and cleared the streams.
        it = m_streams.find(reply);
        if (it == m_streams.end())
            return;
    }
}

QSet<QString> HttpTransport::deliver(const QByteArray &json)
{
    QSet<QString> answered;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    QList<QJsonObject> messages;
    if (document.isObject()) {
        messages.append(document.object());
    } else if (document.isArray()) {
        for (const QJsonValue &value : document.array())
            messages.append(value.toObject());
    } else {
        Q_EMIT failed(Error(Error::Kind::InvalidResponse,
                            tr("sent something that is not a JSON-RPC message: %1").arg(QString::fromUtf8(json.left(120)).simplified())));
        return answered;
    }
    for (const QJsonObject &message : std::as_const(messages)) {
        if (isResponse(message)) {
            const QString key = idKey(message.value(QLatin1String("id")));
            answered.insert(key);
            for (Stream &stream : m_streams)
                stream.owed.remove(key);
        }
        Q_EMIT messageReceived(message);
    }
    return answered;
}

void HttpTransport::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    auto it = m_streams.find(reply);
    if (it == m_streams.end())
        return;
    Stream stream = std::move(*it);
    m_streams.erase(it);
    if (m_closing)
        return;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_sessionId.isEmpty() && reply->hasRawHeader("Mcp-Session-Id"))
        m_sessionId = reply->rawHeader("Mcp-Session-Id");

    if ((status == 401 || status == 403) && m_authorizer && !stream.authorized) {
        const QByteArray challenge = reply->rawHeader("WWW-Authenticate");
        if (status == 401 || challenge.contains("insufficient_scope")) {
            QPointer<HttpTransport> self(this);
            m_authorizer->authorize(status, challenge, [self, stream](std::optional<Error> error) mutable {
                if (!self)
                    return;
                if (error) {
                    self->failOwed(stream, *error);
                    return;
                }
                if (stream.isGet) {
                    stream.authorized = true;
                    self->get(std::move(stream));
                } else {
                    self->post(stream.message, true);
                }
            });
            return;
        }
    }

    if (status == 200 && !stream.sse) {
        stream.body += reply->readAll();
        if (reply->error() != QNetworkReply::NoError) {
            failOwed(stream, Error(Error::Kind::StreamInterrupted, tr("the answer broke off: %1").arg(reply->errorString())));
            return;
        }
        if (!stream.body.trimmed().isEmpty())
            stream.owed.subtract(deliver(stream.body));
        for (const QString &key : std::as_const(stream.owed))
            Q_EMIT requestFailed(QJsonDocument::fromJson(key.toUtf8()).array().at(0),
                                 Error(Error::Kind::InvalidResponse, tr("answered HTTP 200 without a JSON-RPC response")));
        return;
    }
    if (status == 200 && stream.sse) {
        // A stream ends: gracefully or cut. Either way, what it still owes is fetched again.
        if (!stream.owed.isEmpty() || (stream.isGet && stream.retryMs >= 0))
            resume(std::move(stream));
        return;
    }
    if (status == 202 || (status >= 200 && status < 300 && stream.owed.isEmpty()))
        return;
    if (stream.isGet && stream.owed.isEmpty()) {
        // The server offers no stream of its own (405) or stopped offering it: not an error.
        return;
    }
    if (status == 0) {
        if (!stream.owed.isEmpty() && !stream.lastEventId.isEmpty()) {
            resume(std::move(stream));
            return;
        }
        failOwed(stream, Error(Error::Kind::Network, tr("could not be reached at %1: %2").arg(m_config.url.toDisplayString(), reply->errorString())));
        return;
    }
    if (status == 404 && !m_sessionId.isEmpty()) {
        Q_EMIT failed(Error(Error::Kind::NotFound, tr("ended the session (HTTP 404)")));
        return;
    }
    failOwed(stream, httpError(reply, stream.body + reply->readAll()));
}

void HttpTransport::resume(Stream stream)
{
    if (stream.lastEventId.isEmpty() || stream.reconnects >= maxReconnects) {
        failOwed(stream, Error(Error::Kind::StreamInterrupted, tr("closed the event stream before sending the answer")));
        return;
    }
    ++stream.reconnects;
    const qint64 delay = stream.retryMs >= 0 ? stream.retryMs : defaultRetryMs;
    QPointer<HttpTransport> self(this);
    QTimer::singleShot(std::chrono::milliseconds(delay), this, [self, stream = std::move(stream)]() mutable {
        if (self)
            self->get(std::move(stream));
    });
}

void HttpTransport::failOwed(const Stream &stream, const Error &error)
{
    for (const QString &key : stream.owed)
        Q_EMIT requestFailed(QJsonDocument::fromJson(key.toUtf8()).array().at(0), error);
}

Error HttpTransport::httpError(QNetworkReply *reply, const QByteArray &body) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    Error error(errorKindForHttpStatus(status), QString());
    error.httpStatus = status;
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QJsonObject rpcError = object.value(QLatin1String("error")).toObject();
    if (!rpcError.isEmpty())
        error.message = rpcError.value(QLatin1String("message")).toString();
    else
        error.message = QString::fromUtf8(body.left(300)).simplified();
    if (error.message.isEmpty())
        error.message = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    return error;
}

void HttpTransport::close()
{
    if (m_closing)
        return;
    m_closing = true;
    abortAll();
    if (m_sessionId.isEmpty()) {
        QTimer::singleShot(0, this, &McpTransport::closed);
        return;
    }
    // Tell the server the session is over; don't wait long for it to agree.
    QNetworkReply *reply = m_network->deleteResource(request("application/json, text/event-stream"));
    auto done = std::make_shared<bool>(false);
    auto finish = [this, done, reply] {
        if (*done)
            return;
        *done = true;
        reply->disconnect(this);
        reply->deleteLater();
        Q_EMIT closed();
    };
    connect(reply, &QNetworkReply::finished, this, finish);
    QTimer::singleShot(deleteTimeoutMs, this, finish);
}

void HttpTransport::abortAll()
{
    const QList<QNetworkReply *> replies = m_streams.keys();
    m_streams.clear();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace muxi::mcp
