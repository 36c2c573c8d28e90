#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace muxi::gateway {

// Counters the gateway keeps for /metrics, written in Prometheus text
// exposition format 0.0.4.
class Metrics
{
public:
    Metrics();

    void requestStarted();
    // `provider` is the one that answered, or the one asked when none did.
    void requestFinished(const QString &provider, int status, double seconds);
    void addTokens(qint64 prompt, qint64 completion);

    int inFlight() const { return m_inFlight; }
    qint64 requestsTotal() const { return m_total; }
    QByteArray text() const;

private:
    int m_inFlight = 0;
    qint64 m_total = 0;
    QHash<std::pair<QString, int>, qint64> m_requests;
    QList<double> m_bounds;
    QList<qint64> m_buckets;
    double m_durationSum = 0;
    qint64 m_durationCount = 0;
    qint64 m_promptTokens = 0;
    qint64 m_completionTokens = 0;
};

} // namespace muxi::gateway
