#include <muxi/ratelimits.h>

#include <QJsonObject>
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
        QTest::newRow("microseconds") << QByteArray("2500us") << qint64(2);
        QTest::newRow("micro sign") << QByteArray("3000\xc2\xb5s") << qint64(3);
        QTest::newRow("greek mu") << QByteArray("4000\xce\xbcs") << qint64(4);
        QTest::newRow("nanoseconds") << QByteArray("1s4000000ns") << qint64(1004);
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
        QCOMPARE(parseGoDuration("2d"), std::nullopt);
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

    void toJsonCarriesOnlyWhatWasSent()
    {
        const RateLimits limits = RateLimits::fromHeaders({{"x-ratelimit-limit-requests", "60"}, {"x-ratelimit-reset-tokens", "1.5s"},
                                                           {"x-ratelimit-remaining-tokens", "not a number"}});
        QCOMPARE(limits.toJson(), (QJsonObject{{QLatin1String("limit_requests"), 60}, {QLatin1String("reset_tokens_ms"), 1500}}));
        QCOMPARE(RateLimits().toJson(), QJsonObject());
    }
};

QTEST_GUILESS_MAIN(TestRateLimits)
#include "tst_ratelimits.moc"
