#include <fakehttpserver.h>
#include <fixtures.h>
#include <processrunner.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("sk-canary-cli-9f8e7d6c5b4a");
}

// The muxi binary end to end: arguments, output, exit codes and error lines,
// against a loopback server speaking OpenAI's wire format.
class TestCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<QTemporaryDir> home;

    QProcessEnvironment environment(bool withKey = true)
    {
        QProcessEnvironment env = cleanEnvironment(home->path());
        if (withKey)
            env.insert(QStringLiteral("OPENAI_API_KEY"), canaryKey);
        env.insert(QStringLiteral("OPENAI_BASE_URL"), server->url(QStringLiteral("/v1")).toString());
        // Keep failing runs short: the retry behaviour itself is tested elsewhere.
        env.insert(QStringLiteral("MUXI_CONFIG"), home->filePath(QStringLiteral("config.json")));
        QFile config(home->filePath(QStringLiteral("config.json")));
        config.open(QIODevice::WriteOnly);
        config.write(R"({"retry": {"max_retries": 0}})");
        return env;
    }

    ProcessResult muxi(const QStringList &arguments, const QProcessEnvironment &env, const QByteArray &input = {})
    {
        return runProcess(QStringLiteral(MUXI_CLI), arguments, env, input);
    }

    void expectFailure(const ProcessResult &result, int exitCode, const QString &mustContain)
    {
        QCOMPARE(result.exitCode, exitCode);
        const QString err = QString::fromUtf8(result.err).trimmed();
        QVERIFY2(err.startsWith(QLatin1String("muxi: ")), qPrintable(err));
        QCOMPARE(err.count(QLatin1Char('\n')), 0);
        QVERIFY2(err.contains(mustContain), qPrintable(err));
        QVERIFY(!err.contains(canaryKey));
        QVERIFY(!result.out.contains(canaryKey.toUtf8()));
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        home = std::make_unique<QTemporaryDir>();
    }

    void streamsToStdout()
    {
        server->script("POST", "/v1/chat/completions", {ScriptedResponse::sseBytes(fixture(QStringLiteral("openai/chat-stream-usage.sse")), 50, 5)});
        const ProcessResult r = muxi({QStringLiteral("chat"), QStringLiteral("-m"), QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("--stream"),
                                      QStringLiteral("hi")},
                                     environment());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("Hello\n"));
        QVERIFY(r.err.isEmpty());
        const QJsonObject sent = server->requests().first().json();
        QCOMPARE(sent.value(QLatin1String("stream")).toBool(), true);
        QCOMPARE(sent.value(QLatin1String("messages")).toArray().first().toObject().value(QLatin1String("content")).toString(), QStringLiteral("hi"));
    }

    void promptFromStdinWithSystemAndOptions()
    {
        server->script("POST", "/v1/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        const ProcessResult r = muxi({QStringLiteral("chat"), QStringLiteral("--system"), QStringLiteral("Be terse"), QStringLiteral("--temperature"),
                                      QStringLiteral("0.3"), QStringLiteral("--max-tokens"), QStringLiteral("20"), QStringLiteral("--json"),
                                      QStringLiteral("-")},
                                     environment(), "a prompt\nover two lines");
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("Hello there.\n"));
        const QJsonObject sent = server->requests().first().json();
        QCOMPARE(sent.value(QLatin1String("model")).toString(), QStringLiteral("gpt-4o-mini"));
        const QJsonArray messages = sent.value(QLatin1String("messages")).toArray();
        QCOMPARE(messages.at(0).toObject().value(QLatin1String("role")).toString(), QStringLiteral("system"));
        QCOMPARE(messages.at(1).toObject().value(QLatin1String("content")).toString(), QStringLiteral("a prompt\nover two lines"));
        QCOMPARE(sent.value(QLatin1String("temperature")).toDouble(), 0.3);
        QCOMPARE(sent.value(QLatin1String("max_tokens")).toInt(), 20);
        QCOMPARE(sent.value(QLatin1String("response_format")).toObject().value(QLatin1String("type")).toString(), QStringLiteral("json_object"));
    }

    void jsonOutputCarriesAttempts()
    {
        server->script("POST", "/v1/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        const ProcessResult r = muxi({QStringLiteral("chat"), QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("hi")}, environment());
        QCOMPARE(r.exitCode, 0);
        const QJsonObject out = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(out.value(QLatin1String("object")).toString(), QStringLiteral("chat.completion"));
        QCOMPARE(out.value(QLatin1String("choices")).toArray().first().toObject().value(QLatin1String("message")).toObject()
                     .value(QLatin1String("content")).toString(),
                 QStringLiteral("Hello there."));
        const QJsonArray attempts = out.value(QLatin1String("x_muxi")).toObject().value(QLatin1String("attempts")).toArray();
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().toObject().value(QLatin1String("outcome")).toString(), QStringLiteral("ok"));
        QCOMPARE(attempts.first().toObject().value(QLatin1String("status")).toInt(), 200);
    }

    void imageFileIsSentAsDataUrl()
    {
        server->script("POST", "/v1/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d494844520000000100000001080600000000") + QByteArray(64, '\0');
        QFile file(home->filePath(QStringLiteral("cat.png")));
        file.open(QIODevice::WriteOnly);
        file.write(png);
        file.close();
        const ProcessResult r = muxi({QStringLiteral("chat"), QStringLiteral("--image"), file.fileName(), QStringLiteral("describe")}, environment());
        QCOMPARE(r.exitCode, 0);
        const QJsonArray parts = server->requests().first().json().value(QLatin1String("messages")).toArray().first().toObject()
                                     .value(QLatin1String("content")).toArray();
        QCOMPARE(parts.size(), 2);
        const QString url = parts.at(1).toObject().value(QLatin1String("image_url")).toObject().value(QLatin1String("url")).toString();
        QVERIFY(url.startsWith(QLatin1String("data:image/png;base64,")));
        QCOMPARE(QByteArray::fromBase64(url.mid(22).toLatin1()), png);
    }

    void embedPrintsJson()
    {
        server->script("POST", "/v1/embeddings", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/embeddings-base64.json")))});
        const ProcessResult r = muxi({QStringLiteral("embed"), QStringLiteral("-m"), QStringLiteral("text-embedding-3-small"), QStringLiteral("x")},
                                     environment());
        QCOMPARE(r.exitCode, 0);
        const QJsonArray vector = QJsonDocument::fromJson(r.out).object().value(QLatin1String("data")).toArray().first().toObject()
                                      .value(QLatin1String("embedding")).toArray();
        QCOMPARE(vector.size(), 4);
        QCOMPARE(vector.at(1).toDouble(), -1.25);
    }

    void completePrintsText()
    {
        server->script("POST", "/v1/completions",
                       {ScriptedResponse::json(200, QByteArray(R"({"id":"c","object":"text_completion","created":1,"model":"m","choices":[{"index":0,"text":"done","finish_reason":"stop","logprobs":null}]})"))});
        const ProcessResult r = muxi({QStringLiteral("complete"), QStringLiteral("-m"), QStringLiteral("gpt-3.5-turbo-instruct"), QStringLiteral("go")},
                                     environment());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("done\n"));
        QCOMPARE(server->requests().first().json().value(QLatin1String("prompt")).toString(), QStringLiteral("go"));
    }

    void modelsNeverPrintsKeys()
    {
        const ProcessResult text = muxi({QStringLiteral("models")}, environment());
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("key from env:OPENAI_API_KEY"));
        QVERIFY(!text.out.contains(canaryKey.toUtf8()));
        const ProcessResult json = muxi({QStringLiteral("models"), QStringLiteral("--json")}, environment());
        QCOMPARE(json.exitCode, 0);
        QVERIFY(!json.out.contains(canaryKey.toUtf8()));
        const QJsonArray providers = QJsonDocument::fromJson(json.out).object().value(QLatin1String("providers")).toArray();
        QVERIFY(providers.size() > 10);
        bool sawOpenAi = false;
        for (const QJsonValue &p : providers) {
            const QJsonObject o = p.toObject();
            if (o.value(QLatin1String("id")).toString() == QLatin1String("openai")) {
                sawOpenAi = true;
                QCOMPARE(o.value(QLatin1String("key_configured")).toBool(), true);
                QCOMPARE(o.value(QLatin1String("base_url")).toString(), server->url(QStringLiteral("/v1")).toString());
                QVERIFY(o.value(QLatin1String("capabilities")).toArray().contains(QLatin1String("vision")));
            }
        }
        QVERIFY(sawOpenAi);
    }

    void modelsOfOneProvider()
    {
        server->script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/models-page1.json"))),
                                             ScriptedResponse::json(200, fixture(QStringLiteral("openai/models-page2.json")))});
        const ProcessResult json = muxi({QStringLiteral("models"), QStringLiteral("openai"), QStringLiteral("--json")}, environment());
        QCOMPARE(json.exitCode, 0);
        QVERIFY(!json.out.contains(canaryKey.toUtf8()));
        const QJsonObject root = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(root.value(QLatin1String("source")).toString(), QStringLiteral("listing"));
        const QJsonArray models = root.value(QLatin1String("models")).toArray();
        QStringList ids;
        for (const QJsonValue &model : models)
            ids.append(model.toObject().value(QLatin1String("id")).toString());
        QCOMPARE(ids, QStringList({QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("openai/o3"), QStringLiteral("openai/text-embedding-3-small")}));
        const QJsonObject mini = models.at(0).toObject();
        QCOMPARE(mini.value(QLatin1String("context_window")).toInteger(), 128000);
        QVERIFY(mini.value(QLatin1String("capabilities")).toArray().contains(QLatin1String("vision")));
        QCOMPARE(mini.value(QLatin1String("pricing")).toObject().value(QLatin1String("output")).toDouble(), 0.6);
        const QJsonObject embedding = models.at(2).toObject();
        QVERIFY(embedding.value(QLatin1String("capabilities")).toArray().contains(QLatin1String("embeddings")));
        QVERIFY(!embedding.value(QLatin1String("capabilities")).toArray().contains(QLatin1String("chat")));
        QCOMPARE(server->requests().size(), 2);

        // The listing is cached: the overview counts it without asking again, and so does a second listing.
        const ProcessResult overview = muxi({QStringLiteral("models")}, environment());
        QCOMPARE(overview.exitCode, 0);
        QVERIFY2(overview.out.contains("models: 3 listed"), overview.out.constData());
        const ProcessResult text = muxi({QStringLiteral("models"), QStringLiteral("openai")}, environment());
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("openai/gpt-4o-mini\n    context 128k"), text.out.constData());
        QCOMPARE(server->requests().size(), 2);
    }

    void modelsOfAProviderWithoutKeyShowTheTable()
    {
        const ProcessResult json = muxi({QStringLiteral("models"), QStringLiteral("anthropic"), QStringLiteral("--json")}, environment());
        QCOMPARE(json.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(root.value(QLatin1String("source")).toString(), QStringLiteral("table"));
        QVERIFY(root.value(QLatin1String("listed_at")).isNull());
        QVERIFY(!root.value(QLatin1String("models")).toArray().isEmpty());
        QCOMPARE(server->requests().size(), 0);
        expectFailure(muxi({QStringLiteral("models"), QStringLiteral("nosuch")}, environment()), 2, QStringLiteral("unknown provider: nosuch"));
    }

    void modelsListingErrorIsReported()
    {
        server->script("GET", "/v1/models", {ScriptedResponse::json(401, fixture(QStringLiteral("openai/error-401.json")))});
        expectFailure(muxi({QStringLiteral("models"), QStringLiteral("openai")}, environment()), 3, QStringLiteral("HTTP 401"));
    }

    void unknownProviderIsUsageError()
    {
        expectFailure(muxi({QStringLiteral("chat"), QStringLiteral("-m"), QStringLiteral("nosuch/model"), QStringLiteral("hi")}, environment()), 2,
                      QStringLiteral("known providers: "));
        QCOMPARE(server->requests().size(), 0);
    }

    void missingKeyNamesTheVariable()
    {
        expectFailure(muxi({QStringLiteral("chat"), QStringLiteral("hi")}, environment(false)), 3, QStringLiteral("OPENAI_API_KEY"));
        QCOMPARE(server->requests().size(), 0);
    }

    void unreadableImage()
    {
        expectFailure(muxi({QStringLiteral("chat"), QStringLiteral("--image"), home->filePath(QStringLiteral("missing.png")), QStringLiteral("hi")},
                           environment()),
                      2, QStringLiteral("missing.png"));
    }

    void serverDown()
    {
        QProcessEnvironment env = environment();
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const quint16 port = probe.serverPort();
        probe.close();
        env.insert(QStringLiteral("OPENAI_BASE_URL"), QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
        expectFailure(muxi({QStringLiteral("chat"), QStringLiteral("hi")}, env), 5, QStringLiteral("openai/gpt-4o-mini: network"));
    }

    void httpErrorsMapToExitCodes_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("text");
        QTest::newRow("401") << 401 << "openai/error-401.json" << 3 << "openai/gpt-4o-mini: HTTP 401 authentication: Incorrect API key provided";
        QTest::newRow("429") << 429 << "openai/error-429-rate.json" << 4 << "HTTP 429 rate_limit: Rate limit reached";
        QTest::newRow("429 quota") << 429 << "openai/error-429-quota.json" << 4 << "HTTP 429 quota: You exceeded your current quota";
        QTest::newRow("500") << 500 << "openai/error-500.json" << 5 << "HTTP 500 server: The server had an error";
        QTest::newRow("400") << 400 << "openai/error-400-context.json" << 6 << "HTTP 400 context_length: This model's maximum context length";
    }

    void httpErrorsMapToExitCodes()
    {
        QFETCH(int, status);
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(QString, text);
        server->script("POST", "/v1/chat/completions", {ScriptedResponse::json(status, fixture(file))});
        expectFailure(muxi({QStringLiteral("chat"), QStringLiteral("hi")}, environment()), exitCode, text);
    }

    void interruptedStreamKeepsPartialOutputAndFails()
    {
        const QByteArray all = fixture(QStringLiteral("openai/chat-stream-usage.sse"));
        const qsizetype afterLo = all.indexOf("\n\n", all.indexOf("\"lo\"")) + 2;
        ScriptedResponse cut = ScriptedResponse::sse({all.left(afterLo)}, 5);
        cut.cut = true;
        server->script("POST", "/v1/chat/completions", {cut});
        const ProcessResult r = muxi({QStringLiteral("chat"), QStringLiteral("--stream"), QStringLiteral("hi")}, environment());
        QCOMPARE(r.out, QByteArray("Hello\n"));
        expectFailure(r, 5, QStringLiteral("stream_interrupted"));
    }

    void fallsBackAcrossProvidersWithAttempts()
    {
        server->script("POST", "/groq/chat/completions", {ScriptedResponse::json(503, fixture(QStringLiteral("openai/error-500.json")))});
        server->script("POST", "/together/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("GROQ_BASE_URL"), server->url(QStringLiteral("/groq")).toString());
        env.insert(QStringLiteral("GROQ_API_KEY"), canaryKey);
        env.insert(QStringLiteral("TOGETHER_BASE_URL"), server->url(QStringLiteral("/together")).toString());
        env.insert(QStringLiteral("TOGETHER_API_KEY"), canaryKey);
        const ProcessResult r = muxi({QStringLiteral("chat"), QStringLiteral("-m"), QStringLiteral("groq/x"), QStringLiteral("-m"),
                                      QStringLiteral("together/meta-llama/y"), QStringLiteral("--output"), QStringLiteral("json"),
                                      QStringLiteral("--verbose"), QStringLiteral("hi")},
                                     env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(server->count("/groq/chat/completions"), 1);
        QCOMPARE(server->count("/together/chat/completions"), 1);
        QCOMPARE(server->requests().at(1).json().value(QLatin1String("model")).toString(), QStringLiteral("meta-llama/y"));
        const QJsonObject muxi = QJsonDocument::fromJson(r.out).object().value(QLatin1String("x_muxi")).toObject();
        QCOMPARE(muxi.value(QLatin1String("answered_by")).toString(), QStringLiteral("together/meta-llama/y"));
        const QJsonArray attempts = muxi.value(QLatin1String("attempts")).toArray();
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0).toObject().value(QLatin1String("provider")).toString(), QStringLiteral("groq"));
        QCOMPARE(attempts.at(0).toObject().value(QLatin1String("error")).toString(), QStringLiteral("overloaded"));
        QCOMPARE(attempts.at(0).toObject().value(QLatin1String("status")).toInt(), 503);
        QCOMPARE(attempts.at(1).toObject().value(QLatin1String("outcome")).toString(), QStringLiteral("ok"));
        const QList<QByteArray> verbose = r.err.trimmed().split('\n');
        QCOMPARE(verbose.size(), 2);
        QVERIFY(verbose.at(0).startsWith("muxi: attempt groq/x: error overloaded HTTP 503"));
        QVERIFY(verbose.at(1).startsWith("muxi: attempt together/meta-llama/y: ok HTTP 200"));
        QVERIFY(!r.err.contains(canaryKey.toUtf8()));
    }

    void defaultChainIsHonouredAndShown()
    {
        server->script("POST", "/groq/chat/completions", {ScriptedResponse::json(503, fixture(QStringLiteral("openai/error-500.json")))});
        server->script("POST", "/together/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        QProcessEnvironment env = environment();
        QFile config(home->filePath(QStringLiteral("config.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(R"({"retry": {"max_retries": 0}, "default_chains": {"chat": ["together/meta-llama/y"]}})");
        config.close();
        env.insert(QStringLiteral("GROQ_BASE_URL"), server->url(QStringLiteral("/groq")).toString());
        env.insert(QStringLiteral("GROQ_API_KEY"), canaryKey);
        env.insert(QStringLiteral("TOGETHER_BASE_URL"), server->url(QStringLiteral("/together")).toString());
        env.insert(QStringLiteral("TOGETHER_API_KEY"), canaryKey);
        ProcessResult r = muxi({QStringLiteral("chat"), QStringLiteral("-m"), QStringLiteral("groq/x"), QStringLiteral("--verbose"),
                                QStringLiteral("hi")},
                               env);
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> verbose = r.err.trimmed().split('\n');
        QCOMPARE(verbose.size(), 2);
        QVERIFY(verbose.at(0).startsWith("muxi: attempt groq/x: error overloaded HTTP 503"));
        QVERIFY2(verbose.at(1).startsWith("muxi: attempt together/meta-llama/y: ok HTTP 200"), verbose.at(1).constData());
        QVERIFY2(verbose.at(1).contains("[from the default chat fallback chain]"), verbose.at(1).constData());
        QCOMPARE(server->count("/together/chat/completions"), 1);

        r = muxi({QStringLiteral("chat"), QStringLiteral("-m"), QStringLiteral("groq/x"), QStringLiteral("--no-fallback"), QStringLiteral("hi")},
                 env);
        expectFailure(r, 5, QStringLiteral("groq/x: HTTP 503 overloaded"));
        QCOMPARE(server->count("/together/chat/completions"), 1);
    }

    void usageErrors()
    {
        expectFailure(muxi({QStringLiteral("chat")}, environment()), 2, QStringLiteral("no prompt"));
        expectFailure(muxi({QStringLiteral("chat"), QStringLiteral("--output"), QStringLiteral("xml"), QStringLiteral("hi")}, environment()), 2,
                      QStringLiteral("--output"));
        const ProcessResult unknown = muxi({QStringLiteral("frobnicate")}, environment());
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.startsWith("muxi: unknown command \"frobnicate\"\n"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
