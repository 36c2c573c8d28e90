#pragma once

#include "mcpserverconfig.h"
#include "mcptransport.h"

#include <muxi/sseparser.h>

#include <QHash>
#include <QPointer>
#include <QSet>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace muxi::mcp {

class HttpAuthorizer;

// MCP's Streamable HTTP transport: each message is a POST answered with JSON or
// an event stream; a GET opens the server's own stream. A stream that ends
// before it delivered the answers it owes is resumed with a GET carrying
// Last-Event-ID after the server's `retry` delay. The session id the server
// gives at initialize goes on every later request, and DELETE ends it.
class HttpTransport : public McpTransport
{
    Q_OBJECT

public:
    HttpTransport(McpServerConfig config, QNetworkAccessManager *network = nullptr, QObject *parent = nullptr);
    ~HttpTransport() override;

    void setAuthorizer(HttpAuthorizer *authorizer) { m_authorizer = authorizer; }

    void open() override;
    void send(const QJsonObject &message) override;
    void close() override;
    void setProtocolVersion(const QString &version) override { m_protocolVersion = version.toUtf8(); }
    void startListening() override;

    QByteArray sessionId() const { return m_sessionId; }

private:
    struct Stream {
        QJsonObject message; // what a POST carried, to send again after authorization
        bool isGet = false;
        bool sse = false;
        bool authorized = false; // already sent again after authorization once
        SseParser parser;
        QByteArray body;
        // Bytes of an event stream received since the last complete event.
        qint64 sinceEvent = 0;
        QByteArray lastEventId;
        qint64 retryMs = -1;
        int reconnects = 0;
        // Ids of requests whose answers are expected on this stream.
        QSet<QString> owed;
    };

    QNetworkRequest request(const QByteArray &accept) const;
    void post(const QJsonObject &message, bool authorized);
    void get(Stream stream);
    QNetworkReply *track(QNetworkReply *reply, Stream stream);
    void onReadyRead(QNetworkReply *reply);
    void onFinished(QNetworkReply *reply);
    // Passes the messages on; returns the ids of the responses among them.
    QSet<QString> deliver(const QByteArray &json);
    void resume(Stream stream);
    void failOwed(const Stream &stream, const Error &error);
    Error httpError(QNetworkReply *reply, const QByteArray &body) const;
    void abortAll();

    McpServerConfig m_config;
    QNetworkAccessManager *m_network;
    HttpAuthorizer *m_authorizer = nullptr;
    QByteArray m_sessionId;
    QByteArray m_protocolVersion;
    QHash<QNetworkReply *, Stream> m_streams;
    bool m_closing = false;
};

} // namespace muxi::mcp
