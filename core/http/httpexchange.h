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

// One HTTP request/response over QNetworkAccessManager with the four
// timeouts Muxi promises (connect, first byte, idle, total). A successful
// streaming answer is handed out piece by piece; anything else is buffered.
class MUXI_CORE_EXPORT HttpExchange : public QObject
{
    Q_OBJECT

public:
    HttpExchange(QNetworkAccessManager *network, HttpRequest request, Timeouts timeouts, QObject *parent = nullptr);
    ~HttpExchange() override;

    void start();
    // Stops without emitting anything further.
    void abort();

    const HttpRequest &request() const { return m_request; }
    // 0 until the response head arrived.
    int status() const { return m_response.status; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

Q_SIGNALS:
    void headReceived(int status, const muxi::HttpHeaders &headers);
    // Only for 2xx answers to streaming requests.
    void bytesReceived(const QByteArray &bytes);
    // The response ended as the transport saw it. `response.body` is empty when streamed.
    void finished(const muxi::HttpResponse &response);
    // Network failure or timeout; `afterHead` tells whether a response had begun.
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
