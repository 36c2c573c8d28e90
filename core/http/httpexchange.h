#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/error.h>
#include <muxi/httpmessage.h>
#include <muxi/timeouts.h>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace muxi {

/// \brief One HTTP request/response over QNetworkAccessManager with the four
/// timeouts Muxi promises (connect, first byte, idle, total).
///
/// A successful (2xx) answer to a streaming request is handed out piece by
/// piece through bytesReceived(); anything else is buffered into the
/// HttpResponse of finished(). Exactly one of finished() and failed() ends an
/// exchange, unless abort() ends it silently. HTTP error statuses are
/// responses, not failures: they arrive through finished() for the adapter to
/// read. Lives in the thread of its QNetworkAccessManager; the manager must
/// outlive it.
class MUXI_CORE_EXPORT HttpExchange : public QObject
{
    Q_OBJECT

public:
    /// Prepares `request`; nothing is sent before start(). `network` is not owned.
    HttpExchange(QNetworkAccessManager *network, HttpRequest request, Timeouts timeouts, QObject *parent = nullptr);
    /// Aborts an exchange still running.
    ~HttpExchange() override;

    /// Sends the request, after HttpRequest::delay when one is set, and starts the timeouts.
    void start();
    /// Stops without emitting anything further.
    void abort();

    /// The request as given.
    const HttpRequest &request() const { return m_request; }
    /// The response's HTTP status; 0 until the response head arrived.
    int status() const { return m_response.status; }
    /// Milliseconds since the request was sent; 0 before.
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

Q_SIGNALS:
    /// The status line and headers arrived, before any of the body.
    void headReceived(int status, const muxi::HttpHeaders &headers);
    /// The next bytes of the body. Only for 2xx answers to streaming requests.
    void bytesReceived(const QByteArray &bytes);
    /// The response ended as the transport saw it. `response.body` is empty when streamed.
    /// Whether the stream itself was complete is for its decoder to judge.
    void finished(const muxi::HttpResponse &response);
    /// Network failure (Error::Kind::Network) or timeout (Error::Kind::Timeout);
    /// `afterHead` tells whether a response had begun. The error's message
    /// names the URL without its query or credentials.
    void failed(const muxi::Error &error, bool afterHead);

private:
    enum class Phase { Connecting, AwaitingFirstByte, Receiving, Done };

    void send();
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void onPhaseTimeout();
    void onTotalTimeout();
    void armTimer();
    // The one clean-up of every ending (success, failure, abort): timers
    // stopped, the reply let go, nothing emitted after it.
    void release();
    void fail(const Error &error);
    bool streamsBody() const;
    // How many bytes short of its Content-Length the body ended, if it did.
    std::optional<qint64> missingBytes() const;

    QNetworkAccessManager *m_network;
    HttpRequest m_request;
    Timeouts m_timeouts;
    QPointer<QNetworkReply> m_reply;
    HttpResponse m_response;
    bool m_headSeen = false;
    qint64 m_received = 0;
    Phase m_phase = Phase::Connecting;
    QTimer m_phaseTimer;
    QTimer m_totalTimer;
    QElapsedTimer m_clock;
};

} // namespace muxi
