#include "fakeupstream.h"

#include <fakehttpserver.h>
#include <processrunner.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi::test;

namespace {
const QString upstreamKey = QStringLiteral("sk-canary-upstream-5e4d3c2b1a");
const QString gatewayKey = QStringLiteral("sk-canary-gateway-0a9b8c7d6e");
}

// `muxi serve` driven by the official openai and @anthropic-ai/sdk npm
// packages (the scripts in tests/gateway/sdk/), against an OpenAI-compatible
// fake provider living in this process.
class TestGatewaySdk : public QObject
{
    Q_OBJECT

private:
    FakeHttpServer server;
    FakeUpstream upstream{server};
    QTemporaryDir home;
    QProcess serve;
    QString baseUrl;
    QString npmDir;

    QProcessEnvironment environment()
    {
        QProcessEnvironment env = cleanEnvironment(home.path());
        env.insert(QStringLiteral("OPENAI_API_KEY"), upstreamKey);
        env.insert(QStringLiteral("OPENAI_BASE_URL"), server.url(QStringLiteral("/v1")).toString());
        env.insert(QStringLiteral("MUXI_CONFIG"), home.filePath(QStringLiteral("config.json")));
        env.insert(QStringLiteral("MUXI_SERVE_API_KEY"), gatewayKey);
        return env;
    }

    ProcessResult node(const QString &script)
    {
        QProcessEnvironment env = cleanEnvironment(home.path());
        env.insert(QStringLiteral("NODE_PATH"), npmDir + QLatin1String("/node_modules"));
        env.insert(QStringLiteral("MUXI_URL"), baseUrl);
        env.insert(QStringLiteral("MUXI_KEY"), gatewayKey);
        env.insert(QStringLiteral("MUXI_UPSTREAM_KEY"), upstreamKey);
        return runProcess(QStringLiteral("node"), {QStringLiteral(MUXI_SDK_SCRIPTS) + QLatin1Char('/') + script}, env, {}, 240'000);
    }

    void runScript(const QString &script)
    {
        const ProcessResult r = node(script);
        QVERIFY2(r.exitCode == 0, qPrintable(QString::fromUtf8(r.out + r.err)));
        QVERIFY(!r.out.contains(upstreamKey.toUtf8()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        npmDir = qEnvironmentVariable("MUXI_GATEWAY_NPM_DIR", QDir::homePath() + QLatin1String("/.cache/muxi/npm-gateway"));
        QVERIFY2(QFile::exists(npmDir + QLatin1String("/node_modules/openai/package.json"))
                     && QFile::exists(npmDir + QLatin1String("/node_modules/@anthropic-ai/sdk/package.json")),
                 qPrintable(QStringLiteral("the SDKs are not installed in %1: run scripts/install-gateway-npm.sh").arg(npmDir)));
        QFile config(home.filePath(QStringLiteral("config.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        // No retries unless a request asks, and no cooldowns: the tests count upstream calls
        // and use the failing models again and again (tst_gatewayredis tests cooldowns).
        const QJsonObject retry{{QLatin1String("max_retries"), 0}, {QLatin1String("base_delay_ms"), 10}};
        const QJsonObject gateway{{QLatin1String("cooldown"), QJsonObject{{QLatin1String("enabled"), false}}}};
        config.write(QJsonDocument(QJsonObject{{QLatin1String("retry"), retry}, {QLatin1String("gateway"), gateway}}).toJson());
        config.close();

        serve.setProcessEnvironment(environment());
        serve.start(QStringLiteral(MUXI_CLI), {QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(serve.waitForStarted());
        QByteArray line;
        while (!line.contains('\n') && serve.waitForReadyRead(20'000))
            line += serve.readAllStandardOutput();
        QVERIFY2(line.startsWith("muxi serve listening on http://127.0.0.1:"), line.constData());
        baseUrl = QString::fromUtf8(line.trimmed().mid(int(qstrlen("muxi serve listening on "))));
    }

    void cleanupTestCase()
    {
        serve.terminate();
        serve.waitForFinished(10'000);
        // Everything the server wrote: the access log, one JSON object per line, and no key anywhere.
        const QByteArray log = serve.readAllStandardError();
        QVERIFY(!log.contains(upstreamKey.toUtf8()));
        QVERIFY(!log.contains(gatewayKey.toUtf8()));
        int lines = 0;
        for (const QByteArray &line : log.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonObject entry = QJsonDocument::fromJson(line).object();
            QVERIFY2(entry.contains(QLatin1String("status")) && entry.contains(QLatin1String("latency_ms")), line.constData());
            ++lines;
        }
        QVERIFY(lines > 100);
    }

    void openAiChat()
    {
        runScript(QStringLiteral("openai_chat.cjs"));
    }

    void openAiErrors()
    {
        upstream.reset();
        runScript(QStringLiteral("openai_errors.cjs"));
        // The gateway said x-should-retry: false, so the SDK asked once per error.
        QCOMPARE(upstream.calls(QStringLiteral("gpt-429")), 1);
        QCOMPARE(upstream.calls(QStringLiteral("gpt-500")), 1);
    }

    void fallbacksAndStreamFailures()
    {
        upstream.reset();
        runScript(QStringLiteral("openai_fallbacks.cjs"));
        // Once each for the body and header fallbacks, twice with `retries: 1`.
        QCOMPARE(upstream.calls(QStringLiteral("gpt-503")), 4);
    }

    void clientAbortStopsUpstream()
    {
        runScript(QStringLiteral("openai_abort.cjs"));
    }

    void concurrentStreams()
    {
        runScript(QStringLiteral("openai_concurrency.cjs"));
    }

    void anthropicMessages()
    {
        runScript(QStringLiteral("anthropic_messages.cjs"));
    }
};

QTEST_GUILESS_MAIN(TestGatewaySdk)
#include "tst_gatewaysdk.moc"
