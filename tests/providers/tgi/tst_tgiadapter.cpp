#include <muxi/providers/builtinproviders.h>
#include <chattesthelpers.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>
#include <replyrecorder.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("canary-huggingface-123456");

QJsonObject parametersOf(const RecordedRequest &request)
{
    return request.json().value(QLatin1String("parameters")).toObject();
}
}

// Hugging Face: TGI's native /generate routes (family "tgi") and the
// Inference Providers router (the "openai" family), against loopback servers.
class TestTgiAdapter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<Client> client;

    void makeClient(const QProcessEnvironment &extra = {})
    {
        QProcessEnvironment env = extra;
        env.insert(QStringLiteral("TGI_BASE_URL"), server->url().toString());
        env.insert(QStringLiteral("HUGGINGFACE_BASE_URL"), server->url(QStringLiteral("/v1")).toString());
        client = clientWithoutRetries(builtinRegistry(), env);
    }

    ChatRequest hello(bool stream = false)
    {
        return briefChat(QStringLiteral("tgi/zephyr"), QStringLiteral("Why is the sky blue?"), stream);
    }

    RecordedReply stream(const ChatRequest &request)
    {
        return record(client->chat(request));
    }

    void expectUnsupported(const ChatRequest &request)
    {
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Unsupported);
        QCOMPARE(server->requests().size(), 0);
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        makeClient();
    }

    void chatRenderedAsChatMlPrompt()
    {
        server->script("POST", "/generate", {ScriptedResponse::json(200, fixture(QStringLiteral("tgi/generate.json")))});
        ChatRequest request = hello();
        request.maxTokens = 64;
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("Rayleigh scattering makes the sky blue."));
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(result->usage->completionTokens, 9);
        QCOMPARE(result->model, QStringLiteral("zephyr"));

        const RecordedRequest sent = server->requests().first();
        // No key configured: TGI's own server needs none.
        QVERIFY(sent.header("authorization").isEmpty());
        QCOMPARE(sent.json().value(QLatin1String("inputs")).toString(),
                 QStringLiteral("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhy is the sky blue?<|im_end|>\n<|im_start|>assistant\n"));
        const QJsonObject parameters = parametersOf(sent);
        QCOMPARE(parameters.value(QLatin1String("max_new_tokens")).toInt(), 64);
        QCOMPARE(parameters.value(QLatin1String("details")).toBool(), true);
        QCOMPARE(parameters.value(QLatin1String("return_full_text")).toBool(true), false);
    }

    void templates_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QStringList>("stop");
        QTest::newRow("llama3") << "llama3"
                                << "<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhy is the sky blue?<|eot_id|>"
                                   "<|start_header_id|>assistant<|end_header_id|>\n\n"
                                << QStringList();
        QTest::newRow("plain") << "plain" << "System: Be brief.\n\nUser: Why is the sky blue?\n\nAssistant:" << QStringList{QStringLiteral("\nUser:")};
    }

    void templates()
    {
        QFETCH(QString, name);
        QFETCH(QString, prompt);
        QFETCH(QStringList, stop);
        server->script("POST", "/generate", {ScriptedResponse::json(200, fixture(QStringLiteral("tgi/generate.json")))});
        client->configuration().setProviderSettings(QStringLiteral("tgi"), {{QLatin1String("prompt_template"), name}});
        QVERIFY(client->chatBlocking(hello()));
        QCOMPARE(server->requests().first().json().value(QLatin1String("inputs")).toString(), prompt);
        QCOMPARE(parametersOf(server->requests().first()).value(QLatin1String("stop")).toVariant().toStringList(), stop);
    }

    void unknownTemplateIsRefused()
    {
        client->configuration().setProviderSettings(QStringLiteral("tgi"), {{QLatin1String("prompt_template"), QLatin1String("vicuna")}});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::BadRequest);
        QVERIFY(result.error().message.contains(QLatin1String("chatml")));
        QCOMPARE(server->requests().size(), 0);
    }

    void trailingAssistantMessageIsContinued()
    {
        server->script("POST", "/generate", {ScriptedResponse::json(200, fixture(QStringLiteral("tgi/generate.json")))});
        ChatRequest request = hello();
        request.messages << Message::assistant(QStringLiteral("It is"));
        QVERIFY(client->chatBlocking(request));
        QVERIFY(server->requests().first().json().value(QLatin1String("inputs")).toString().endsWith(QLatin1String("<|im_start|>assistant\nIt is")));
    }

    void samplingWithinTgiRanges()
    {
        server->script("POST", "/generate", {ScriptedResponse::json(200, fixture(QStringLiteral("tgi/generate.json")))});
        ChatRequest request = hello();
        // TGI rejects temperature 0 and top_p 1: they mean greedy decoding and no nucleus cut.
        request.temperature = 0.0;
        request.topP = 1.0;
        request.seed = 5;
        request.stop = {QStringLiteral("###")};
        QVERIFY(client->chatBlocking(request));
        request.temperature = 0.7;
        request.topP = 0.9;
        QVERIFY(client->chatBlocking(request));

        const QJsonObject greedy = parametersOf(server->requests().at(0));
        QVERIFY(!greedy.contains(QLatin1String("temperature")));
        QVERIFY(!greedy.contains(QLatin1String("top_p")));
        QCOMPARE(greedy.value(QLatin1String("do_sample")).toBool(true), false);
        QCOMPARE(greedy.value(QLatin1String("seed")).toInt(), 5);
        QCOMPARE(greedy.value(QLatin1String("stop")).toArray(), QJsonArray{QLatin1String("###")});
        const QJsonObject sampled = parametersOf(server->requests().at(1));
        QCOMPARE(sampled.value(QLatin1String("temperature")).toDouble(), 0.7);
        QCOMPARE(sampled.value(QLatin1String("top_p")).toDouble(), 0.9);
        QCOMPARE(sampled.value(QLatin1String("do_sample")).toBool(), true);
    }

    void jsonModeIsAGrammar()
    {
        server->script("POST", "/generate", {ScriptedResponse::json(200, fixture(QStringLiteral("tgi/generate.json")))});
        ChatRequest request = hello();
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonSchema;
        format.schema = QJsonObject{{QLatin1String("type"), QLatin1String("object")},
                                    {QLatin1String("properties"), QJsonObject{{QLatin1String("answer"), QJsonObject{{QLatin1String("type"), QLatin1String("string")}}}}}};
        request.responseFormat = format;
        QVERIFY(client->chatBlocking(request));
        format.type = ResponseFormat::Type::JsonObject;
        request.responseFormat = format;
        QVERIFY(client->chatBlocking(request));
        QCOMPARE(parametersOf(server->requests().at(0)).value(QLatin1String("grammar")).toObject(),
                 (QJsonObject{{QLatin1String("type"), QLatin1String("json")}, {QLatin1String("value"), format.schema}}));
        QCOMPARE(parametersOf(server->requests().at(1)).value(QLatin1String("grammar")).toObject().value(QLatin1String("value")).toObject(),
                 (QJsonObject{{QLatin1String("type"), QLatin1String("object")}}));
    }

    void textStreamInSmallDelayedPieces()
    {
        server->script("POST", "/generate_stream", {ScriptedResponse::sseBytes(fixture(QStringLiteral("tgi/generate-stream.sse")), 11, 2)});
        const auto recorder = stream(hello(true));
        Reply *reply = recorder.reply;
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        // The special </s> token is not text.
        QCOMPARE(recorder.deltas, (QStringList{QStringLiteral(" Ray"), QStringLiteral("leigh"), QStringLiteral(" scattering")}));
        const ChatCompletion completion = reply->chatCompletion();
        QCOMPARE(completion.text(), QStringLiteral(" Rayleigh scattering"));
        QCOMPARE(completion.choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(completion.usage->completionTokens, 4);
        QCOMPARE(completion.usage->promptTokens, 21);
        QCOMPARE(server->count("/generate_stream"), 1);
        QCOMPARE(server->requests().first().header("accept"), QByteArray("text/event-stream"));
    }

    void lengthFinishInStream()
    {
        server->script("POST", "/generate_stream", {ScriptedResponse::sseBytes(fixture(QStringLiteral("tgi/generate-stream-length.sse")), 30, 1)});
        const auto recorder = stream(hello(true));
        QVERIFY(!recorder.reply->hasError());
        QCOMPARE(recorder.reply->chatCompletion().choices.first().finishReason, QStringLiteral("length"));
        QCOMPARE(recorder.reply->chatCompletion().text(), QStringLiteral("Once upon"));
    }

    void errorEventInsideStream()
    {
        server->script("POST", "/generate_stream", {ScriptedResponse::sseBytes(fixture(QStringLiteral("tgi/generate-stream-error.sse")), 25, 2)});
        const auto recorder = stream(hello(true));
        Reply *reply = recorder.reply;
        QVERIFY(reply->hasError());
        QCOMPARE(reply->failure().kind, Error::Kind::Server);
        QCOMPARE(reply->failure().type, QStringLiteral("generation"));
        QCOMPARE(reply->failure().message, QStringLiteral("Request failed during generation: Server error: CUDA out of memory."));
        QCOMPARE(reply->failure().partialText, QStringLiteral(" Ray"));
    }

    void droppedStreamIsInterruptedWithPartialText()
    {
        const QByteArray all = fixture(QStringLiteral("tgi/generate-stream.sse"));
        const qsizetype cut = all.indexOf("\n\n", all.indexOf("leigh")) + 2;
        ScriptedResponse response = ScriptedResponse::sseBytes(all.left(cut), 64, 2);
        response.cut = true;
        server->script("POST", "/generate_stream", {response});
        const auto recorder = stream(hello(true));
        QVERIFY(recorder.reply->hasError());
        QCOMPARE(recorder.reply->failure().kind, Error::Kind::StreamInterrupted);
        QCOMPARE(recorder.reply->failure().partialText, QStringLiteral(" Rayleigh"));
    }

    void httpErrors_data()
    {
        addHttpErrorColumns();
        QTest::newRow("401") << 401 << "tgi/error-401.json" << Error::Kind::Authentication << "Authorization header is correct, but the token seems invalid";
        QTest::newRow("422 validation") << 422 << "tgi/error-422.json" << Error::Kind::BadRequest << "Input validation error: `temperature` must be strictly positive";
        QTest::newRow("422 too long") << 422 << "tgi/error-422-context.json" << Error::Kind::ContextLength << "Input validation error: `inputs` tokens";
        QTest::newRow("424 generation") << 424 << "tgi/error-424.json" << Error::Kind::Server << "Request failed during generation";
        QTest::newRow("429 overloaded") << 429 << "tgi/error-429.json" << Error::Kind::Overloaded << "Model is overloaded";
        QTest::newRow("500") << 500 << "tgi/error-500.json" << Error::Kind::Server << "Incomplete generation";
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QString, file);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, message);
        server->script("POST", "/generate", {ScriptedResponse::json(status, fixture(file))});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, kind);
        QCOMPARE(result.error().httpStatus, status);
        QCOMPARE(result.error().provider, QStringLiteral("tgi"));
        QVERIFY2(result.error().message.startsWith(message), qPrintable(result.error().message));
    }

    void overloadIsRetried()
    {
        RetryPolicy once;
        once.maxRetries = 1;
        client->configuration().setRetryPolicy(once);
        client->setScheduler([](std::chrono::milliseconds, QObject *context, std::function<void()> callback) {
            QMetaObject::invokeMethod(context, std::move(callback), Qt::QueuedConnection);
        });
        server->script("POST", "/generate",
                       {ScriptedResponse::json(429, fixture(QStringLiteral("tgi/error-429.json"))),
                        ScriptedResponse::json(200, fixture(QStringLiteral("tgi/generate.json")))});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(server->count("/generate"), 2);
    }

    void keyIsOptionalAndSentWhenSet()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HF_TOKEN"), canaryKey);
        makeClient(env);
        server->script("POST", "/generate", {ScriptedResponse::json(200, fixture(QStringLiteral("tgi/generate.json")))});
        QVERIFY(client->chatBlocking(hello()));
        QCOMPARE(server->requests().first().header("authorization"), "Bearer " + canaryKey.toUtf8());
    }

    void toolsAndImagesAreUnsupported()
    {
        ChatRequest withTools = hello();
        Tool tool;
        tool.name = QStringLiteral("get_weather");
        withTools.tools = {tool};
        expectUnsupported(withTools);
        ChatRequest withImage = hello();
        withImage.messages.last() = Message::user({ContentPart::fromImageData(QByteArray("\x89PNG"), QStringLiteral("image/png"))});
        expectUnsupported(withImage);
    }

    void modelsFromInfo()
    {
        server->script("GET", "/info", {ScriptedResponse::json(200, fixture(QStringLiteral("tgi/info.json")))});
        const Expected<ModelList> models = client->listModelsBlocking(QStringLiteral("tgi"));
        QVERIFY2(models, qPrintable(models ? QString() : models.error().toString()));
        QCOMPARE(models->size(), 1);
        QCOMPARE(models->first().id, QStringLiteral("HuggingFaceH4/zephyr-7b-beta"));
        QCOMPARE(models->first().raw.value(QLatin1String("max_total_tokens")).toInt(), 4096);
    }

    void routerKeepsProviderSuffixedModelIds()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HF_TOKEN"), canaryKey);
        makeClient(env);
        server->script("POST", "/v1/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        ChatRequest request = hello();
        // Ids hold '/' and a ':provider' suffix; neither may be split off.
        request.model = QStringLiteral("huggingface/meta-llama/Llama-3.1-8B-Instruct:cerebras");
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("Hello there."));
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.header("authorization"), "Bearer " + canaryKey.toUtf8());
        QCOMPARE(sent.json().value(QLatin1String("model")).toString(), QStringLiteral("meta-llama/Llama-3.1-8B-Instruct:cerebras"));
        QCOMPARE(sent.json().value(QLatin1String("messages")).toArray().size(), 2);
    }

    void routerErrorWithStringBody()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HF_TOKEN"), canaryKey);
        makeClient(env);
        server->script("POST", "/v1/chat/completions", {ScriptedResponse::json(400, fixture(QStringLiteral("huggingface/error-400.json")))});
        ChatRequest request = hello();
        request.model = QStringLiteral("huggingface/meta-llama/Llama-3.1-8B-Instruct:cerebras");
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::BadRequest);
        QCOMPARE(result.error().provider, QStringLiteral("huggingface"));
        QCOMPARE(result.error().message, QStringLiteral("Model meta-llama/Llama-3.1-8B-Instruct is not supported by provider cerebras."));
    }

    void routerNeedsAToken()
    {
        const Expected<ChatCompletion> result = client->chatBlocking([this] {
            ChatRequest request = hello();
            request.model = QStringLiteral("huggingface/meta-llama/Llama-3.1-8B-Instruct");
            return request;
        }());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Authentication);
        QVERIFY2(result.error().message.contains(QLatin1String("HF_TOKEN")), qPrintable(result.error().message));
    }
};

QTEST_GUILESS_MAIN(TestTgiAdapter)
#include "tst_tgiadapter.moc"
