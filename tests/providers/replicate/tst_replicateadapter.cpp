#include <muxi/providers/builtinproviders.h>
#include <chattesthelpers.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>
#include <processrunner.h>
#include <replyrecorder.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("canary-replicate-123456");
const QByteArray createPath = "/v1/models/meta/meta-llama-3-8b-instruct/predictions";
const QByteArray getPath = "/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu";
const QByteArray streamPath = "/v1/stream/gm3qorzdhgbfurvjtvhg6dckhu";
}

// Replicate predictions against a loopback server: Prefer: wait, polling
// urls.get, streaming urls.stream, failures.
class TestReplicateAdapter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<Client> client;
    QProcessEnvironment env;

    // A prediction fixture whose urls point at the fake server.
    ScriptedResponse prediction(const QString &name, int status = 200)
    {
        QByteArray body = fixture(QStringLiteral("replicate/%1.json").arg(name));
        body.replace("{{base}}", server->url().toString().toUtf8());
        return ScriptedResponse::json(status, body);
    }

    ChatRequest hello(bool stream = false)
    {
        ChatRequest request;
        request.model = QStringLiteral("replicate/meta/meta-llama-3-8b-instruct");
        request.messages = {Message::system(QStringLiteral("Be brief.")), Message::user(QStringLiteral("Say hello"))};
        request.maxTokens = 20;
        request.temperature = 0.6;
        request.stream = stream;
        return request;
    }

    Reply *run(const ChatRequest &request) { return record(client->chat(request)).reply; }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        env = QProcessEnvironment();
        env.insert(QStringLiteral("REPLICATE_API_TOKEN"), canaryKey);
        env.insert(QStringLiteral("REPLICATE_BASE_URL"), server->url(QStringLiteral("/v1")).toString());
        client = clientWithoutRetries(builtinRegistry(), env);
        client->configuration().setProviderSettings(QStringLiteral("replicate"), QJsonObject{{QLatin1String("poll_interval_ms"), 30}});
    }

    void waitSucceeds()
    {
        server->script("POST", createPath, {prediction(QStringLiteral("prediction-succeeded"), 201)});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        // Language models answer in fragments, joined without separators.
        QCOMPARE(result->text(), QStringLiteral("Hello"));
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(result->id, QStringLiteral("gm3qorzdhgbfurvjtvhg6dckhu"));
        QCOMPARE(result->usage->promptTokens, 9);
        QCOMPARE(result->usage->completionTokens, 2);

        QCOMPARE(server->requests().size(), 1);
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.header("authorization"), "Bearer " + canaryKey.toUtf8());
        QCOMPARE(sent.header("prefer"), QByteArray("wait"));
        const QJsonObject input = sent.json().value(QLatin1String("input")).toObject();
        QCOMPARE(input.value(QLatin1String("prompt")).toString(), QStringLiteral("Say hello"));
        QCOMPARE(input.value(QLatin1String("system_prompt")).toString(), QStringLiteral("Be brief."));
        QCOMPARE(input.value(QLatin1String("max_tokens")).toInt(), 20);
        QCOMPARE(input.value(QLatin1String("temperature")).toDouble(), 0.6);
        QVERIFY(!sent.json().contains(QLatin1String("version")));
        QVERIFY(!sent.json().contains(QLatin1String("stream")));
    }

    void pollsUntilSucceeded()
    {
        server->script("POST", createPath, {prediction(QStringLiteral("prediction-starting"), 201)});
        server->script("GET", getPath, {prediction(QStringLiteral("prediction-processing")), prediction(QStringLiteral("prediction-succeeded"))});
        QElapsedTimer clock;
        clock.start();
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("Hello"));
        QCOMPARE(server->count(createPath), 1);
        QCOMPARE(server->count(getPath), 2);
        // Two polls, each after the configured interval.
        QVERIFY(clock.elapsed() >= 60);
        for (const RecordedRequest &sent : server->requests()) {
            QCOMPARE(sent.header("authorization"), "Bearer " + canaryKey.toUtf8());
            if (sent.path() == getPath)
                QCOMPARE(sent.method, QByteArray("GET"));
        }
    }

    void versionedModel()
    {
        client->configuration().setProviderSettings(QStringLiteral("replicate"), QJsonObject{{QLatin1String("max_tokens_field"), QLatin1String("max_new_tokens")},
                                                                                             {QLatin1String("wait_seconds"), 30}});
        server->script("POST", "/v1/predictions", {prediction(QStringLiteral("prediction-succeeded"), 201)});
        ChatRequest request = hello();
        request.model = QStringLiteral("replicate/meta/llama-2-7b-chat:13c3cdee13ee059ab779f0291d29054dab00a47dad8261375654de5540165fb0");
        request.messages.append(Message::assistant(QStringLiteral("Hello.")));
        request.messages.append(Message::user(QStringLiteral("Again")));
        request.stop = {QStringLiteral("</s>"), QStringLiteral("User:")};
        request.extra.insert(QLatin1String("input"), QJsonObject{{QLatin1String("top_k"), 50}});
        QVERIFY(client->chatBlocking(request));
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.header("prefer"), QByteArray("wait=30"));
        const QJsonObject body = sent.json();
        QCOMPARE(body.value(QLatin1String("version")).toString(), QStringLiteral("13c3cdee13ee059ab779f0291d29054dab00a47dad8261375654de5540165fb0"));
        const QJsonObject input = body.value(QLatin1String("input")).toObject();
        QCOMPARE(input.value(QLatin1String("prompt")).toString(),
                 QStringLiteral("User: Say hello\n\nAssistant: Hello.\n\nUser: Again\n\nAssistant:"));
        QCOMPARE(input.value(QLatin1String("max_new_tokens")).toInt(), 20);
        QVERIFY(!input.contains(QLatin1String("max_tokens")));
        QCOMPARE(input.value(QLatin1String("stop_sequences")).toString(), QStringLiteral("</s>,User:"));
        QCOMPARE(input.value(QLatin1String("top_k")).toInt(), 50);
    }

    void streamsThroughUrlsStream()
    {
        server->script("POST", createPath, {prediction(QStringLiteral("prediction-starting"), 201)});
        server->script("GET", streamPath, {ScriptedResponse::sseBytes(fixture(QStringLiteral("replicate/stream.sse")), 40)});
        const RecordedReply streamed = record(client->chat(hello(true)));
        Reply *reply = streamed.reply;
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        // A fragment written over two data: lines holds the newline between them.
        QCOMPARE(streamed.deltas, (QStringList{QStringLiteral("Once upon a time"), QStringLiteral(", there\nwas"), QStringLiteral(" a fox.")}));
        QCOMPARE(reply->chatCompletion().text(), QStringLiteral("Once upon a time, there\nwas a fox."));
        QCOMPARE(reply->chatCompletion().choices.first().finishReason, QStringLiteral("stop"));

        const RecordedRequest create = server->requests().at(0);
        QCOMPARE(create.json().value(QLatin1String("stream")).toBool(), true);
        QVERIFY(create.header("prefer").isEmpty());
        const RecordedRequest stream = server->requests().at(1);
        QCOMPARE(stream.method, QByteArray("GET"));
        QCOMPARE(stream.path(), streamPath);
        QCOMPARE(stream.header("accept"), QByteArray("text/event-stream"));
        QCOMPARE(stream.header("authorization"), "Bearer " + canaryKey.toUtf8());
    }

    void tokenStaysOnTheApiHost()
    {
        const Expected<Target> target = client->resolve(QStringLiteral("replicate/meta/meta-llama-3-8b-instruct"));
        QVERIFY(target);
        HttpResponse response;
        response.status = 201;
        response.body = R"({"id":"p1","status":"starting","urls":{"get":"https://api.replicate.com/v1/predictions/p1","stream":"https://stream.replicate.com/v1/files/abc"}})";
        const ProviderAdapter *adapter = client->registry().adapter(QStringLiteral("replicate"));
        const Step<ChatCompletion> next = adapter->chatResponse(response, hello(true), *target);
        const HttpRequest *stream = std::get_if<HttpRequest>(&next);
        QVERIFY(stream);
        QCOMPARE(stream->url.host(), QStringLiteral("stream.replicate.com"));
        QVERIFY(stream->streaming);
        QVERIFY(stream->header("authorization").isEmpty());
    }

    void streamEndsEarly_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("cut");
        QTest::addColumn<Error::Kind>("kind");
        QTest::newRow("error event") << "replicate/stream-error.sse" << false << Error::Kind::Server;
        QTest::newRow("cut before done") << "replicate/stream.sse" << true << Error::Kind::StreamInterrupted;
    }

    void streamEndsEarly()
    {
        QFETCH(QString, file);
        QFETCH(bool, cut);
        QFETCH(Error::Kind, kind);
        QByteArray sse = fixture(file);
        if (cut)
            sse = sse.left(sse.indexOf("event: done"));
        ScriptedResponse response = ScriptedResponse::sse({sse});
        response.cut = cut;
        server->script("POST", createPath, {prediction(QStringLiteral("prediction-starting"), 201)});
        server->script("GET", streamPath, {response});
        Reply *reply = run(hello(true));
        QVERIFY(reply->hasError());
        QCOMPARE(reply->failure().kind, kind);
        QVERIFY(reply->failure().partialText.startsWith(QLatin1String("Once")));
        if (!cut)
            QCOMPARE(reply->failure().message, QStringLiteral("Prediction interrupted; please retry (code: PA)"));
    }

    void failedPrediction()
    {
        server->script("POST", createPath, {prediction(QStringLiteral("prediction-starting"), 201)});
        server->script("GET", getPath, {prediction(QStringLiteral("prediction-failed"))});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        QCOMPARE(result.error().message, QStringLiteral("CUDA out of memory. Tried to allocate 2.00 GiB"));
        QCOMPARE(result.error().code, QStringLiteral("prediction_failed"));
        QCOMPARE(result.error().provider, QStringLiteral("replicate"));
        QCOMPARE(result.error().model, QStringLiteral("meta/meta-llama-3-8b-instruct"));
        QCOMPARE(result.error().requestId, QStringLiteral("gm3qorzdhgbfurvjtvhg6dckhu"));
    }

    void httpErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("file");
        QTest::addColumn<Error::Kind>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("401") << 401 << "replicate/error-401.json" << Error::Kind::Authentication << "You did not pass a valid authentication token";
        QTest::newRow("422") << 422 << "replicate/error-422.json" << Error::Kind::BadRequest << "- input.max_tokens: Must be less than or equal to 4096\n";
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QString, file);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, message);
        server->script("POST", createPath, {ScriptedResponse::json(status, fixture(file))});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, kind);
        QCOMPARE(result.error().httpStatus, status);
        QCOMPARE(result.error().message, message);
        QVERIFY(!result.error().toString().contains(canaryKey));
    }

    void cliChat()
    {
        server->script("POST", createPath, {prediction(QStringLiteral("prediction-succeeded"), 201)});
        QTemporaryDir home;
        QProcessEnvironment cliEnv = cleanEnvironment(home.path());
        cliEnv.insert(QStringLiteral("REPLICATE_API_TOKEN"), canaryKey);
        cliEnv.insert(QStringLiteral("REPLICATE_BASE_URL"), env.value(QStringLiteral("REPLICATE_BASE_URL")));
        const ProcessResult result = runProcess(QStringLiteral(MUXI_CLI),
                                                {QStringLiteral("chat"), QStringLiteral("-m"), QStringLiteral("replicate/meta/meta-llama-3-8b-instruct"), QStringLiteral("hi")},
                                                cliEnv);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(result.out.trimmed(), QByteArray("Hello"));
        QCOMPARE(server->requests().first().json().value(QLatin1String("input")).toObject().value(QLatin1String("prompt")).toString(), QStringLiteral("hi"));
    }
};

QTEST_GUILESS_MAIN(TestReplicateAdapter)
#include "tst_replicateadapter.moc"
