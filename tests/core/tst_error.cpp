#include <muxi/error.h>
#include <muxi/retrypolicy.h>

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QTest>

using namespace muxi;
using std::chrono::milliseconds;

class TestError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryAfter()
    {
        QCOMPARE(parseRetryAfter("1500", "20"), milliseconds(1500));
        QCOMPARE(parseRetryAfter({}, "20"), milliseconds(20'000));
        QCOMPARE(parseRetryAfter({}, "0.25"), milliseconds(250));
        QCOMPARE(parseRetryAfter({}, {}), std::nullopt);
        QCOMPARE(parseRetryAfter({}, "soon"), std::nullopt);
        const QDateTime inTenSeconds = QDateTime::currentDateTimeUtc().addSecs(10);
        const QByteArray httpDate = QLocale::c().toString(inTenSeconds, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
        const auto parsed = parseRetryAfter({}, httpDate);
        QVERIFY(parsed);
        QVERIFY2(parsed->count() > 8'000 && parsed->count() <= 10'000, qPrintable(QString::number(parsed->count())));
    }

    void statusKinds()
    {
        QCOMPARE(errorKindForHttpStatus(401), Error::Kind::Authentication);
        QCOMPARE(errorKindForHttpStatus(403), Error::Kind::Permission);
        QCOMPARE(errorKindForHttpStatus(404), Error::Kind::NotFound);
        QCOMPARE(errorKindForHttpStatus(429), Error::Kind::RateLimit);
        QCOMPARE(errorKindForHttpStatus(402), Error::Kind::Quota);
        QCOMPARE(errorKindForHttpStatus(500), Error::Kind::Server);
        QCOMPARE(errorKindForHttpStatus(529), Error::Kind::Overloaded);
        QCOMPARE(errorKindForHttpStatus(504), Error::Kind::Timeout);
        QCOMPARE(errorKindForHttpStatus(422), Error::Kind::BadRequest);
    }

    void kindNamesRoundTrip()
    {
        for (int k = 0; k <= int(Error::Kind::InvalidResponse); ++k) {
            const auto kind = Error::Kind(k);
            QCOMPARE(Error::kindFromName(Error::kindName(kind)), kind);
        }
    }

    void oneLineNamesProviderModelStatusAndMessage()
    {
        Error error(Error::Kind::RateLimit, QStringLiteral("Rate limit reached\nfor requests"));
        error.provider = QStringLiteral("groq");
        error.model = QStringLiteral("llama");
        error.httpStatus = 429;
        QCOMPARE(error.toString(), QStringLiteral("groq/llama: HTTP 429 rate_limit: Rate limit reached for requests"));
    }

    void redactsEchoedKeys()
    {
        Error error(Error::Kind::Authentication, QStringLiteral("Incorrect API key provided: sk-canary-123456"));
        error.rawBody = "{\"key\":\"sk-canary-123456\"}";
        error.redact(QStringLiteral("sk-canary-123456"));
        QVERIFY(!error.message.contains(QStringLiteral("canary")));
        QVERIFY(!error.rawBody.contains("canary"));
    }

    void backoff()
    {
        RetryPolicy policy;
        policy.maxRetries = 3;
        policy.baseDelay = milliseconds(100);
        policy.maxDelay = milliseconds(300);
        const Error server(Error::Kind::Server, {});
        QCOMPARE(policy.delayBeforeRetry(0, server, 0.0), milliseconds(100));
        QCOMPARE(policy.delayBeforeRetry(1, server, 0.0), milliseconds(200));
        QCOMPARE(policy.delayBeforeRetry(2, server, 0.0), milliseconds(300));
        QCOMPARE(policy.delayBeforeRetry(3, server, 0.0), std::nullopt);
        // Jitter shortens by at most a quarter.
        QCOMPARE(policy.delayBeforeRetry(0, server, 1.0), milliseconds(75));

        Error limited(Error::Kind::RateLimit, {});
        limited.retryAfter = milliseconds(2500);
        QCOMPARE(policy.delayBeforeRetry(0, limited, 0.5), milliseconds(2500));
        limited.retryAfter = milliseconds(600'000);
        QCOMPARE(policy.delayBeforeRetry(0, limited, 0.5), std::nullopt);

        QCOMPARE(policy.delayBeforeRetry(0, Error(Error::Kind::Quota, {}), 0.0), std::nullopt);
        QCOMPARE(policy.delayBeforeRetry(0, Error(Error::Kind::BadRequest, {}), 0.0), std::nullopt);
        QVERIFY(policy.shouldFallBack(Error(Error::Kind::Authentication, {})));
        QVERIFY(!policy.shouldFallBack(Error(Error::Kind::BadRequest, {})));
    }

    void policyFromJson()
    {
        const RetryPolicy policy = RetryPolicy::fromJson(QJsonObject{{QLatin1String("max_retries"), 5},
                                                                     {QLatin1String("base_delay_ms"), 10},
                                                                     {QLatin1String("fallback_on"), QJsonArray{QLatin1String("server")}}});
        QCOMPARE(policy.maxRetries, 5);
        QCOMPARE(policy.baseDelay, milliseconds(10));
        QCOMPARE(policy.fallbackOn, QList<Error::Kind>{Error::Kind::Server});
        QCOMPARE(RetryPolicy::fromJson(policy.toJson()), policy);
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "tst_error.moc"
