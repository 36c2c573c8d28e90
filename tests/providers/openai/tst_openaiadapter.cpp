#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>

#include <QUrlQuery>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("sk-canary-openai-0123456789abcdef");
}

// The OpenAI adapter against a loopback server speaking OpenAI's documented bytes.
class TestOpenAiAdapter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<Client> client;

    ChatRequest hello(bool stream = false)
    {
        ChatRequest request;
        request.model = QStringLiteral("openai/gpt-4o-mini");
        request.messages = {Message::system(QStringLiteral("Be brief.")), Message::user(QStringLiteral("Say hello"))};
        request.stream = stream;
        return request;
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        QProcessEnvironment env;
        env.insert(QStringLiteral("OPENAI_API_KEY"), canaryKey);
        env.insert(QStringLiteral("OPENAI_BASE_URL"), server->url(QStringLiteral("/v1")).toString());
        client = std::make_unique<Client>(builtinRegistry(), Configuration(env));
        RetryPolicy noRetries;
        noRetries.maxRetries = 0;
        client->configuration().setRetryPolicy(noRetries);
    }

    void chatNonStreaming()
    {
        server->script("POST", "/v1/chat/completions",
                       {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")),
                                               {{"x-ratelimit-remaining-requests", "4999"}, {"x-ratelimit-reset-tokens", "6m0s"}})});
        QList<AttemptRecord> attempts;
        const Expected<ChatCompletion> result = client->chatBlocking(hello(), &attempts);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("Hello there."));
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(result->usage->totalTokens, 12);
        QCOMPARE(result->provider, QStringLiteral("openai"));
        QCOMPARE(attempts.first().rateLimits.remainingRequests, 4999);
        QCOMPARE(attempts.first().rateLimits.resetTokens, std::chrono::milliseconds(360'000));
        // Unknown top-level fields survive into the result.
        QCOMPARE(result->toJson().value(QLatin1String("service_tier")).toString(), QStringLiteral("default"));

        QCOMPARE(server->count("/v1/chat/completions"), 1);
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.header("authorization"), "Bearer " + canaryKey.toUtf8());
        QCOMPARE(sent.header("content-type"), QByteArray("application/json"));
        const QJsonObject body = sent.json();
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("gpt-4o-mini"));
        QCOMPARE(body.value(QLatin1String("messages")).toArray().size(), 2);
        QCOMPARE(body.value(QLatin1String("messages")).toArray().at(0).toObject().value(QLatin1String("role")).toString(), QStringLiteral("system"));
        QVERIFY(!body.contains(QLatin1String("stream")));
        QVERIFY(!body.contains(QLatin1String("fallback_models")));
    }

    void chatStreamingWithUsage()
    {
        server->script("POST", "/v1/chat/completions",
                       {ScriptedResponse::sseBytes(fixture(QStringLiteral("openai/chat-stream-usage.sse")), 37, 5)});
        Reply *reply = client->chat(hello(true));
        QStringList deltas;
        connect(reply, &Reply::delta, this, [&](const QString &text) {
            deltas.append(text);
        });
        QSignalSpy finished(reply, &Reply::finished);
        QVERIFY(finished.wait(10'000));
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        QCOMPARE(deltas, (QStringList{QStringLiteral("Hel"), QStringLiteral("lo")}));
        const ChatCompletion completion = reply->chatCompletion();
        QCOMPARE(completion.text(), QStringLiteral("Hello"));
        QCOMPARE(completion.choices.first().finishReason, QStringLiteral("stop"));
        QVERIFY(completion.usage);
        QCOMPARE(completion.usage->completionTokens, 2);
        const QJsonObject body = server->requests().first().json();
        QCOMPARE(body.value(QLatin1String("stream")).toBool(), true);
        QCOMPARE(body.value(QLatin1String("stream_options")).toObject().value(QLatin1String("include_usage")).toBool(), true);
        QCOMPARE(server->requests().first().header("accept"), QByteArray("text/event-stream"));
    }

    void toolCallStreamAssembledByIndex()
    {
        server->script("POST", "/v1/chat/completions",
                       {ScriptedResponse::sseBytes(fixture(QStringLiteral("openai/chat-stream-tools.sse")), 11)});
        ChatRequest request = hello(true);
        Tool tool;
        tool.name = QStringLiteral("get_weather");
        tool.parameters = QJsonObject{{QLatin1String("type"), QLatin1String("object")}};
        request.tools = {tool};
        Reply *reply = client->chat(request);
        QList<ToolCallDelta> fragments;
        connect(reply, &Reply::toolCallDelta, this, [&](int, const ToolCallDelta &fragment) {
            fragments.append(fragment);
        });
        QSignalSpy finished(reply, &Reply::finished);
        QVERIFY(finished.wait(10'000));
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        QCOMPARE(fragments.size(), 4);
        const Message message = reply->chatCompletion().choices.first().message;
        QCOMPARE(reply->chatCompletion().choices.first().finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(message.toolCalls.size(), 2);
        QCOMPARE(message.toolCalls.at(0).id, QStringLiteral("call_1"));
        QCOMPARE(message.toolCalls.at(0).name, QStringLiteral("get_weather"));
        QCOMPARE(message.toolCalls.at(0).arguments, QStringLiteral(R"({"city":"Paris"})"));
        QCOMPARE(message.toolCalls.at(1).name, QStringLiteral("get_time"));
        QCOMPARE(message.form, Message::ContentForm::Null);
        QCOMPARE(server->requests().first().json().value(QLatin1String("tools")).toArray().first().toObject()
                     .value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("get_weather"));
    }

    void droppedStreamIsInterruptedWithPartialText()
    {
        const QByteArray all = fixture(QStringLiteral("openai/chat-stream-usage.sse"));
        // Cut after the second content chunk: no finish_reason, no [DONE].
        const qsizetype cut = all.indexOf("\"lo\"");
        ScriptedResponse response = ScriptedResponse::sse({all.left(all.indexOf("\n\n", cut) + 2)}, 5);
        response.cut = true;
        server->script("POST", "/v1/chat/completions", {response});
        Reply *reply = client->chat(hello(true));
        QSignalSpy finished(reply, &Reply::finished);
        QVERIFY(finished.wait(10'000));
        QVERIFY(reply->hasError());
        QCOMPARE(reply->failure().kind, Error::Kind::StreamInterrupted);
        QCOMPARE(reply->failure().partialText, QStringLiteral("Hello"));
        QCOMPARE(reply->failure().provider, QStringLiteral("openai"));
    }

    void malformedJsonInStream()
    {
        server->script("POST", "/v1/chat/completions",
                       {ScriptedResponse::sse({QByteArray("data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}\n\n"),
                                               QByteArray("data: {\"id\":\"x\",\"choices\":[{\n\n")})});
        Reply *reply = client->chat(hello(true));
        QSignalSpy finished(reply, &Reply::finished);
        QVERIFY(finished.wait(10'000));
        QVERIFY(reply->hasError());
        QCOMPARE(reply->failure().kind, Error::Kind::InvalidResponse);
        QCOMPARE(reply->failure().partialText, QStringLiteral("ok"));
    }

    void errorInsideStream()
    {
        server->script("POST", "/v1/chat/completions",
                       {ScriptedResponse::sse({QByteArray(R"(data: {"error":{"message":"The model is overloaded","type":"server_error","code":null}})"
                                                          "\n\n")})});
        Reply *reply = client->chat(hello(true));
        QSignalSpy finished(reply, &Reply::finished);
        QVERIFY(finished.wait(10'000));
        QCOMPARE(reply->failure().kind, Error::Kind::Server);
        QCOMPARE(reply->failure().message, QStringLiteral("The model is overloaded"));
    }

    void httpErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("file");
        QTest::addColumn<Error::Kind>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("401") << 401 << "openai/error-401.json" << Error::Kind::Authentication << "Incorrect API key provided";
        QTest::newRow("429 rate") << 429 << "openai/error-429-rate.json" << Error::Kind::RateLimit << "Rate limit reached";
        QTest::newRow("429 quota") << 429 << "openai/error-429-quota.json" << Error::Kind::Quota << "You exceeded your current quota";
        QTest::newRow("500") << 500 << "openai/error-500.json" << Error::Kind::Server << "The server had an error";
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QString, file);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, message);
        server->script("POST", "/v1/chat/completions",
                       {ScriptedResponse::json(status, fixture(file), {{"retry-after", "7"}, {"x-request-id", "req_123"}})});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        const Error &error = result.error();
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.provider, QStringLiteral("openai"));
        QCOMPARE(error.model, QStringLiteral("gpt-4o-mini"));
        QVERIFY2(error.message.startsWith(message), qPrintable(error.message));
        QCOMPARE(error.requestId, QStringLiteral("req_123"));
        QCOMPARE(error.retryAfter, std::chrono::milliseconds(7000));
        QVERIFY(!error.toString().contains(canaryKey));
        QVERIFY(error.toString().contains(QStringLiteral("HTTP %1").arg(status)));
    }

    void embeddingsFloatAndBase64()
    {
        server->script("POST", "/v1/embeddings",
                       {ScriptedResponse::json(200, fixture(QStringLiteral("openai/embeddings-base64.json"))),
                        ScriptedResponse::json(200, fixture(QStringLiteral("openai/embeddings-float.json")))});
        EmbeddingRequest request;
        request.model = QStringLiteral("text-embedding-3-small");
        request.input = {QStringLiteral("a")};
        const Expected<EmbeddingResponse> packed = client->embedBlocking(request);
        QVERIFY(packed);
        QCOMPARE(packed->data.first().vector, (QList<float>{0.5f, -1.25f, 3.0f, 1e-3f}));
        QCOMPARE(server->requests().at(0).json().value(QLatin1String("encoding_format")).toString(), QStringLiteral("base64"));

        request.encodingFormat = QStringLiteral("float");
        request.input = {QStringLiteral("a"), QStringLiteral("b")};
        const Expected<EmbeddingResponse> plain = client->embedBlocking(request);
        QVERIFY(plain);
        QCOMPARE(plain->data.size(), 2);
        QCOMPARE(plain->data.at(1).vector, (QList<float>{0.0f, 1.0f, -0.125f}));
        QCOMPARE(server->requests().at(1).json().value(QLatin1String("input")).toArray().size(), 2);
    }

    void legacyCompletionsStream()
    {
        server->script("POST", "/v1/completions",
                       {ScriptedResponse::sse({QByteArray(R"(data: {"id":"cmpl-1","object":"text_completion","created":1,"model":"gpt-3.5-turbo-instruct","choices":[{"text":"Once","index":0,"logprobs":null,"finish_reason":null}]})"
                                                          "\n\n"),
                                               QByteArray(R"(data: {"id":"cmpl-1","object":"text_completion","created":1,"model":"gpt-3.5-turbo-instruct","choices":[{"text":" upon","index":0,"logprobs":null,"finish_reason":"length"}]})"
                                                          "\n\n"),
                                               QByteArray("data: [DONE]\n\n")})});
        CompletionRequest request;
        request.model = QStringLiteral("gpt-3.5-turbo-instruct");
        request.prompt = QStringLiteral("Tell a story");
        request.stream = true;
        const Expected<Completion> result = client->completeBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("Once upon"));
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("length"));
    }

    void modelsList()
    {
        server->script("GET", "/v1/models",
                       {ScriptedResponse::json(200, QByteArray(R"({"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1,"owned_by":"system"},{"id":"o3","object":"model","created":2,"owned_by":"system"}]})"))});
        const Expected<ModelList> models = client->listModelsBlocking(QStringLiteral("openai"));
        QVERIFY(models);
        QCOMPARE(models->size(), 2);
        QCOMPARE(models->at(1).id, QStringLiteral("o3"));
        QCOMPARE(server->requests().first().method, QByteArray("GET"));
    }

    void modelsListFollowsEveryPage()
    {
        server->script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/models-page1.json"))),
                                             ScriptedResponse::json(200, fixture(QStringLiteral("openai/models-page2.json")))});
        const Expected<ModelList> models = client->listModelsBlocking(QStringLiteral("openai"));
        QVERIFY2(models, qPrintable(models ? QString() : models.error().toString()));
        QCOMPARE(models->size(), 3);
        QCOMPARE(models->last().id, QStringLiteral("text-embedding-3-small"));
        QCOMPARE(server->requests().size(), 2);
        QVERIFY(!QUrlQuery(server->requests().at(0).url()).hasQueryItem(QStringLiteral("after")));
        QCOMPARE(QUrlQuery(server->requests().at(1).url()).queryItemValue(QStringLiteral("after")), QStringLiteral("o3"));
    }

    void modelsListThatNeverEndsIsAnError()
    {
        // Every page names the same cursor: the listing is refused, not cut short silently.
        server->script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/models-endless.json")))});
        const Expected<ModelList> models = client->listModelsBlocking(QStringLiteral("openai"));
        QVERIFY(!models);
        QCOMPARE(models.error().kind, Error::Kind::InvalidResponse);
        QCOMPARE(models.error().provider, QStringLiteral("openai"));
        QCOMPARE(server->requests().size(), 2);
    }

    void imageAndAudioPartsArriveIntact()
    {
        server->script("POST", "/v1/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452") + QByteArray(300, '\x7f');
        const QByteArray wav = QByteArray("RIFF") + QByteArray(200, '\x01');
        ChatRequest request = hello();
        // No listed OpenAI model takes images and audio together; one the model
        // table does not know is judged by the provider's capabilities.
        request.model = QStringLiteral("openai/test-omni");
        request.messages.last() = Message::user({ContentPart::fromText(QStringLiteral("What is this?")),
                                                 ContentPart::fromImageData(png, QStringLiteral("image/png")),
                                                 ContentPart::fromAudio(wav, QStringLiteral("wav"))});
        QVERIFY(client->chatBlocking(request));
        const QJsonArray parts = server->requests().first().json().value(QLatin1String("messages")).toArray().last().toObject()
                                     .value(QLatin1String("content")).toArray();
        QCOMPARE(parts.size(), 3);
        const QString url = parts.at(1).toObject().value(QLatin1String("image_url")).toObject().value(QLatin1String("url")).toString();
        QVERIFY(url.startsWith(QLatin1String("data:image/png;base64,")));
        QCOMPARE(QByteArray::fromBase64(url.mid(22).toLatin1()), png);
        const QJsonObject audio = parts.at(2).toObject().value(QLatin1String("input_audio")).toObject();
        QCOMPARE(audio.value(QLatin1String("format")).toString(), QStringLiteral("wav"));
        QCOMPARE(QByteArray::fromBase64(audio.value(QLatin1String("data")).toString().toLatin1()), wav);
    }

    void jsonModeSentAsResponseFormat()
    {
        server->script("POST", "/v1/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        ChatRequest request = hello();
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonObject;
        request.responseFormat = format;
        QVERIFY(client->chatBlocking(request));
        QCOMPARE(server->requests().first().json().value(QLatin1String("response_format")).toObject().value(QLatin1String("type")).toString(),
                 QStringLiteral("json_object"));
    }
};

QTEST_GUILESS_MAIN(TestOpenAiAdapter)
#include "tst_openaiadapter.moc"
