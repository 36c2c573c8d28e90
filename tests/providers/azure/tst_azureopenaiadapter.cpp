#include <muxi/providers/builtinproviders.h>
#include <chattesthelpers.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>
#include <replyrecorder.h>

#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("canary-azure-123456");
const QByteArray deploymentPath = "/openai/deployments/chat-prod/chat/completions";

QString apiVersionOf(const RecordedRequest &request)
{
    return QUrlQuery(request.url()).queryItemValue(QStringLiteral("api-version"));
}
}

// Azure OpenAI: OpenAI's bytes at Azure's URLs, with Azure's auth and content filter.
class TestAzureOpenAiAdapter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<Client> client;

    void makeClient(const QString &endpointPath = {}, const QProcessEnvironment &extra = {})
    {
        QProcessEnvironment env = extra;
        env.insert(QStringLiteral("AZURE_OPENAI_API_KEY"), canaryKey);
        env.insert(QStringLiteral("AZURE_OPENAI_ENDPOINT"), server->url(endpointPath).toString());
        client = clientWithoutRetries(builtinRegistry(), env);
    }

    ChatRequest hello(bool stream = false)
    {
        // The model name is the deployment name.
        return briefChat(QStringLiteral("azure/chat-prod"), QStringLiteral("Say hello"), stream);
    }

    void useV1()
    {
        client->configuration().setProviderSettings(QStringLiteral("azure"), {{QLatin1String("api_mode"), QLatin1String("v1")}});
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        makeClient();
    }

    void classicDeploymentUrlAndApiKey()
    {
        server->script("POST", deploymentPath, {ScriptedResponse::json(200, fixture(QStringLiteral("azure/chat.json")))});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("Hello from Azure."));
        QCOMPARE(result->usage->totalTokens, 17);
        QCOMPARE(result->provider, QStringLiteral("azure"));

        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.path(), deploymentPath);
        QCOMPARE(apiVersionOf(sent), QStringLiteral("2024-10-21"));
        // Keys go in api-key, never as a Bearer token, on classic routes.
        QCOMPARE(sent.header("api-key"), canaryKey.toUtf8());
        QVERIFY(sent.header("authorization").isEmpty());
        QCOMPARE(sent.json().value(QLatin1String("model")).toString(), QStringLiteral("chat-prod"));
        QCOMPARE(sent.json().value(QLatin1String("messages")).toArray().size(), 2);
    }

    void endpointWithTrailingSlashOrOpenAiSuffix_data()
    {
        QTest::addColumn<QString>("endpointPath");
        QTest::newRow("trailing slash") << "/";
        QTest::newRow("openai suffix") << "/openai/";
    }

    void endpointWithTrailingSlashOrOpenAiSuffix()
    {
        QFETCH(QString, endpointPath);
        makeClient(endpointPath);
        server->script("POST", deploymentPath, {ScriptedResponse::json(200, fixture(QStringLiteral("azure/chat.json")))});
        QVERIFY(client->chatBlocking(hello()));
        QCOMPARE(server->requests().first().path(), deploymentPath);
    }

    void apiVersionFromEnvironmentThenSettings()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("OPENAI_API_VERSION"), QStringLiteral("2025-04-01-preview"));
        makeClient({}, env);
        server->script("POST", deploymentPath, {ScriptedResponse::json(200, fixture(QStringLiteral("azure/chat.json")))});
        QVERIFY(client->chatBlocking(hello()));
        QCOMPARE(apiVersionOf(server->requests().at(0)), QStringLiteral("2025-04-01-preview"));
        client->configuration().setProviderSettings(QStringLiteral("azure"), {{QLatin1String("api_version"), QLatin1String("2024-06-01")}});
        QVERIFY(client->chatBlocking(hello()));
        QCOMPARE(apiVersionOf(server->requests().at(1)), QStringLiteral("2024-06-01"));
    }

    void v1ApiMode()
    {
        useV1();
        server->script("POST", "/openai/v1/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("azure/chat.json")))});
        QVERIFY(client->chatBlocking(hello()));
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.path(), QByteArray("/openai/v1/chat/completions"));
        QVERIFY(!sent.url().hasQuery());
        QCOMPARE(sent.header("authorization"), "Bearer " + canaryKey.toUtf8());
        QVERIFY(sent.header("api-key").isEmpty());
        QCOMPARE(sent.json().value(QLatin1String("model")).toString(), QStringLiteral("chat-prod"));
    }

    void v1EndpointSelectsV1Mode()
    {
        makeClient(QStringLiteral("/openai/v1/"));
        server->script("POST", "/openai/v1/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("azure/chat.json")))});
        QVERIFY(client->chatBlocking(hello()));
        QCOMPARE(server->requests().first().path(), QByteArray("/openai/v1/chat/completions"));
        QVERIFY(!server->requests().first().url().hasQuery());
    }

    void entraTokenAsBearerOnClassicRoutes()
    {
        client->configuration().setProviderSettings(QStringLiteral("azure"), {{QLatin1String("auth"), QLatin1String("bearer")}});
        server->script("POST", deploymentPath, {ScriptedResponse::json(200, fixture(QStringLiteral("azure/chat.json")))});
        QVERIFY(client->chatBlocking(hello()));
        QCOMPARE(server->requests().first().header("authorization"), "Bearer " + canaryKey.toUtf8());
        QVERIFY(server->requests().first().header("api-key").isEmpty());
        QCOMPARE(apiVersionOf(server->requests().first()), QStringLiteral("2024-10-21"));
    }

    void streamWithPromptFilterChunks()
    {
        server->script("POST", deploymentPath, {ScriptedResponse::sseBytes(fixture(QStringLiteral("azure/chat-stream-filtered.sse")), 23, 1)});
        const auto recorder = record(client->chat(hello(true)));
        Reply *reply = recorder.reply;
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        // The first chunk has choices:[] and only prompt_filter_results: nothing to show, nothing broken.
        QCOMPARE(recorder.chunks.first().choices.size(), 0);
        QCOMPARE(recorder.deltas, (QStringList{QStringLiteral("The battle"), QStringLiteral(" began")}));
        const ChatCompletion completion = reply->chatCompletion();
        QCOMPARE(completion.text(), QStringLiteral("The battle began"));
        QCOMPARE(completion.id, QStringLiteral("chatcmpl-AZ4"));
        QCOMPARE(completion.choices.size(), 1);
        QCOMPARE(completion.choices.first().finishReason, QStringLiteral("content_filter"));
        QCOMPARE(completion.usage->totalTokens, 18);
        QCOMPARE(server->requests().first().json().value(QLatin1String("stream")).toBool(), true);
    }

    void filteredOutputFinishesWithContentFilter()
    {
        server->script("POST", deploymentPath, {ScriptedResponse::json(200, fixture(QStringLiteral("azure/chat-output-filtered.json")))});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("content_filter"));
        QCOMPARE(result->text(), QString());
    }

    void filteredPromptIsAContentFilterError()
    {
        RetryPolicy retries;
        retries.maxRetries = 2;
        client->configuration().setRetryPolicy(retries);
        server->script("POST", deploymentPath, {ScriptedResponse::json(400, fixture(QStringLiteral("azure/error-content-filter.json")))});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        const Error &error = result.error();
        QCOMPARE(error.kind, Error::Kind::ContentFilter);
        QCOMPARE(error.httpStatus, 400);
        QCOMPARE(error.code, QStringLiteral("content_filter"));
        QCOMPARE(error.type, QStringLiteral("ResponsibleAIPolicyViolation"));
        QVERIFY2(error.message.startsWith(QLatin1String("The response was filtered due to the prompt triggering")), qPrintable(error.message));
        QVERIFY2(error.message.contains(QLatin1String("jailbreak")), qPrintable(error.message));
        QVERIFY(!error.message.contains(QLatin1String("hate")));
        // A filtered prompt fails the same way every time: never retried.
        QCOMPARE(server->count(deploymentPath), 1);
    }

    void httpErrors_data()
    {
        addHttpErrorColumns();
        QTest::newRow("401") << 401 << "azure/error-401.json" << Error::Kind::Authentication << "Access denied due to invalid subscription key";
        QTest::newRow("404 deployment") << 404 << "azure/error-deployment-not-found.json" << Error::Kind::NotFound
                                        << "The API deployment for this resource does not exist.";
        QTest::newRow("429") << 429 << "azure/error-429.json" << Error::Kind::RateLimit << "Requests to the ChatCompletions_Create Operation";
        QTest::newRow("500") << 500 << "azure/error-500.json" << Error::Kind::Server << "The server had an error";
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QString, file);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, message);
        server->script("POST", deploymentPath,
                       {ScriptedResponse::json(status, fixture(file), {{"retry-after", "6"}, {"apim-request-id", "4e3f1a2b-azure"}})});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        const Error &error = result.error();
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.provider, QStringLiteral("azure"));
        QCOMPARE(error.model, QStringLiteral("chat-prod"));
        QVERIFY2(error.message.startsWith(message), qPrintable(error.message));
        QCOMPARE(error.requestId, QStringLiteral("4e3f1a2b-azure"));
        QCOMPARE(error.retryAfter, std::chrono::milliseconds(6000));
        QVERIFY(!error.toString().contains(canaryKey));
    }

    void toolsAndImagesPassThrough()
    {
        server->script("POST", deploymentPath, {ScriptedResponse::json(200, fixture(QStringLiteral("azure/chat-tool-calls.json")))});
        ChatRequest request = hello();
        Tool tool;
        tool.name = QStringLiteral("get_weather");
        tool.parameters = QJsonObject{{QLatin1String("type"), QLatin1String("object")}};
        request.tools = {tool};
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a") + QByteArray(64, '\x11');
        request.messages.last() = Message::user({ContentPart::fromText(QStringLiteral("Weather where this was taken?")),
                                                 ContentPart::fromImageData(png, QStringLiteral("image/png"))});
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(result->choices.first().message.toolCalls.first().arguments, QStringLiteral(R"({"city":"Paris"})"));
        const QJsonObject body = server->requests().first().json();
        QCOMPARE(body.value(QLatin1String("tools")).toArray().size(), 1);
        const QString url = body.value(QLatin1String("messages")).toArray().last().toObject().value(QLatin1String("content")).toArray().at(1)
                                .toObject().value(QLatin1String("image_url")).toObject().value(QLatin1String("url")).toString();
        QString mime;
        QByteArray bytes;
        QVERIFY(decodeDataUrl(url, &mime, &bytes));
        QCOMPARE(mime, QStringLiteral("image/png"));
        QCOMPARE(bytes, png);
    }

    void droppedStreamIsInterruptedWithPartialText()
    {
        const QByteArray all = fixture(QStringLiteral("azure/chat-stream-filtered.sse"));
        const qsizetype cut = all.indexOf("\n\n", all.indexOf("\" began\"")) + 2;
        ScriptedResponse response = ScriptedResponse::sseBytes(all.left(cut), 100, 2);
        response.cut = true;
        server->script("POST", deploymentPath, {response});
        const auto recorder = record(client->chat(hello(true)));
        QVERIFY(recorder.reply->hasError());
        QCOMPARE(recorder.reply->failure().kind, Error::Kind::StreamInterrupted);
        QCOMPARE(recorder.reply->failure().partialText, QStringLiteral("The battle began"));
    }

    void embeddingsAtTheDeployment()
    {
        server->script("POST", "/openai/deployments/embed-small/embeddings", {ScriptedResponse::json(200, fixture(QStringLiteral("azure/embeddings.json")))});
        EmbeddingRequest request;
        request.model = QStringLiteral("azure/embed-small");
        request.input = {QStringLiteral("hello")};
        const Expected<EmbeddingResponse> result = client->embedBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->data.first().vector, (QList<float>{0.25f, -0.5f, 1.0f}));
        QCOMPARE(apiVersionOf(server->requests().first()), QStringLiteral("2024-10-21"));
        QCOMPARE(server->requests().first().header("api-key"), canaryKey.toUtf8());
    }

    void modelsOfTheResource()
    {
        server->script("GET", "/openai/models",
                       {ScriptedResponse::json(200, QByteArray(R"({"data":[{"id":"gpt-4o-2024-08-06","object":"model","created_at":1723075200,"status":"succeeded"}],"object":"list"})"))});
        const Expected<ModelList> models = client->listModelsBlocking(QStringLiteral("azure"));
        QVERIFY2(models, qPrintable(models ? QString() : models.error().toString()));
        QCOMPARE(models->first().id, QStringLiteral("gpt-4o-2024-08-06"));
        QCOMPARE(apiVersionOf(server->requests().first()), QStringLiteral("2024-10-21"));
    }

    void endpointIsRequired()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("AZURE_OPENAI_API_KEY"), canaryKey);
        client = clientWithoutRetries(builtinRegistry(), env);
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::BadRequest);
        QCOMPARE(server->requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAzureOpenAiAdapter)
#include "tst_azureopenaiadapter.moc"
