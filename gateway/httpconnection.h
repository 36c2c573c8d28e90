#pragma once

#include "httplimits.h"
#include "httprequest.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <http_parser.h>

#include <functional>

class QTcpSocket;

namespace muxi::gateway {

class HttpResponse;

// One client connection: parses requests with http_parser as bytes arrive,
// enforces the limits and timeouts, and hands each complete request to the
// handler. Requests on one connection are answered in order: while one is
// being answered, the next (pipelined) one waits in the parser.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(const HttpRequest &, HttpResponse *)>;
    // The body of an error the HTTP layer itself sends (413, 431, 408, 400).
    using ErrorBody = std::function<QByteArray(const QByteArray &path, int status, const QString &message)>;

    HttpConnection(QTcpSocket *socket, const HttpLimits &limits, Handler handler, ErrorBody errorBody, QObject *parent = nullptr);
    ~HttpConnection() override;

    // Used by HttpResponse.
    void writeResponseBytes(const QByteArray &bytes);
    void responseFinished(bool keepAlive);

private:
    enum class Phase { Idle, Head, Body, Busy, Closing };

    void onReadyRead();
    void feed();
    void dispatch();
    void onTimeout();
    void onDisconnected();
    // Answers with an error and closes after it, without reading the rest.
    void refuse(int status, const QString &message);
    void closeAfterWriting();

    static int onMessageBegin(http_parser *parser);
    static int onUrl(http_parser *parser, const char *at, size_t length);
    static int onHeaderField(http_parser *parser, const char *at, size_t length);
    static int onHeaderValue(http_parser *parser, const char *at, size_t length);
    static int onHeadersComplete(http_parser *parser);
    static int onBody(http_parser *parser, const char *at, size_t length);
    static int onMessageComplete(http_parser *parser);
    bool countHeaderBytes(size_t length);

    QPointer<QTcpSocket> m_socket;
    HttpLimits m_limits;
    Handler m_handler;
    ErrorBody m_errorBody;
    http_parser m_parser;
    http_parser_settings m_settings;
    QTimer m_timer;
    Phase m_phase = Phase::Idle;
    QByteArray m_unparsed;
    HttpRequest m_request;
    qint64 m_headerBytes = 0;
    bool m_lastWasValue = false;
    bool m_ready = false;
    int m_refuseStatus = 0;
    QString m_refuseMessage;
    QPointer<HttpResponse> m_response;
    qint64 m_drained = 0;
};

} // namespace muxi::gateway
