#include <muxi/providers/builtinproviders.h>
#include <chattesthelpers.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>
#include <replyrecorder.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
// Ollama's NDJSON stream as a real server sends it: bytes split anywhere, pieces apart in time.
ScriptedResponse ndjsonPieces(const QByteArray &bytes, int pieceSize, int intervalMs)
{
    ScriptedResponse response = ScriptedResponse::sseBytes(bytes, pieceSize, intervalMs);
    response.headers = {{"Content-Type", "application/x-ndjson"}};
    return response;
}

QJsonObject at(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toObject();
}

}

// The native Ollama adapter against a loopback server speaking Ollama's documented bytes.
class TestOllamaAdapter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<Client> client;

    ChatRequest hello(bool stream = false)
    {
        return briefChat(QStringLiteral("ollama/llama3.2"), QStringLiteral("Why is the sky blue?"), stream);
    }

    RecordedReply stream(const ChatRequest &request)
    {
        return record(client->chat(request));
    }

    void expectRefusedBeforeSending(const ChatRequest &request, const QString &needle)
    {
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::BadRequest);
        QVERIFY2(result.error().message.contains(needle), qPrintable(result.error().message));
        QCOMPARE(server->requests().size(), 0);
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        QProcessEnvironment env;
        // OLLAMA_HOST holds host:port without a scheme, as Ollama's own CLI reads it.
        env.insert(QStringLiteral("OLLAMA_HOST"), QStringLiteral("127.0.0.1:%1").arg(server->port()));
        client = clientWithoutRetries(builtinRegistry(), env);
    }

    void chatNonStreaming()
    {
        server->script("POST", "/api/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/chat.json")))});
        ChatRequest request = hello();
        request.temperature = 0.3;
        request.topP = 0.9;
        request.maxCompletionTokens = 64;
        request.stop = {QStringLiteral("\n\n")};
        request.seed = 42;
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("The sky is blue because of Rayleigh scattering."));
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(result->usage->promptTokens, 26);
        QCOMPARE(result->usage->completionTokens, 12);
        QCOMPARE(result->usage->totalTokens, 38);
        QCOMPARE(result->model, QStringLiteral("llama3.2"));
        QCOMPARE(result->created, QDateTime::fromString(QStringLiteral("2024-07-22T20:33:29Z"), Qt::ISODate).toSecsSinceEpoch());

        const RecordedRequest sent = server->requests().first();
        QVERIFY(sent.header("authorization").isEmpty());
        const QJsonObject body = sent.json();
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("llama3.2"));
        // Ollama streams unless told otherwise, so `stream` is always sent.
        QVERIFY(body.contains(QLatin1String("stream")));
        QCOMPARE(body.value(QLatin1String("stream")).toBool(true), false);
        const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
        QCOMPARE(messages.at(0).toObject(), (QJsonObject{{QLatin1String("role"), QLatin1String("system")}, {QLatin1String("content"), QLatin1String("Be brief.")}}));
        const QJsonObject options = at(body, "options");
        QCOMPARE(options.value(QLatin1String("temperature")).toDouble(), 0.3);
        QCOMPARE(options.value(QLatin1String("top_p")).toDouble(), 0.9);
        QCOMPARE(options.value(QLatin1String("num_predict")).toInt(), 64);
        QCOMPARE(options.value(QLatin1String("stop")).toArray(), QJsonArray{QLatin1String("\n\n")});
        QCOMPARE(options.value(QLatin1String("seed")).toInt(), 42);
        QVERIFY(!body.contains(QLatin1String("temperature")));
        QVERIFY(!body.contains(QLatin1String("max_tokens")));
    }

    void textStreamInSmallDelayedPieces()
    {
        server->script("POST", "/api/chat", {ndjsonPieces(fixture(QStringLiteral("ollama/chat-stream.ndjson")), 9, 2)});
        const auto recorder = stream(hello(true));
        Reply *reply = recorder.reply;
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        QCOMPARE(recorder.deltas, (QStringList{QStringLiteral("The"), QStringLiteral(" sky"), QStringLiteral(" is blue.")}));
        const ChatCompletion completion = reply->chatCompletion();
        QCOMPARE(completion.text(), QStringLiteral("The sky is blue."));
        QCOMPARE(completion.choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(completion.usage->promptTokens, 26);
        QCOMPARE(completion.usage->completionTokens, 282);
        QCOMPARE(server->requests().first().json().value(QLatin1String("stream")).toBool(), true);
    }

    void lengthFinish()
    {
        server->script("POST", "/api/chat", {ndjsonPieces(fixture(QStringLiteral("ollama/chat-stream-length.ndjson")), 16, 1)});
        const auto recorder = stream(hello(true));
        QVERIFY(!recorder.reply->hasError());
        QCOMPARE(recorder.reply->chatCompletion().choices.first().finishReason, QStringLiteral("length"));
        // The prompt was cached: no prompt_eval_count, which counts as zero.
        QCOMPARE(recorder.reply->chatCompletion().usage->promptTokens, 0);
        QCOMPARE(recorder.reply->chatCompletion().usage->completionTokens, 2);
    }

    void toolCallsNonStreaming()
    {
        server->script("POST", "/api/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/chat-tool-call.json")))});
        ChatRequest request = hello();
        request.tools = {functionTool(QStringLiteral("get_current_weather"), QStringLiteral("location"))};
        const Expected<ChatCompletion> first = client->chatBlocking(request);
        QVERIFY2(first, qPrintable(first ? QString() : first.error().toString()));
        const ChatChoice choice = first->choices.first();
        // Ollama says "stop" when it called tools.
        QCOMPARE(choice.finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(choice.message.form, Message::ContentForm::Null);
        QCOMPARE(choice.message.toolCalls.size(), 2);
        QCOMPARE(choice.message.toolCalls.at(0).name, QStringLiteral("get_current_weather"));
        // Object arguments come back as JSON text; {} stays "{}".
        QCOMPARE(QJsonDocument::fromJson(choice.message.toolCalls.at(0).arguments.toUtf8()).object(),
                 (QJsonObject{{QLatin1String("format"), QLatin1String("celsius")}, {QLatin1String("location"), QLatin1String("Paris, FR")}}));
        QCOMPARE(choice.message.toolCalls.at(1).arguments, QStringLiteral("{}"));
        // Ollama sends no ids: synthetic ones are unique, also across answers.
        const QString id0 = choice.message.toolCalls.at(0).id;
        const QString id1 = choice.message.toolCalls.at(1).id;
        QVERIFY(!id0.isEmpty());
        QVERIFY(id0 != id1);
        const Expected<ChatCompletion> second = client->chatBlocking(request);
        QVERIFY(second);
        QVERIFY(second->choices.first().message.toolCalls.at(0).id != id0);
        QCOMPARE(at(server->requests().first().json().value(QLatin1String("tools")).toArray().first().toObject(), "function")
                     .value(QLatin1String("name")).toString(),
                 QStringLiteral("get_current_weather"));
    }

    void toolCallStream()
    {
        server->script("POST", "/api/chat", {ndjsonPieces(fixture(QStringLiteral("ollama/chat-stream-tools.ndjson")), 21, 1)});
        ChatRequest request = hello(true);
        request.model = QStringLiteral("ollama/qwen3");
        request.tools = {functionTool(QStringLiteral("get_current_weather"), QStringLiteral("location"))};
        const auto recorder = stream(request);
        Reply *reply = recorder.reply;
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        QCOMPARE(recorder.toolFragments.size(), 2);
        QCOMPARE(recorder.toolFragments.at(0).index, 0);
        QCOMPARE(recorder.toolFragments.at(1).index, 1);
        QVERIFY(recorder.toolFragments.at(0).id != recorder.toolFragments.at(1).id);
        const ChatChoice choice = reply->chatCompletion().choices.first();
        QCOMPARE(choice.finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(choice.message.toolCalls.size(), 2);
        QCOMPARE(choice.message.toolCalls.at(0).id, recorder.toolFragments.at(0).id);
        QCOMPARE(QJsonDocument::fromJson(choice.message.toolCalls.at(0).arguments.toUtf8()).object().value(QLatin1String("location")).toString(),
                 QStringLiteral("Paris, FR"));
        QCOMPARE(choice.message.toolCalls.at(1).arguments, QStringLiteral("{}"));
        QCOMPARE(choice.message.reasoningContent, QStringLiteral("The user wants the weather."));
        QVERIFY(recorder.deltas.isEmpty());
        QCOMPARE(reply->chatCompletion().usage->promptTokens, 180);
    }

    void toolHistoryIsTranslated()
    {
        server->script("POST", "/api/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/chat.json")))});
        ChatRequest request = hello();
        request.tools = {functionTool(QStringLiteral("get_current_weather"), QStringLiteral("location"))};
        Message assistant;
        assistant.role = Message::Role::Assistant;
        assistant.form = Message::ContentForm::Null;
        assistant.toolCalls = {{QStringLiteral("call_a"), QStringLiteral("get_current_weather"), QStringLiteral(R"({"location":"Oslo"})"), 0, {}},
                               {QStringLiteral("call_b"), QStringLiteral("get_time"), QString(), 1, {}}};
        request.messages << assistant << Message::toolResult(QStringLiteral("call_a"), QStringLiteral("3 degrees"))
                         << Message::toolResult(QStringLiteral("call_b"), QStringLiteral("noon"));
        QVERIFY(client->chatBlocking(request));
        const QJsonArray messages = server->requests().first().json().value(QLatin1String("messages")).toArray();
        QCOMPARE(messages.size(), 5);
        const QJsonArray calls = messages.at(2).toObject().value(QLatin1String("tool_calls")).toArray();
        // OpenAI's argument text becomes the object Ollama wants; no arguments is {}.
        QCOMPARE(at(at(calls.at(0).toObject(), "function"), "arguments"), (QJsonObject{{QLatin1String("location"), QLatin1String("Oslo")}}));
        QVERIFY(at(calls.at(1).toObject(), "function").value(QLatin1String("arguments")).isObject());
        QCOMPARE(at(at(calls.at(1).toObject(), "function"), "arguments"), QJsonObject());
        // Tool results name the function, which OpenAI gives only through the call id.
        QCOMPARE(messages.at(3).toObject().value(QLatin1String("role")).toString(), QStringLiteral("tool"));
        QCOMPARE(messages.at(3).toObject().value(QLatin1String("tool_name")).toString(), QStringLiteral("get_current_weather"));
        QCOMPARE(messages.at(4).toObject().value(QLatin1String("tool_name")).toString(), QStringLiteral("get_time"));
        QCOMPARE(messages.at(4).toObject().value(QLatin1String("content")).toString(), QStringLiteral("noon"));
    }

    void invalidToolArgumentsAreRefused()
    {
        ChatRequest request = hello();
        Message assistant;
        assistant.role = Message::Role::Assistant;
        assistant.toolCalls = {{QStringLiteral("call_x"), QStringLiteral("get_current_weather"), QStringLiteral(R"({"location":)"), 0, {}}};
        request.messages << assistant << Message::toolResult(QStringLiteral("call_x"), QStringLiteral("?"));
        expectRefusedBeforeSending(request, QStringLiteral("call_x"));
    }

    void imagesAsBytes()
    {
        server->script("POST", "/api/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/chat.json")))});
        const QByteArray jpeg = QByteArray::fromHex("ffd8ffe000104a464946") + QByteArray(500, '\xab') + QByteArray(1, '\0');
        ChatRequest request = hello();
        request.model = QStringLiteral("ollama/llava");
        request.messages.last() = Message::user({ContentPart::fromText(QStringLiteral("What is in this picture?")),
                                                 ContentPart::fromImageData(jpeg, QStringLiteral("image/jpeg"))});
        QVERIFY(client->chatBlocking(request));
        const QJsonObject user = server->requests().first().json().value(QLatin1String("messages")).toArray().last().toObject();
        QCOMPARE(user.value(QLatin1String("content")).toString(), QStringLiteral("What is in this picture?"));
        const QJsonArray images = user.value(QLatin1String("images")).toArray();
        QCOMPARE(images.size(), 1);
        // Raw base64: no data: prefix.
        QVERIFY(!images.first().toString().startsWith(QLatin1String("data:")));
        QCOMPARE(QByteArray::fromBase64(images.first().toString().toLatin1()), jpeg);
    }

    // Ollama takes images only as bytes: http(s) URLs are fetched by the
    // dispatcher and arrive inline; anything else is refused by the adapter.
    void imageUrlsArriveAsBytes()
    {
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452") + QByteArray(200, '\x21');
        ScriptedResponse image;
        image.headers = {{"Content-Type", "image/png"}};
        image.pieces = {png};
        server->script("GET", "/cat.png", {image});
        server->script("POST", "/api/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/chat.json")))});
        ChatRequest request = hello();
        request.messages.last() = Message::user({ContentPart::fromText(QStringLiteral("What is this?")),
                                                 ContentPart::fromImageUrl(server->url(QStringLiteral("/cat.png")))});
        QVERIFY(client->chatBlocking(request));
        const QJsonArray images = server->requests().last().json().value(QLatin1String("messages")).toArray().last().toObject()
                                      .value(QLatin1String("images")).toArray();
        QCOMPARE(images.size(), 1);
        QCOMPARE(QByteArray::fromBase64(images.first().toString().toLatin1()), png);
    }

    void nonHttpImageUrlsAreRefused()
    {
        ChatRequest request = hello();
        request.messages.last() = Message::user({ContentPart::fromText(QStringLiteral("What is this?")),
                                                 ContentPart::fromImageUrl(QUrl(QStringLiteral("gs://bucket/cat.png")))});
        expectRefusedBeforeSending(request, QStringLiteral("attach"));
    }

    void jsonModeAndSchema()
    {
        server->script("POST", "/api/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/chat.json")))});
        ChatRequest request = hello();
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonObject;
        request.responseFormat = format;
        QVERIFY(client->chatBlocking(request));
        format.type = ResponseFormat::Type::JsonSchema;
        format.schema = QJsonObject{{QLatin1String("type"), QLatin1String("object")},
                                    {QLatin1String("properties"), QJsonObject{{QLatin1String("age"), QJsonObject{{QLatin1String("type"), QLatin1String("integer")}}}}}};
        request.responseFormat = format;
        QVERIFY(client->chatBlocking(request));
        QCOMPARE(server->requests().at(0).json().value(QLatin1String("format")).toString(), QStringLiteral("json"));
        QCOMPARE(at(server->requests().at(1).json(), "format"), format.schema);
    }

    void toolChoiceNoneDropsTools()
    {
        server->script("POST", "/api/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/chat.json")))});
        ChatRequest request = hello();
        request.tools = {functionTool(QStringLiteral("get_current_weather"), QStringLiteral("location"))};
        request.toolChoice = QStringLiteral("none");
        QVERIFY(client->chatBlocking(request));
        QVERIFY(!server->requests().first().json().contains(QLatin1String("tools")));
    }

    void httpErrors_data()
    {
        addHttpErrorColumns();
        QTest::newRow("404 not pulled") << 404 << "ollama/error-404.json" << Error::Kind::NotFound << "model \"llama9\" not found, try pulling it first";
        QTest::newRow("400 no tools") << 400 << "ollama/error-400-tools.json" << Error::Kind::Unsupported
                                      << "registry.ollama.ai/library/gemma:2b does not support tools";
        QTest::newRow("401") << 401 << "ollama/error-401.json" << Error::Kind::Authentication << "unauthorized";
        QTest::newRow("429") << 429 << "ollama/error-429.json" << Error::Kind::RateLimit << "too many concurrent requests";
        QTest::newRow("400 context") << 400 << "ollama/error-400-context.json" << Error::Kind::ContextLength
                                     << "the input length exceeds the context length";
        // Older servers answered an overlong prompt with a 500.
        QTest::newRow("500 context") << 500 << "ollama/error-500-context.json" << Error::Kind::ContextLength
                                     << "input length exceeds maximum context length";
        QTest::newRow("500") << 500 << "ollama/error-500.json" << Error::Kind::Server << "model requires more system memory (5.6 GiB) than is available (3.1 GiB)";
        // A reverse proxy in front of Ollama answers in plain text.
        QTest::newRow("502 plain text") << 502 << "ollama/error-502.txt" << Error::Kind::Server << "502 Bad Gateway";
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QString, file);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, message);
        server->script("POST", "/api/chat", {ScriptedResponse::json(status, fixture(file))});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, kind);
        QCOMPARE(result.error().httpStatus, status);
        QCOMPARE(result.error().message, message);
        QCOMPARE(result.error().provider, QStringLiteral("ollama"));
        QCOMPARE(result.error().model, QStringLiteral("llama3.2"));
    }

    void errorLineInsideStream()
    {
        server->script("POST", "/api/chat", {ndjsonPieces(fixture(QStringLiteral("ollama/chat-stream-error.ndjson")), 30, 2)});
        const auto recorder = stream(hello(true));
        Reply *reply = recorder.reply;
        QVERIFY(reply->hasError());
        QCOMPARE(reply->failure().kind, Error::Kind::Server);
        QCOMPARE(reply->failure().message, QStringLiteral("an error was encountered while running the model: unexpected EOF"));
        QCOMPARE(reply->failure().partialText, QStringLiteral("Partial"));
        // The error is never shown as text.
        QCOMPARE(recorder.deltas, QStringList{QStringLiteral("Partial")});
    }

    void droppedStreamIsInterruptedWithPartialText()
    {
        const QByteArray all = fixture(QStringLiteral("ollama/chat-stream.ndjson"));
        const qsizetype cut = all.indexOf('\n', all.indexOf("\" sky\"")) + 1;
        ScriptedResponse response = ndjsonPieces(all.left(cut), 40, 2);
        response.cut = true;
        server->script("POST", "/api/chat", {response});
        const auto recorder = stream(hello(true));
        Reply *reply = recorder.reply;
        QVERIFY(reply->hasError());
        QCOMPARE(reply->failure().kind, Error::Kind::StreamInterrupted);
        QCOMPARE(reply->failure().partialText, QStringLiteral("The sky"));
    }

    void cleanEndWithoutDoneIsInterrupted()
    {
        // The body ends properly but the done:true line never came.
        const QByteArray all = fixture(QStringLiteral("ollama/chat-stream.ndjson"));
        server->script("POST", "/api/chat", {ndjsonPieces(all.left(all.lastIndexOf("{\"model\"")), 64, 1)});
        const auto recorder = stream(hello(true));
        QVERIFY(recorder.reply->hasError());
        QCOMPARE(recorder.reply->failure().kind, Error::Kind::StreamInterrupted);
        QCOMPARE(recorder.reply->failure().partialText, QStringLiteral("The sky is blue."));
    }

    void namedToolChoiceAndPassThroughOptions()
    {
        server->script("POST", "/api/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/chat.json")))});
        ChatRequest request = hello();
        request.tools = {functionTool(QStringLiteral("get_current_weather"), QStringLiteral("location")),
                         functionTool(QStringLiteral("get_time"), QStringLiteral("zone"))};
        // Ollama has no tool_choice: naming one function sends only that one.
        request.toolChoice = QJsonObject{{QLatin1String("type"), QLatin1String("function")},
                                         {QLatin1String("function"), QJsonObject{{QLatin1String("name"), QLatin1String("get_time")}}}};
        request.extra.insert(QLatin1String("top_k"), 40);
        request.extra.insert(QLatin1String("frequency_penalty"), 0.5);
        request.extra.insert(QLatin1String("presence_penalty"), QLatin1String("not a number"));
        request.extra.insert(QLatin1String("keep_alive"), QLatin1String("10m"));
        request.extra.insert(QLatin1String("think"), true);
        QVERIFY(client->chatBlocking(request));
        const QJsonObject body = server->requests().first().json();
        const QJsonArray tools = body.value(QLatin1String("tools")).toArray();
        QCOMPARE(tools.size(), 1);
        QCOMPARE(tools.first().toObject().value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString(), QStringLiteral("get_time"));
        const QJsonObject options = at(body, "options");
        QCOMPARE(options.value(QLatin1String("top_k")).toInt(), 40);
        QCOMPARE(options.value(QLatin1String("frequency_penalty")).toDouble(), 0.5);
        QVERIFY(!options.contains(QLatin1String("presence_penalty")));
        QCOMPARE(body.value(QLatin1String("keep_alive")).toString(), QStringLiteral("10m"));
        QCOMPARE(body.value(QLatin1String("think")).toBool(), true);

        request.toolChoice = QJsonObject{{QLatin1String("type"), QLatin1String("function")},
                                         {QLatin1String("function"), QJsonObject{{QLatin1String("name"), QLatin1String("get_stock")}}}};
        server->clear();
        expectRefusedBeforeSending(request, QStringLiteral("tool_choice names \"get_stock\", which is not among the tools"));
    }

    void partsOllamaCannotTakeAreRefused()
    {
        ChatRequest audio = hello();
        audio.messages.append(Message::user({ContentPart::fromImageData(QByteArray("\x89PNG", 4), QStringLiteral("image/png")),
                                             ContentPart::fromAudio(QByteArray("RIFF", 4), QStringLiteral("wav"))}));
        const Expected<ChatCompletion> refusedAudio = client->chatBlocking(audio);
        QVERIFY(!refusedAudio);
        QVERIFY2(refusedAudio.error().message.contains(QStringLiteral("audio")), qPrintable(refusedAudio.error().message));
        ContentPart file;
        file.type = ContentPart::Type::File;
        file.data = QByteArray("%PDF");
        file.mimeType = QStringLiteral("application/pdf");
        ChatRequest document = hello();
        document.messages.append(Message::user({ContentPart::fromImageData(QByteArray("\x89PNG", 4), QStringLiteral("image/png")), file}));
        expectRefusedBeforeSending(document, QStringLiteral("takes only text and image parts"));
        ChatRequest several = hello();
        several.n = 2;
        const Expected<ChatCompletion> refusedChoices = client->chatBlocking(several);
        QVERIFY(!refusedChoices);
        QCOMPARE(refusedChoices.error().kind, Error::Kind::Unsupported);
        QCOMPARE(server->requests().size(), 0);
    }

    // Ollama reports some failures as an "error" member of a 200 answer.
    void errorInsideA200Answer()
    {
        server->script("POST", "/api/chat", {ScriptedResponse::json(200, QByteArray(R"({"error":"model runner has unexpectedly stopped"})"))});
        const Expected<ChatCompletion> chat = client->chatBlocking(hello());
        QVERIFY(!chat);
        QCOMPARE(chat.error().kind, Error::Kind::Server);
        QCOMPARE(chat.error().message, QStringLiteral("model runner has unexpectedly stopped"));
        QCOMPARE(chat.error().provider, QStringLiteral("ollama"));

        server->script("POST", "/api/embed", {ScriptedResponse::json(200, QByteArray(R"({"error":"input length exceeds the context length"})"))});
        EmbeddingRequest request;
        request.model = QStringLiteral("ollama/all-minilm");
        request.input = {QStringLiteral("long text")};
        const Expected<EmbeddingResponse> embed = client->embedBlocking(request);
        QVERIFY(!embed);
        QCOMPARE(embed.error().kind, Error::Kind::ContextLength);
        QCOMPARE(embed.error().message, QStringLiteral("input length exceeds the context length"));
    }

    void embeddingOptionsPassThrough()
    {
        server->script("POST", "/api/embed", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/embed.json")))});
        EmbeddingRequest request;
        request.model = QStringLiteral("ollama/all-minilm");
        request.input = {QStringLiteral("a")};
        request.dimensions = 256;
        request.extra.insert(QLatin1String("truncate"), false);
        request.extra.insert(QLatin1String("keep_alive"), 0);
        QVERIFY(client->embedBlocking(request));
        const QJsonObject body = server->requests().first().json();
        QCOMPARE(body.value(QLatin1String("dimensions")).toInt(), 256);
        QCOMPARE(body.value(QLatin1String("truncate")).toBool(true), false);
        QCOMPARE(body.value(QLatin1String("keep_alive")).toInt(-1), 0);
    }

    void embeddings()
    {
        server->script("POST", "/api/embed", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/embed.json")))});
        EmbeddingRequest request;
        request.model = QStringLiteral("ollama/all-minilm");
        request.input = {QStringLiteral("Why is the sky blue?"), QStringLiteral("Why is the grass green?")};
        const Expected<EmbeddingResponse> result = client->embedBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->data.size(), 2);
        QCOMPARE(result->data.at(1).index, 1);
        QCOMPARE(result->data.at(0).vector, (QList<float>{0.010071029f, -0.0017594862f, 0.05007221f}));
        QCOMPARE(result->data.at(1).vector.at(1), 0.06042469f);
        QCOMPARE(result->usage->promptTokens, 8);
        const QJsonObject body = server->requests().first().json();
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("all-minilm"));
        QCOMPARE(body.value(QLatin1String("input")).toArray().size(), 2);
    }

    void modelsList()
    {
        server->script("GET", "/api/tags", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/tags.json")))});
        const Expected<ModelList> models = client->listModelsBlocking(QStringLiteral("ollama"));
        QVERIFY2(models, qPrintable(models ? QString() : models.error().toString()));
        QCOMPARE(models->size(), 2);
        QCOMPARE(models->at(0).id, QStringLiteral("llama3.2:latest"));
        QCOMPARE(models->at(0).created, QDateTime::fromString(QStringLiteral("2024-10-01T10:00:00-07:00"), Qt::ISODate).toSecsSinceEpoch());
        QCOMPARE(at(models->at(1).raw, "details").value(QLatin1String("family")).toString(), QStringLiteral("bert"));
        QCOMPARE(server->requests().first().method, QByteArray("GET"));
    }

    void modelTagWithColonReachesServerIntact()
    {
        server->script("POST", "/api/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("ollama/chat.json")))});
        ChatRequest request = hello();
        request.model = QStringLiteral("ollama/hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M");
        QVERIFY(client->chatBlocking(request));
        QCOMPARE(server->requests().first().json().value(QLatin1String("model")).toString(),
                 QStringLiteral("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M"));
    }
};

QTEST_GUILESS_MAIN(TestOllamaAdapter)
#include "tst_ollamaadapter.moc"
