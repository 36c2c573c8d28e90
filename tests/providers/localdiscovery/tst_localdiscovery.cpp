#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>
#include <muxi/providers/llamacppprobe.h>
#include <muxi/providers/localdiscovery.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
// A loopback port nothing listens on: taken, then released.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

void serveOllama(FakeHttpServer &server)
{
    server.script("GET", "/api/tags", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/tags.json")))});
    server.script("GET", "/api/version", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/version.json")))});
}

void serveLlamaCpp(FakeHttpServer &server, const QString &health)
{
    server.script("GET", "/health", {ScriptedResponse::json(health == QLatin1String("ok") ? 200 : 503, fixture(QStringLiteral("llamacpp/health-%1.json").arg(health)))});
    server.script("GET", "/props", {ScriptedResponse::json(200, fixture(QStringLiteral("llamacpp/props.json")))});
}
}

// Finding local Ollama and llama.cpp servers without a key, within a short timeout.
class TestLocalDiscovery : public QObject
{
    Q_OBJECT

private:
    // Runs `discovery` to the end; returns how long it took.
    qint64 run(LocalDiscovery &discovery)
    {
        QSignalSpy finished(&discovery, &LocalDiscovery::finished);
        QElapsedTimer clock;
        clock.start();
        discovery.start();
        if (!finished.wait(5'000))
            qWarning("discovery did not finish");
        return clock.elapsed();
    }

private Q_SLOTS:
    void findsBothServers()
    {
        FakeHttpServer ollama;
        FakeHttpServer llamaCpp;
        serveOllama(ollama);
        serveLlamaCpp(llamaCpp, QStringLiteral("ok"));
        QProcessEnvironment env;
        env.insert(QStringLiteral("OLLAMA_HOST"), QStringLiteral("127.0.0.1:%1").arg(ollama.port()));
        env.insert(QStringLiteral("LLAMACPP_BASE_URL"), llamaCpp.url(QStringLiteral("/v1")).toString());
        LocalDiscovery discovery;
        discovery.setEnvironment(env);
        QSignalSpy found(&discovery, &LocalDiscovery::serverFound);
        const qint64 elapsed = run(discovery);
        QVERIFY2(elapsed < 2'000, qPrintable(QString::number(elapsed)));
        QCOMPARE(found.size(), 2);
        QCOMPARE(discovery.servers().size(), 2);

        DiscoveredServer o;
        DiscoveredServer l;
        for (const DiscoveredServer &server : discovery.servers())
            (server.providerId == QLatin1String("ollama") ? o : l) = server;
        QCOMPARE(o.providerId, QStringLiteral("ollama"));
        QCOMPARE(o.baseUrl, ollama.url());
        QCOMPARE(o.models, (QStringList{QStringLiteral("llama3.2:latest"), QStringLiteral("all-minilm:latest")}));
        QCOMPARE(o.version, QStringLiteral("0.6.8"));
        QCOMPARE(l.providerId, QStringLiteral("llamacpp"));
        // The base URL the openai-family provider needs, /v1 included.
        QCOMPARE(l.baseUrl, llamaCpp.url(QStringLiteral("/v1")));
        QCOMPARE(l.models, QStringList{QStringLiteral("Qwen2.5-0.5B-Instruct-Q4_K_M.gguf")});
        QVERIFY(!l.loading);
        // Probes go to the server root, and carry no key.
        QCOMPARE(llamaCpp.count("/health"), 1);
        QCOMPARE(llamaCpp.count("/props"), 1);
        for (const RecordedRequest &request : ollama.requests())
            QVERIFY(request.header("authorization").isEmpty());
    }

    void closedPortsFindNothingQuickly()
    {
        LocalDiscovery discovery;
        discovery.setOllamaUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())));
        discovery.setLlamaCppUrl(QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(closedPort())));
        QSignalSpy found(&discovery, &LocalDiscovery::serverFound);
        const qint64 elapsed = run(discovery);
        QVERIFY2(elapsed < LocalDiscovery::DefaultTimeout.count() + 500, qPrintable(QString::number(elapsed)));
        QCOMPARE(found.size(), 0);
        QVERIFY(discovery.servers().isEmpty());
        QVERIFY(!discovery.isRunning());
    }

    void silentServersTimeOut()
    {
        FakeHttpServer silent;
        ScriptedResponse never;
        never.silent = true;
        for (const char *path : {"/api/tags", "/api/version", "/health", "/props"})
            silent.script("GET", path, {never});
        LocalDiscovery discovery;
        discovery.setOllamaUrl(silent.url());
        discovery.setLlamaCppUrl(silent.url(QStringLiteral("/v1")));
        discovery.setTimeout(std::chrono::milliseconds(300));
        QSignalSpy found(&discovery, &LocalDiscovery::serverFound);
        const qint64 elapsed = run(discovery);
        QVERIFY2(elapsed >= 250 && elapsed < 1'500, qPrintable(QString::number(elapsed)));
        QCOMPARE(found.size(), 0);
    }

    void loadingLlamaCppIsFoundAsLoading()
    {
        FakeHttpServer llamaCpp;
        serveLlamaCpp(llamaCpp, QStringLiteral("loading"));
        LocalDiscovery discovery;
        discovery.setOllamaUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())));
        discovery.setLlamaCppUrl(llamaCpp.url(QStringLiteral("/v1")));
        run(discovery);
        QCOMPARE(discovery.servers().size(), 1);
        QCOMPARE(discovery.servers().first().providerId, QStringLiteral("llamacpp"));
        QVERIFY(discovery.servers().first().loading);
    }

    void otherServersAreNotMistakenForOnes()
    {
        // Something else on the port: 404 everywhere (the fake server's default).
        FakeHttpServer other;
        LocalDiscovery discovery;
        discovery.setOllamaUrl(other.url());
        discovery.setLlamaCppUrl(other.url(QStringLiteral("/v1")));
        run(discovery);
        QVERIFY(discovery.servers().isEmpty());
        QCOMPARE(other.requests().size(), 4);
    }

    void llamaCppStillLoadingIsRetriedThenAnswers()
    {
        // What discovery reports as "loading" is, for a chat, a 503 worth waiting out.
        FakeHttpServer llamaCpp;
        llamaCpp.script("POST", "/v1/chat/completions",
                        {ScriptedResponse::json(503, fixture(QStringLiteral("llamacpp/health-loading.json"))),
                         ScriptedResponse::json(200, fixture(QStringLiteral("llamacpp/chat-completion-timings.json")))});
        QProcessEnvironment env;
        env.insert(QStringLiteral("LLAMACPP_BASE_URL"), llamaCpp.url(QStringLiteral("/v1")).toString());
        Client client(builtinRegistry(), Configuration(env));
        client.setScheduler([](std::chrono::milliseconds, QObject *context, std::function<void()> callback) {
            QMetaObject::invokeMethod(context, std::move(callback), Qt::QueuedConnection);
        });
        ChatRequest request;
        request.model = QStringLiteral("llamacpp/qwen-small");
        request.messages = {Message::user(QStringLiteral("Hi"))};
        const Expected<ChatCompletion> result = client.chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        // Unknown timings fields are carried along, not choked on.
        QCOMPARE(result->text(), QStringLiteral("Hi there."));
        QCOMPARE(result->usage->completionTokens, 4);
        QCOMPARE(result->toJson().value(QLatin1String("timings")).toObject().value(QLatin1String("predicted_n")).toInt(), 4);
        QCOMPARE(llamaCpp.count("/v1/chat/completions"), 2);
    }

    void ollamaHostForms_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QUrl>("url");
        QTest::newRow("host:port") << "192.168.1.5:11500" << QUrl(QStringLiteral("http://192.168.1.5:11500"));
        QTest::newRow("host only") << "gpu-box" << QUrl(QStringLiteral("http://gpu-box:11434"));
        QTest::newRow("bind all") << "0.0.0.0" << QUrl(QStringLiteral("http://127.0.0.1:11434"));
        QTest::newRow("https URL") << "https://ollama.example.com" << QUrl(QStringLiteral("https://ollama.example.com"));
    }

    void ollamaHostForms()
    {
        QFETCH(QString, host);
        QFETCH(QUrl, url);
        QCOMPARE(LocalDiscovery::ollamaUrlFromHost(host), url);
    }

    void llamaCppProbeReadsHealthAndProps()
    {
        HttpResponse ok{200, {}, fixture(QStringLiteral("llamacpp/health-ok.json"))};
        HttpResponse loading{503, {}, fixture(QStringLiteral("llamacpp/health-loading.json"))};
        HttpResponse oldLoading{503, {}, QByteArray(R"({"status":"loading model"})")};
        HttpResponse unrelated{503, {}, QByteArray("Service Unavailable")};
        QCOMPARE(LlamaCppProbe::health(ok), LlamaCppProbe::Health::Ready);
        QCOMPARE(LlamaCppProbe::health(loading), LlamaCppProbe::Health::Loading);
        QCOMPARE(LlamaCppProbe::health(oldLoading), LlamaCppProbe::Health::Loading);
        QCOMPARE(LlamaCppProbe::health(unrelated), LlamaCppProbe::Health::Absent);
        HttpResponse aliased{200, {}, QByteArray(R"({"model_alias":"qwen-small","model_path":"/m/q.gguf","timings":{"future_field":1}})")};
        QCOMPARE(LlamaCppProbe::modelName(aliased), QStringLiteral("qwen-small"));
        QCOMPARE(LlamaCppProbe::serverRoot(QUrl(QStringLiteral("http://127.0.0.1:8080/v1/"))), QUrl(QStringLiteral("http://127.0.0.1:8080")));
    }
};

QTEST_GUILESS_MAIN(TestLocalDiscovery)
#include "tst_localdiscovery.moc"
