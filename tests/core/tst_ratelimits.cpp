#include <muxi/ratelimits.h>

#include <QTest>

using namespace muxi;
using std::chrono::milliseconds;

class TestRateLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goDurations_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("minutes and seconds") << QByteArray("6m0s") << qint64(360'000);
        QTest::newRow("milliseconds") << QByteArray("12ms") << qint64(12);
        QTest::newRow("fractional seconds") << QByteArray("1.5s") << qint64(1500);
        QTest::newRow("hours") << QByteArray("1h2m3s") << qint64(3'723'000);
    }

    void goDurations()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, ms);
        QCOMPARE(parseGoDuration(text), milliseconds(ms));
    }

    void rejectsNonDurations()
    {
        QCOMPARE(parseGoDuration("soon"), std::nullopt);
        QCOMPARE(parseGoDuration("20"), std::nullopt);
        QCOMPARE(parseGoDuration(""), std::nullopt);
    }

    void fromHeaders()
    {
        const HttpHeaders headers{{"X-RateLimit-Limit-Requests", "5000"}, {"x-ratelimit-remaining-requests", "4999"},
                                  {"x-ratelimit-reset-requests", "12ms"}, {"x-ratelimit-limit-tokens", "160000"},
                                  {"x-ratelimit-remaining-tokens", "159976"}, {"x-ratelimit-reset-tokens", "6m0s"}};
        const RateLimits limits = RateLimits::fromHeaders(headers);
        QCOMPARE(limits.limitRequests, 5000);
        QCOMPARE(limits.remainingRequests, 4999);
        QCOMPARE(limits.resetRequests, milliseconds(12));
        QCOMPARE(limits.remainingTokens, 159976);
        QCOMPARE(limits.resetTokens, milliseconds(360'000));
        QVERIFY(!limits.isEmpty());
        QVERIFY(RateLimits::fromHeaders({}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRateLimits)
#include "tst_ratelimits.moc"
