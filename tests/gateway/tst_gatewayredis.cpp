#include "fakeupstream.h"

#include <fakehttpserver.h>
#include <processrunner.h>

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi::test;

namespace {
const QString upstreamKey = QStringLiteral("sk-canary-redis-upstream-31");
const QString teamKey = QStringLiteral("sk-canary-team-key-42");

struct Answer {
    int status = 0;
    QJsonObject json;
    QByteArray model;
    QByteArray attempts;
    QByteArray retryAfter;
};
}

// Two `muxi serve` replicas sharing one real redis-server (started here on a
// free port): a cooldown one replica learns is honoured by the other, it
// expires, budgets are counted across both, and losing Redis degrades to
// each replica's own state without failing requests.
class TestGatewayRedis : public QObject
{
    Q_OBJECT

private:
    FakeHttpServer server;
    FakeUpstream upstream{server};
    QTemporaryDir home;
    QProcess redis;
    quint16 redisPort = 0;
    QProcess replicas[2];
    quint16 ports[2] = {0, 0};
    QByteArray replicaErr[2];
    QNetworkAccessManager network;

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    bool startRedis()
    {
        redis.start(QStringLiteral("redis-server"), {QStringLiteral("--port"), QString::number(redisPort), QStringLiteral("--bind"),
                                                     QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"),
                                                     QStringLiteral("no")});
        if (!redis.waitForStarted())
            return false;
        for (int i = 0; i < 100; ++i) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, redisPort);
            if (probe.waitForConnected(100))
                return true;
            QTest::qWait(50);
        }
        return false;
    }

    QByteArray redisGet(const QByteArray &key)
    {
        const ProcessResult r = runProcess(QStringLiteral("redis-cli"), {QStringLiteral("-p"), QString::number(redisPort), QStringLiteral("GET"), QString::fromUtf8(key)},
                                           QProcessEnvironment::systemEnvironment());
        return r.out.trimmed();
    }

    Answer chat(int replica, const QJsonObject &body, const QString &key = {})
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(ports[replica])));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        if (!key.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
        QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson());
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.json = QJsonDocument::fromJson(reply->readAll()).object();
        answer.model = reply->rawHeader("x-muxi-model");
        answer.attempts = reply->rawHeader("x-muxi-attempts");
        answer.retryAfter = reply->rawHeader("retry-after");
        reply->deleteLater();
        return answer;
    }

    static QJsonObject ask(const QString &model, const QStringList &fallbacks = {})
    {
        QJsonObject body{{QLatin1String("model"), model},
                         {QLatin1String("messages"), QJsonArray{QJsonObject{{QLatin1String("role"), QLatin1String("user")}, {QLatin1String("content"), QLatin1String("hi")}}}}};
        if (!fallbacks.isEmpty())
            body.insert(QLatin1String("fallback_models"), QJsonArray::fromStringList(fallbacks));
        return body;
    }

    QByteArray errors(int replica)
    {
        replicaErr[replica] += replicas[replica].readAllStandardError();
        return replicaErr[replica];
    }

private Q_SLOTS:
    void initTestCase()
    {
        redisPort = freePort();
        QVERIFY2(startRedis(), "redis-server did not start (scripts/install-deps.sh installs it)");

        QFile config(home.filePath(QStringLiteral("config.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        const QJsonObject gateway{
            {QLatin1String("cooldown"), QJsonObject{{QLatin1String("server_error_ms"), 1500}}},
            {QLatin1String("keys"), QJsonArray{QJsonObject{{QLatin1String("name"), QLatin1String("team")},
                                                           {QLatin1String("key_variable"), QLatin1String("MUXI_TEAM_KEY")},
                                                           // Less than one request to gpt-4o-mini costs.
                                                           {QLatin1String("daily_usd"), 0.000001}}}},
        };
        config.write(QJsonDocument(QJsonObject{{QLatin1String("retry"), QJsonObject{{QLatin1String("max_retries"), 0}}}, {QLatin1String("gateway"), gateway}})
                         .toJson());
        config.close();

        QProcessEnvironment env = cleanEnvironment(home.path());
        env.insert(QStringLiteral("OPENAI_API_KEY"), upstreamKey);
        env.insert(QStringLiteral("OPENAI_BASE_URL"), server.url(QStringLiteral("/v1")).toString());
        env.insert(QStringLiteral("MUXI_CONFIG"), home.filePath(QStringLiteral("config.json")));
        env.insert(QStringLiteral("MUXI_SERVE_API_KEY"), QStringLiteral("sk-canary-admin-43"));
        env.insert(QStringLiteral("MUXI_TEAM_KEY"), teamKey);
        for (int i = 0; i < 2; ++i) {
            replicas[i].setProcessEnvironment(env);
            replicas[i].start(QStringLiteral(MUXI_CLI), {QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--redis"),
                                                         QStringLiteral("redis://127.0.0.1:%1").arg(redisPort)});
            QByteArray line;
            while (!line.contains('\n') && replicas[i].waitForReadyRead(20'000))
                line += replicas[i].readAllStandardOutput();
            QVERIFY2(line.startsWith("muxi serve listening on http://127.0.0.1:"), line.constData());
            ports[i] = quint16(line.trimmed().split(':').last().toUInt());
            QTRY_VERIFY_WITH_TIMEOUT(errors(i).contains("cooldowns and usage are shared"), 20'000);
        }
    }

    void cleanupTestCase()
    {
        for (int i = 0; i < 2; ++i) {
            replicas[i].kill();
            replicas[i].waitForFinished();
            const QByteArray err = errors(i);
            QVERIFY(!err.contains(upstreamKey.toUtf8()));
            QVERIFY(!err.contains(teamKey.toUtf8()));
        }
        redis.kill();
        redis.waitForFinished();
    }

    void rateLimitCooldownIsSharedAndHonoursRetryAfter()
    {
        // Replica 0 meets the 429 (Retry-After: 7) and falls back.
        const Answer first = chat(0, ask(QStringLiteral("openai/gpt-429"), {QStringLiteral("openai/gpt-ok")}), QStringLiteral("sk-canary-admin-43"));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.model, QByteArray("openai/gpt-ok"));
        QCOMPARE(first.attempts, QByteArray("2"));
        QCOMPARE(upstream.calls(QStringLiteral("gpt-429")), 1);
        const qint64 until = redisGet("muxi:cooldown:openai/gpt-429").toLongLong();
        QVERIFY(until > QDateTime::currentMSecsSinceEpoch() + 3'000);

        // Replica 1 skips the cooling model without asking it.
        const Answer second = chat(1, ask(QStringLiteral("openai/gpt-429"), {QStringLiteral("openai/gpt-ok")}), QStringLiteral("sk-canary-admin-43"));
        QCOMPARE(second.status, 200);
        QCOMPARE(second.model, QByteArray("openai/gpt-ok"));
        QCOMPARE(second.attempts, QByteArray("1"));
        QCOMPARE(upstream.calls(QStringLiteral("gpt-429")), 1);

        // Nothing else to try: 429 at once, with how long is left.
        const Answer alone = chat(1, ask(QStringLiteral("openai/gpt-429")), QStringLiteral("sk-canary-admin-43"));
        QCOMPARE(alone.status, 429);
        QCOMPARE(alone.json.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(), QStringLiteral("model_cooling_down"));
        const int retryAfter = alone.retryAfter.toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 7, alone.retryAfter.constData());
        QCOMPARE(upstream.calls(QStringLiteral("gpt-429")), 1);
    }

    void serverErrorCooldownExpires()
    {
        const Answer first = chat(1, ask(QStringLiteral("openai/gpt-503"), {QStringLiteral("openai/gpt-ok")}), QStringLiteral("sk-canary-admin-43"));
        QCOMPARE(first.model, QByteArray("openai/gpt-ok"));
        QCOMPARE(upstream.calls(QStringLiteral("gpt-503")), 1);
        const Answer skipped = chat(0, ask(QStringLiteral("openai/gpt-503"), {QStringLiteral("openai/gpt-ok")}), QStringLiteral("sk-canary-admin-43"));
        QCOMPARE(skipped.attempts, QByteArray("1"));
        QCOMPARE(upstream.calls(QStringLiteral("gpt-503")), 1);
        // After the 1.5 s cooldown Redis forgets it, and replica 0 asks the model again.
        QTRY_VERIFY_WITH_TIMEOUT(redisGet("muxi:cooldown:openai/gpt-503").isEmpty(), 20'000);
        const Answer again = chat(0, ask(QStringLiteral("openai/gpt-503"), {QStringLiteral("openai/gpt-ok")}), QStringLiteral("sk-canary-admin-43"));
        QCOMPARE(again.attempts, QByteArray("2"));
        QCOMPARE(upstream.calls(QStringLiteral("gpt-503")), 2);
    }

    void usageAndBudgetsAcrossReplicas()
    {
        const QString day = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
        const Answer spent = chat(0, ask(QStringLiteral("openai/gpt-4o-mini")), teamKey);
        QCOMPARE(spent.status, 200);
        QTRY_COMPARE(redisGet("muxi:counter:usage:openai/gpt-4o-mini:" + day.toUtf8() + ":requests"), QByteArray("1"));
        QTRY_VERIFY(redisGet("muxi:counter:spend:key:team:day:" + day.toUtf8()).toLongLong() > 0);

        // The other replica sees what the first one counted, and refuses.
        const Answer refused = chat(1, ask(QStringLiteral("openai/gpt-4o-mini")), teamKey);
        QCOMPARE(refused.status, 429);
        const QJsonObject error = refused.json.value(QLatin1String("error")).toObject();
        QCOMPARE(error.value(QLatin1String("code")).toString(), QStringLiteral("budget_exceeded"));
        QVERIFY2(error.value(QLatin1String("message")).toString().contains(QLatin1String("gateway key \"team\" is over its daily budget")),
                 qPrintable(error.value(QLatin1String("message")).toString()));
        // The admin key has no budget.
        QCOMPARE(chat(1, ask(QStringLiteral("openai/gpt-4o-mini")), QStringLiteral("sk-canary-admin-43")).status, 200);
    }

    void losingRedisDegradesToLocalState()
    {
        redis.kill();
        redis.waitForFinished();
        // Both replicas keep answering, with a warning.
        const Answer a = chat(0, ask(QStringLiteral("openai/gpt-ok")), QStringLiteral("sk-canary-admin-43"));
        QCOMPARE(a.status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(errors(0).contains("unavailable"), 20'000);
        QCOMPARE(chat(1, ask(QStringLiteral("openai/gpt-ok")), QStringLiteral("sk-canary-admin-43")).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(errors(1).contains("unavailable"), 20'000);

        // Cooldowns are now each replica's own.
        upstream.reset();
        QCOMPARE(chat(0, ask(QStringLiteral("openai/gpt-500"), {QStringLiteral("openai/gpt-ok")}), QStringLiteral("sk-canary-admin-43")).attempts, QByteArray("2"));
        QCOMPARE(chat(0, ask(QStringLiteral("openai/gpt-500"), {QStringLiteral("openai/gpt-ok")}), QStringLiteral("sk-canary-admin-43")).attempts, QByteArray("1"));
        QCOMPARE(chat(1, ask(QStringLiteral("openai/gpt-500"), {QStringLiteral("openai/gpt-ok")}), QStringLiteral("sk-canary-admin-43")).attempts, QByteArray("2"));
        QCOMPARE(upstream.calls(QStringLiteral("gpt-500")), 2);

        // Redis back on the same port: the replicas share again.
        QVERIFY(startRedis());
        QTRY_VERIFY_WITH_TIMEOUT(errors(0).count("cooldowns and usage are shared") >= 2, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(errors(1).count("cooldowns and usage are shared") >= 2, 20'000);
        QCOMPARE(chat(0, ask(QStringLiteral("openai/gpt-502"), {QStringLiteral("openai/gpt-ok")}), QStringLiteral("sk-canary-admin-43")).attempts, QByteArray("2"));
        QCOMPARE(chat(1, ask(QStringLiteral("openai/gpt-502"), {QStringLiteral("openai/gpt-ok")}), QStringLiteral("sk-canary-admin-43")).attempts, QByteArray("1"));
        QCOMPARE(upstream.calls(QStringLiteral("gpt-502")), 1);
    }
};

QTEST_GUILESS_MAIN(TestGatewayRedis)
#include "tst_gatewayredis.moc"
