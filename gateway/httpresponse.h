#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>

#include <utility>

namespace muxi::gateway {

class HttpConnection;

using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

// The answer to one request, written by hand onto the connection: either
// whole (send) or as a chunked body (start, write…, end) so an upstream
// chunk goes out in the same turn of the event loop it arrived in.
class HttpResponse : public QObject
{
    Q_OBJECT

public:
    HttpResponse(HttpConnection *connection, bool keepAlive, bool headOnly);

    void send(int status, const HttpHeaders &headers, const QByteArray &body);
    void start(int status, const HttpHeaders &headers);
    void write(const QByteArray &data);
    void end();
    // Closes the connection without the final chunk: the client sees a cut
    // body, never a complete one.
    void cut();

    // The client went away before the response was finished.
    bool isClientGone() const { return m_clientGone; }
    int status() const { return m_status; }

    static QByteArray reasonPhrase(int status);

Q_SIGNALS:
    // The client closed its connection while this response was unfinished.
    void clientGone();

private:
    friend class HttpConnection;
    void markClientGone();
    QByteArray head(int status, const HttpHeaders &headers, const QByteArray &framing) const;

    HttpConnection *m_connection;
    bool m_keepAlive;
    bool m_headOnly;
    bool m_started = false;
    bool m_finished = false;
    bool m_clientGone = false;
    int m_status = 0;
};

} // namespace muxi::gateway
