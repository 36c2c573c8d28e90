#include "metrics.h"

#include <algorithm>

namespace muxi::gateway {

namespace {
QByteArray escapeLabel(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 12);
}
}

Metrics::Metrics()
    // Gateway overhead is sub-millisecond; model answers take seconds to minutes.
    : m_bounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300}
    , m_buckets(m_bounds.size(), 0)
{
}

void Metrics::requestStarted()
{
    ++m_inFlight;
}

void Metrics::requestFinished(const QString &provider, int status, double seconds)
{
    --m_inFlight;
    ++m_total;
    ++m_requests[{provider, status}];
    for (qsizetype i = 0; i < m_bounds.size(); ++i) {
        if (seconds <= m_bounds.at(i))
            ++m_buckets[i];
    }
    m_durationSum += seconds;
    ++m_durationCount;
}

void Metrics::addTokens(qint64 prompt, qint64 completion)
{
    m_promptTokens += prompt;
    m_completionTokens += completion;
}

QByteArray Metrics::text() const
{
    QByteArray out;
    out += "# HELP muxi_requests_total Requests answered, by the provider that answered and the HTTP status sent.\n"
           "# TYPE muxi_requests_total counter\n";
    QList<std::pair<QString, int>> keys = m_requests.keys();
    std::sort(keys.begin(), keys.end());
    for (const auto &key : std::as_const(keys)) {
        out += "muxi_requests_total{provider=\"" + escapeLabel(key.first) + "\",status=\"" + QByteArray::number(key.second) + "\"} "
               + QByteArray::number(m_requests.value(key)) + '\n';
    }
    out += "# HELP muxi_request_duration_seconds Time from a request's arrival to the end of its answer.\n"
           "# TYPE muxi_request_duration_seconds histogram\n";
    for (qsizetype i = 0; i < m_bounds.size(); ++i)
        out += "muxi_request_duration_seconds_bucket{le=\"" + number(m_bounds.at(i)) + "\"} " + QByteArray::number(m_buckets.at(i)) + '\n';
    out += "muxi_request_duration_seconds_bucket{le=\"+Inf\"} " + QByteArray::number(m_durationCount) + '\n';
    out += "muxi_request_duration_seconds_sum " + number(m_durationSum) + '\n';
    out += "muxi_request_duration_seconds_count " + QByteArray::number(m_durationCount) + '\n';
    out += "# HELP muxi_requests_in_flight Requests being answered now.\n"
           "# TYPE muxi_requests_in_flight gauge\n"
           "muxi_requests_in_flight "
           + QByteArray::number(m_inFlight) + '\n';
    out += "# HELP muxi_tokens_total Tokens counted from the providers' usage reports.\n"
           "# TYPE muxi_tokens_total counter\n"
           "muxi_tokens_total{direction=\"prompt\"} "
           + QByteArray::number(m_promptTokens) + "\nmuxi_tokens_total{direction=\"completion\"} " + QByteArray::number(m_completionTokens) + '\n';
    return out;
}

} // namespace muxi::gateway
