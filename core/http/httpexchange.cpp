#include <muxi/httpexchange.h>

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace muxi {

namespace {

std::chrono::milliseconds limitFor(const Timeouts &t, int phase)
{
    switch (phase) {
    case 0:
        return t.connect;
    case 1:
        return t.firstByte;
    default:
        return t.idle;
    }
}
}

HttpExchange::HttpExchange(QNetworkAccessManager *network, HttpRequest request, Timeouts timeouts, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_request(std::move(request))
    , m_timeouts(timeouts)
{
    m_phaseTimer.setSingleShot(true);
    m_totalTimer.setSingleShot(true);
    connect(&m_phaseTimer, &QTimer::timeout, this, &HttpExchange::onPhaseTimeout);
    connect(&m_totalTimer, &QTimer::timeout, this, &HttpExchange::onTotalTimeout);
}

HttpExchange::~HttpExchange()
{
    abort();
}

void HttpExchange::start()
{
    if (m_request.delay.count() > 0)
        QTimer::singleShot(m_request.delay, this, &HttpExchange::send);
    else
        send();
}

void HttpExchange::send()
{
    QNetworkRequest request(m_request.url);
    for (const auto &[name, value] : std::as_const(m_request.headers))
        request.setRawHeader(name, value);
    // Streams must reach the parser as they arrive, never buffered or recompressed.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, !m_request.streaming);
    m_clock.start();
    const QByteArray method = m_request.method.toUpper();
    if (method == "GET")
        m_reply = m_network->get(request);
    else if (method == "POST")
        m_reply = m_network->post(request, m_request.body);
    else if (method == "PUT")
        m_reply = m_network->put(request, m_request.body);
    else if (method == "DELETE")
        m_reply = m_network->deleteResource(request);
    else
        m_reply = m_network->sendCustomRequest(request, method, m_request.body);

    connect(m_reply, &QNetworkReply::requestSent, this, [this] {
        if (m_phase == Phase::Connecting) {
            m_phase = Phase::AwaitingFirstByte;
            armTimer();
        }
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpExchange::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpExchange::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpExchange::onFinished);
    m_phase = Phase::Connecting;
    armTimer();
    if (m_timeouts.total.count() > 0)
        m_totalTimer.start(m_timeouts.total);
}

void HttpExchange::abort()
{
    release();
}

void HttpExchange::release()
{
    m_phase = Phase::Done;
    m_phaseTimer.stop();
    m_totalTimer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        if (!m_reply->isFinished())
            m_reply->abort();
        m_reply->deleteLater();
        m_reply.clear();
    }
}

void HttpExchange::armTimer()
{
    const auto limit = limitFor(m_timeouts, int(m_phase));
    if (m_phase == Phase::Done || limit.count() <= 0)
        m_phaseTimer.stop();
    else
        m_phaseTimer.start(limit);
}

bool HttpExchange::streamsBody() const
{
    return m_request.streaming && m_response.isSuccess();
}

void HttpExchange::onMetaData()
{
    if (m_headSeen || !m_reply)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_headSeen = true;
    m_response.status = status.toInt();
    const auto pairs = m_reply->rawHeaderPairs();
    for (const auto &pair : pairs)
        m_response.headers.append({pair.first, pair.second});
    m_phase = Phase::Receiving;
    armTimer();
    Q_EMIT headReceived(m_response.status, m_response.headers);
}

void HttpExchange::onReadyRead()
{
    if (!m_reply)
        return;
    onMetaData();
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Receiving;
    armTimer();
    const QByteArray bytes = m_reply->readAll();
    if (bytes.isEmpty())
        return;
    m_received += bytes.size();
    if (streamsBody())
        Q_EMIT bytesReceived(bytes);
    else
        m_response.body += bytes;
}

void HttpExchange::onFinished()
{
    if (!m_reply || m_phase == Phase::Done)
        return;
    onMetaData();
    const QByteArray rest = m_reply->readAll();
    m_received += rest.size();
    if (!rest.isEmpty()) {
        if (streamsBody())
            Q_EMIT bytesReceived(rest);
        else
            m_response.body += rest;
    }
    if (m_phase == Phase::Done)
        return;
    const QNetworkReply::NetworkError networkError = m_reply->error();
    const QString errorText = m_reply->errorString();
    // Qt reports HTTP error statuses as content, protocol or server errors
    // (codes from 201 up): those are responses for the adapter to read.
    // Codes below 200 are transport failures, even after a good status line.
    if (m_headSeen && (networkError == QNetworkReply::NoError || networkError >= QNetworkReply::ContentAccessDenied)) {
        if (const std::optional<qint64> missing = missingBytes()) {
            fail(Error(Error::Kind::Network, tr("the connection closed after %1 of the %2 bytes announced (%3)")
                                                 .arg(m_received)
                                                 .arg(m_received + *missing)
                                                 .arg(m_request.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery))));
            return;
        }
        release();
        Q_EMIT finished(m_response);
        return;
    }
    Error error(Error::Kind::Network, tr("%1 (%2)").arg(errorText, m_request.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
    if (networkError == QNetworkReply::OperationCanceledError)
        error.kind = Error::Kind::Cancelled;
    fail(error);
}

std::optional<qint64> HttpExchange::missingBytes() const
{
    // Qt 6.4 can end a body at the connection's close without an error, even
    // one shorter than its Content-Length. A compressed body is counted after
    // Qt inflated it, so only an uncompressed one can be checked.
    bool ok = false;
    const qint64 announced = m_response.header("content-length").trimmed().toLongLong(&ok);
    if (!ok || !m_response.header("content-encoding").isEmpty() || m_received >= announced)
        return std::nullopt;
    return announced - m_received;
}

void HttpExchange::onPhaseTimeout()
{
    if (m_phase == Phase::Done)
        return;
    QString what;
    switch (m_phase) {
    case Phase::Connecting:
        what = tr("no connection within %1 ms");
        break;
    case Phase::AwaitingFirstByte:
        what = tr("no response within %1 ms of sending the request");
        break;
    default:
        what = tr("the response stalled for more than %1 ms");
        break;
    }
    fail(Error(Error::Kind::Timeout, what.arg(limitFor(m_timeouts, int(m_phase)).count())));
}

void HttpExchange::onTotalTimeout()
{
    if (m_phase != Phase::Done)
        fail(Error(Error::Kind::Timeout, tr("the response took longer than %1 ms in total").arg(m_timeouts.total.count())));
}

void HttpExchange::fail(const Error &error)
{
    const bool afterHead = m_headSeen;
    release();
    Error e = error;
    e.httpStatus = m_response.status;
    Q_EMIT failed(e, afterHead);
}

} // namespace muxi
