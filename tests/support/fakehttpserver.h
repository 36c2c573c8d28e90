#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <functional>
#include <utility>

class QTcpSocket;

namespace muxi::test {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// A request as it arrived on the wire.
struct RecordedRequest {
    QByteArray method;
    QByteArray target; // path and query, as sent
    Headers headers;
    QByteArray body;

    QByteArray path() const;
    QUrl url() const;
    QByteArray header(QByteArrayView name) const;
    QJsonObject json() const;
};

// What the server sends back. A body is a list of pieces written one after
// another with `interval` between them, so streams arrive as a real server
// sends them; `cut` closes the connection after the pieces without ending
// the body, the way a crashed upstream does.
struct ScriptedResponse {
    int status = 200;
    Headers headers;
    QList<QByteArray> pieces;
    bool chunked = false;
    int intervalMs = 0;
    int headDelayMs = 0;
    bool cut = false;
    // When set, the Content-Length announced instead of the pieces' length:
    // with `cut`, a body that ends before the length it announced.
    qsizetype announcedLength = -1;
    // Accept the request and never answer (for first-byte timeouts).
    bool silent = false;

    static ScriptedResponse json(int status, const QByteArray &body, Headers extraHeaders = {});
    static ScriptedResponse json(int status, const QJsonObject &body, Headers extraHeaders = {});
    // text/event-stream, one chunk per piece.
    static ScriptedResponse sse(const QList<QByteArray> &pieces, int intervalMs = 0);
    // The same bytes split into pieces of at most `pieceSize`.
    static ScriptedResponse sseBytes(const QByteArray &bytes, int pieceSize, int intervalMs = 0);
    static ScriptedResponse ndjson(const QList<QByteArray> &lines, int intervalMs = 0);
};

// An HTTP/1.1 server on 127.0.0.1 at a free port, in the test's own
// process. QHttpServer 6.4 cannot stream a response, so this writes the
// protocol by hand on QTcpServer: keep-alive, Content-Length and chunked bodies.
class FakeHttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<ScriptedResponse(const RecordedRequest &)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;

    // http://127.0.0.1:<port> plus `path`.
    QUrl url(const QString &path = {}) const;
    quint16 port() const;

    // Answers `method path` (path without query) with `handler`.
    void route(const QByteArray &method, const QByteArray &path, Handler handler);
    // Answers with each response in turn; the last one repeats.
    void script(const QByteArray &method, const QByteArray &path, QList<ScriptedResponse> responses);

    QList<RecordedRequest> requests() const { return m_requests; }
    int count(const QByteArray &path) const;
    void clear();

Q_SIGNALS:
    void requestReceived(const muxi::test::RecordedRequest &request);

private:
    struct Connection;
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const RecordedRequest &request);
    void writeResponse(QTcpSocket *socket, const ScriptedResponse &response, bool keepAlive);

    QTcpServer m_server;
    QHash<QByteArray, Handler> m_routes;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<RecordedRequest> m_requests;
};

} // namespace muxi::test
