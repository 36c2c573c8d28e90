#include <muxi/providers/builtinproviders.h>
#include <chattesthelpers.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>
#include <replyrecorder.h>

#include <QUrlQuery>
#include <QJsonArray>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("canary-cohere-123456");

QJsonObject at(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toObject();
}

QJsonArray messagesOf(const RecordedRequest &request)
{
    return request.json().value(QLatin1String("messages")).toArray();
}

}

// The Cohere v2 adapter against a loopback server speaking Cohere's documented bytes.
class TestCohereAdapter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<Client> client;

    void makeClient(const QString &keyVariable)
    {
        QProcessEnvironment env;
        env.insert(keyVariable, canaryKey);
        env.insert(QStringLiteral("COHERE_BASE_URL"), server->url().toString());
        client = clientWithoutRetries(builtinRegistry(), env);
    }

    ChatRequest hello(bool stream = false)
    {
        return briefChat(QStringLiteral("cohere/command-a-03-2025"), QStringLiteral("Say hello"), stream);
    }

    RecordedReply stream(const ChatRequest &request)
    {
        return record(client->chat(request));
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        makeClient(QStringLiteral("COHERE_API_KEY"));
    }

    void chatNonStreaming()
    {
        server->script("POST", "/v2/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/chat.json")))});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("Hello! How can I help?"));
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(result->id, QStringLiteral("c14c80c3-18eb-4519-9460-6c92edd8cfb4"));
        QCOMPARE(result->model, QStringLiteral("command-a-03-2025"));
        // Usage counts what the model processed (usage.tokens), not billed_units.
        QCOMPARE(result->usage->promptTokens, 496);
        QCOMPARE(result->usage->completionTokens, 9);
        QCOMPARE(result->usage->totalTokens, 505);

        QCOMPARE(server->count("/v2/chat"), 1);
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.header("authorization"), "Bearer " + canaryKey.toUtf8());
        QCOMPARE(sent.header("content-type"), QByteArray("application/json"));
        const QJsonObject body = sent.json();
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("command-a-03-2025"));
        QCOMPARE(body.value(QLatin1String("stream")).toBool(true), false);
        // The system prompt stays a message with role "system".
        const QJsonArray messages = messagesOf(sent);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).toObject().value(QLatin1String("role")).toString(), QStringLiteral("system"));
        QCOMPARE(messages.at(0).toObject().value(QLatin1String("content")).toString(), QStringLiteral("Be brief."));
        QCOMPARE(messages.at(1).toObject().value(QLatin1String("content")).toString(), QStringLiteral("Say hello"));
    }

    void coApiKeyVariableIsRead()
    {
        makeClient(QStringLiteral("CO_API_KEY"));
        server->script("POST", "/v2/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/chat.json")))});
        QVERIFY(client->chatBlocking(hello()));
        QCOMPARE(server->requests().first().header("authorization"), "Bearer " + canaryKey.toUtf8());
    }

    void samplingParametersUseCohereNames()
    {
        server->script("POST", "/v2/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/chat.json")))});
        ChatRequest request = hello();
        request.temperature = 0.2;
        request.topP = 1.0;
        request.maxTokens = 50;
        request.seed = 7;
        request.stop = {QStringLiteral("END")};
        QVERIFY(client->chatBlocking(request));
        const QJsonObject body = server->requests().first().json();
        QCOMPARE(body.value(QLatin1String("temperature")).toDouble(), 0.2);
        // OpenAI's top_p of 1 is outside Cohere's `p` range [0.01, 0.99].
        QCOMPARE(body.value(QLatin1String("p")).toDouble(), 0.99);
        QVERIFY(!body.contains(QLatin1String("top_p")));
        QCOMPARE(body.value(QLatin1String("max_tokens")).toInt(), 50);
        QCOMPARE(body.value(QLatin1String("seed")).toInt(), 7);
        QCOMPARE(body.value(QLatin1String("stop_sequences")).toArray(), QJsonArray{QLatin1String("END")});
        QVERIFY(!body.contains(QLatin1String("stop")));
    }

    void textStreamInSmallDelayedPieces()
    {
        server->script("POST", "/v2/chat", {ScriptedResponse::sseBytes(fixture(QStringLiteral("cohere/chat-stream-text.sse")), 7, 2)});
        const auto recorder = stream(hello(true));
        Reply *reply = recorder.reply;
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        QCOMPARE(recorder.deltas, (QStringList{QStringLiteral("Hello"), QStringLiteral(" from"), QStringLiteral(" Cohere")}));
        const ChatCompletion completion = reply->chatCompletion();
        QCOMPARE(completion.text(), QStringLiteral("Hello from Cohere"));
        QCOMPARE(completion.id, QStringLiteral("29f14a5a-11de-4cae-9800-25e4747408ea"));
        QCOMPARE(completion.choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(completion.usage->promptTokens, 70);
        QCOMPARE(completion.usage->completionTokens, 4);
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.json().value(QLatin1String("stream")).toBool(), true);
        QCOMPARE(sent.header("accept"), QByteArray("text/event-stream"));
    }

    void toolCallStream()
    {
        server->script("POST", "/v2/chat", {ScriptedResponse::sseBytes(fixture(QStringLiteral("cohere/chat-stream-tools.sse")), 13, 1)});
        ChatRequest request = hello(true);
        request.tools = {functionTool(QStringLiteral("get_weather"), QStringLiteral("city")), functionTool(QStringLiteral("get_time"), QStringLiteral("zone"))};
        const auto recorder = stream(request);
        Reply *reply = recorder.reply;
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        // Deltas carry tool_calls as an object; each fragment is routed by its call.
        QCOMPARE(recorder.toolFragments.size(), 5);
        QCOMPARE(recorder.toolFragments.at(0).index, 0);
        QCOMPARE(recorder.toolFragments.at(0).id, QStringLiteral("get_weather_1"));
        QCOMPARE(recorder.toolFragments.at(3).index, 1);
        const ChatChoice choice = reply->chatCompletion().choices.first();
        QCOMPARE(choice.finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(choice.message.toolCalls.size(), 2);
        QCOMPARE(choice.message.toolCalls.at(0).name, QStringLiteral("get_weather"));
        QCOMPARE(choice.message.toolCalls.at(0).arguments, QStringLiteral(R"({"city": "Paris"})"));
        QCOMPARE(choice.message.toolCalls.at(1).id, QStringLiteral("get_time_2"));
        QCOMPARE(choice.message.toolCalls.at(1).arguments, QStringLiteral(R"({"zone": "CET"})"));
        // The tool plan is reasoning, never answer text.
        QVERIFY(recorder.deltas.isEmpty());
        QCOMPARE(choice.message.text(), QString());
        QCOMPARE(choice.message.reasoningContent, QStringLiteral("I will check the weather."));
        QCOMPARE(reply->chatCompletion().usage->completionTokens, 29);
    }

    void toolsBothWays()
    {
        server->script("POST", "/v2/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/chat-tool-call.json")))});
        ChatRequest request = hello();
        request.tools = {functionTool(QStringLiteral("get_weather"), QStringLiteral("city"))};
        request.toolChoice = QStringLiteral("required");
        Message assistant;
        assistant.role = Message::Role::Assistant;
        assistant.form = Message::ContentForm::Null;
        assistant.reasoningContent = QStringLiteral("I will look it up.");
        assistant.toolCalls = {{QStringLiteral("get_weather_0"), QStringLiteral("get_weather"), QStringLiteral(R"({"city":"Oslo"})"), 0, {}}};
        request.messages << assistant << Message::toolResult(QStringLiteral("get_weather_0"), QStringLiteral("3 degrees"));
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));

        const QJsonObject body = server->requests().first().json();
        QCOMPARE(body.value(QLatin1String("tool_choice")).toString(), QStringLiteral("REQUIRED"));
        const QJsonObject function = at(body.value(QLatin1String("tools")).toArray().first().toObject(), "function");
        QCOMPARE(function.value(QLatin1String("name")).toString(), QStringLiteral("get_weather"));
        QCOMPARE(at(function, "parameters").value(QLatin1String("type")).toString(), QStringLiteral("object"));
        const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
        const QJsonObject sentAssistant = messages.at(2).toObject();
        QCOMPARE(sentAssistant.value(QLatin1String("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(sentAssistant.value(QLatin1String("tool_plan")).toString(), QStringLiteral("I will look it up."));
        const QJsonObject sentCall = sentAssistant.value(QLatin1String("tool_calls")).toArray().first().toObject();
        QCOMPARE(sentCall.value(QLatin1String("id")).toString(), QStringLiteral("get_weather_0"));
        QCOMPARE(at(sentCall, "function").value(QLatin1String("arguments")).toString(), QStringLiteral(R"({"city":"Oslo"})"));
        const QJsonObject sentResult = messages.at(3).toObject();
        QCOMPARE(sentResult.value(QLatin1String("role")).toString(), QStringLiteral("tool"));
        QCOMPARE(sentResult.value(QLatin1String("tool_call_id")).toString(), QStringLiteral("get_weather_0"));
        QCOMPARE(sentResult.value(QLatin1String("content")).toString(), QStringLiteral("3 degrees"));

        const ChatChoice choice = result->choices.first();
        QCOMPARE(choice.finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(choice.message.form, Message::ContentForm::Null);
        QCOMPARE(choice.message.reasoningContent, QStringLiteral("I will look up the weather."));
        QCOMPARE(choice.message.toolCalls.size(), 2);
        QCOMPARE(choice.message.toolCalls.at(0).id, QStringLiteral("get_weather_1"));
        QCOMPARE(choice.message.toolCalls.at(0).arguments, QStringLiteral(R"({"city":"Paris"})"));
        QCOMPARE(choice.message.toolCalls.at(1).arguments, QStringLiteral("{}"));
        QCOMPARE(result->usage->promptTokens, 520);
    }

    void namedToolChoiceSendsOnlyThatTool()
    {
        server->script("POST", "/v2/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/chat-tool-call.json")))});
        ChatRequest request = hello();
        request.tools = {functionTool(QStringLiteral("get_weather"), QStringLiteral("city")), functionTool(QStringLiteral("get_time"), QStringLiteral("zone"))};
        request.toolChoice = QJsonObject{{QLatin1String("type"), QLatin1String("function")},
                                         {QLatin1String("function"), QJsonObject{{QLatin1String("name"), QLatin1String("get_time")}}}};
        QVERIFY(client->chatBlocking(request));
        request.toolChoice = QStringLiteral("none");
        QVERIFY(client->chatBlocking(request));

        const QJsonObject named = server->requests().at(0).json();
        QCOMPARE(named.value(QLatin1String("tool_choice")).toString(), QStringLiteral("REQUIRED"));
        QCOMPARE(named.value(QLatin1String("tools")).toArray().size(), 1);
        QCOMPARE(at(named.value(QLatin1String("tools")).toArray().first().toObject(), "function").value(QLatin1String("name")).toString(),
                 QStringLiteral("get_time"));
        QCOMPARE(server->requests().at(1).json().value(QLatin1String("tool_choice")).toString(), QStringLiteral("NONE"));
    }

    void imagesAsBytesAndUrls()
    {
        server->script("POST", "/v2/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/chat.json")))});
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452") + QByteArray(300, '\x7f') + QByteArray(1, '\0');
        ChatRequest request = hello();
        request.model = QStringLiteral("cohere/command-a-vision-07-2025");
        request.messages.last() = Message::user({ContentPart::fromText(QStringLiteral("Compare these")),
                                                 ContentPart::fromImageData(png, QStringLiteral("image/png")),
                                                 ContentPart::fromImageUrl(QUrl(QStringLiteral("https://example.com/cat.jpg?size=large")))});
        QVERIFY(client->chatBlocking(request));
        const QJsonArray parts = messagesOf(server->requests().first()).last().toObject().value(QLatin1String("content")).toArray();
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts.at(0).toObject().value(QLatin1String("text")).toString(), QStringLiteral("Compare these"));
        QCOMPARE(parts.at(1).toObject().value(QLatin1String("type")).toString(), QStringLiteral("image_url"));
        const QString dataUrl = at(parts.at(1).toObject(), "image_url").value(QLatin1String("url")).toString();
        QString mime;
        QByteArray bytes;
        QVERIFY(decodeDataUrl(dataUrl, &mime, &bytes));
        QCOMPARE(mime, QStringLiteral("image/png"));
        QCOMPARE(bytes, png);
        QCOMPARE(at(parts.at(2).toObject(), "image_url").value(QLatin1String("url")).toString(),
                 QStringLiteral("https://example.com/cat.jpg?size=large"));
    }

    void audioIsRefusedBeforeSending()
    {
        ChatRequest request = hello();
        request.messages.last() = Message::user({ContentPart::fromAudio(QByteArray("RIFF") + QByteArray(20, '\1'), QStringLiteral("wav"))});
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        // The provider table has no audio flag for Cohere, so the dispatcher refuses it first.
        QCOMPARE(result.error().kind, Error::Kind::Unsupported);
        QVERIFY2(result.error().message.contains(QLatin1String("Cohere")), qPrintable(result.error().message));
        QCOMPARE(server->requests().size(), 0);
    }

    void jsonMode()
    {
        server->script("POST", "/v2/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/chat.json")))});
        ChatRequest request = hello();
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonObject;
        request.responseFormat = format;
        QVERIFY(client->chatBlocking(request));
        format.type = ResponseFormat::Type::JsonSchema;
        format.schemaName = QStringLiteral("answer");
        format.schema = QJsonObject{{QLatin1String("type"), QLatin1String("object")},
                                    {QLatin1String("required"), QJsonArray{QLatin1String("answer")}}};
        request.responseFormat = format;
        QVERIFY(client->chatBlocking(request));

        QCOMPARE(at(server->requests().at(0).json(), "response_format"), (QJsonObject{{QLatin1String("type"), QLatin1String("json_object")}}));
        const QJsonObject withSchema = at(server->requests().at(1).json(), "response_format");
        QCOMPARE(withSchema.value(QLatin1String("type")).toString(), QStringLiteral("json_object"));
        QCOMPARE(at(withSchema, "json_schema"), format.schema);
    }

    void httpErrors_data()
    {
        addHttpErrorColumns();
        QTest::newRow("401") << 401 << "cohere/error-401.json" << Error::Kind::Authentication << "invalid api token";
        QTest::newRow("429") << 429 << "cohere/error-429.json" << Error::Kind::RateLimit << "You are using a Trial key";
        QTest::newRow("500") << 500 << "cohere/error-500.json" << Error::Kind::Server << "internal server error";
        // 498 is Cohere's own status for an invalid token.
        QTest::newRow("498") << 498 << "cohere/error-498.json" << Error::Kind::Authentication << "invalid api token";
        QTest::newRow("502 html") << 502 << "cohere/error-502.html" << Error::Kind::Server << "<html><body>upstream connect error</body></html>";
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QString, file);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, message);
        server->script("POST", "/v2/chat", {ScriptedResponse::json(status, fixture(file), {{"retry-after", "3"}})});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        const Error &error = result.error();
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.provider, QStringLiteral("cohere"));
        QCOMPARE(error.model, QStringLiteral("command-a-03-2025"));
        QVERIFY2(error.message.startsWith(message), qPrintable(error.message));
        QCOMPARE(error.retryAfter, std::chrono::milliseconds(3000));
        QVERIFY(!error.toString().contains(canaryKey));
    }

    void errorFinishInsideStream()
    {
        server->script("POST", "/v2/chat", {ScriptedResponse::sseBytes(fixture(QStringLiteral("cohere/chat-stream-error.sse")), 40, 2)});
        const auto recorder = stream(hello(true));
        Reply *reply = recorder.reply;
        QVERIFY(reply->hasError());
        QCOMPARE(reply->failure().kind, Error::Kind::Server);
        QCOMPARE(reply->failure().message, QStringLiteral("internal error while generating"));
        QCOMPARE(reply->failure().partialText, QStringLiteral("Partial"));
        QCOMPARE(recorder.deltas, QStringList{QStringLiteral("Partial")});
    }

    void timeoutFinishIsAnError()
    {
        server->script("POST", "/v2/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/chat-timeout.json")))});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Timeout);
        QCOMPARE(result.error().partialText, QStringLiteral("Half an ans"));
        QCOMPARE(result.error().provider, QStringLiteral("cohere"));
    }

    void droppedStreamIsInterruptedWithPartialText()
    {
        const QByteArray all = fixture(QStringLiteral("cohere/chat-stream-text.sse"));
        // Cut after " from": no message-end, which is Cohere's only end marker.
        const qsizetype cut = all.indexOf("\n\n", all.indexOf("\" from\"")) + 2;
        ScriptedResponse response = ScriptedResponse::sseBytes(all.left(cut), 50, 2);
        response.cut = true;
        server->script("POST", "/v2/chat", {response});
        const auto recorder = stream(hello(true));
        Reply *reply = recorder.reply;
        QVERIFY(reply->hasError());
        QCOMPARE(reply->failure().kind, Error::Kind::StreamInterrupted);
        QCOMPARE(reply->failure().partialText, QStringLiteral("Hello from"));
        QCOMPARE(reply->failure().provider, QStringLiteral("cohere"));
    }

    void embeddings()
    {
        server->script("POST", "/v2/embed", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/embed.json")))});
        EmbeddingRequest request;
        request.model = QStringLiteral("cohere/embed-v4.0");
        request.input = {QStringLiteral("first"), QStringLiteral("second")};
        const Expected<EmbeddingResponse> result = client->embedBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        // Vectors map back to the input order.
        QCOMPARE(result->data.size(), 2);
        QCOMPARE(result->data.at(0).index, 0);
        QCOMPARE(result->data.at(0).vector, (QList<float>{0.5f, -1.25f, 3.0f}));
        QCOMPARE(result->data.at(1).vector, (QList<float>{0.0f, 1.0f, -0.125f}));
        QCOMPARE(result->usage->promptTokens, 2);

        const QJsonObject body = server->requests().first().json();
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("embed-v4.0"));
        QCOMPARE(body.value(QLatin1String("texts")).toArray().size(), 2);
        // input_type is required from embed v3 on; a bare call embeds documents.
        QCOMPARE(body.value(QLatin1String("input_type")).toString(), QStringLiteral("search_document"));
        QCOMPARE(body.value(QLatin1String("embedding_types")).toArray(), QJsonArray{QLatin1String("float")});

        request.inputType = QStringLiteral("query");
        QVERIFY(client->embedBlocking(request));
        QCOMPARE(server->requests().at(1).json().value(QLatin1String("input_type")).toString(), QStringLiteral("search_query"));
    }

    void thinkingCitationsAndBilledUsage()
    {
        server->script("POST", "/v2/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/chat-thinking-citations.json")))});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        const ChatChoice &choice = result->choices.first();
        // Thinking is reasoning, never part of the answer.
        QCOMPARE(choice.message.text(), QStringLiteral("Paris is the capital"));
        QCOMPARE(choice.message.reasoningContent, QStringLiteral("The documents name the capital."));
        QCOMPARE(choice.finishReason, QStringLiteral("length"));
        const QJsonArray citations = choice.raw.value(QLatin1String("citations")).toArray();
        QCOMPARE(citations.size(), 1);
        QCOMPARE(citations.first().toObject().value(QLatin1String("text")).toString(), QStringLiteral("Paris"));
        // Without "tokens", the billed units are the only counts there are.
        QCOMPARE(result->usage->promptTokens, 12);
        QCOMPARE(result->usage->completionTokens, 5);
        QCOMPARE(result->usage->totalTokens, 17);
    }

    void partsCohereCannotTakeAreRefused_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("needle");
        QTest::newRow("audio") << "audio" << "audio";
        QTest::newRow("file") << "file" << "does not accept file parts";
        QTest::newRow("audio beside an image") << "image+audio" << "audio";
        QTest::newRow("file beside an image") << "image+file" << "takes only text and image parts";
        QTest::newRow("unknown tool named") << "tool choice" << "tool_choice names \"get_stock\", which is not among the tools";
        QTest::newRow("several choices") << "n" << "several choices per request";
    }

    void partsCohereCannotTakeAreRefused()
    {
        QFETCH(QString, what);
        QFETCH(QString, needle);
        ChatRequest request = hello();
        request.model = QStringLiteral("cohere/command-a-vision-07-2025");
        ContentPart file;
        file.type = ContentPart::Type::File;
        file.data = QByteArray("%PDF");
        file.mimeType = QStringLiteral("application/pdf");
        const ContentPart audio = ContentPart::fromAudio(QByteArray("RIFF", 4), QStringLiteral("wav"));
        const ContentPart image = ContentPart::fromImageData(QByteArray("\x89PNG", 4), QStringLiteral("image/png"));
        if (what == QLatin1String("audio"))
            request.messages.append(Message::user({ContentPart::fromText(QStringLiteral("listen")), audio}));
        else if (what == QLatin1String("file"))
            request.messages.append(Message::user({ContentPart::fromText(QStringLiteral("read")), file}));
        else if (what == QLatin1String("image+audio"))
            request.messages.append(Message::user({image, audio}));
        else if (what == QLatin1String("image+file"))
            request.messages.append(Message::user({image, file}));
        if (what == QLatin1String("tool choice")) {
            // The vision model takes no tools; the text model does.
            request.model = QStringLiteral("cohere/command-a-03-2025");
            request.tools = {functionTool(QStringLiteral("get_weather"), QStringLiteral("city"))};
            request.toolChoice = QJsonObject{{QLatin1String("type"), QLatin1String("function")},
                                             {QLatin1String("function"), QJsonObject{{QLatin1String("name"), QLatin1String("get_stock")}}}};
        }
        if (what == QLatin1String("n"))
            request.n = 3;
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(needle), qPrintable(result.error().message));
        QCOMPARE(result.error().provider, QStringLiteral("cohere"));
        QCOMPARE(server->requests().size(), 0);
    }

    void imageDetailAndEmbeddingOptions()
    {
        server->script("POST", "/v2/chat", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/chat.json")))});
        ChatRequest request = hello();
        request.model = QStringLiteral("cohere/command-a-vision-07-2025");
        request.messages.append(Message::user({ContentPart::fromText(QStringLiteral("What is this?")),
                                               ContentPart::fromImageUrl(QUrl(QStringLiteral("https://example.com/a.png")), QStringLiteral("low"))}));
        QVERIFY(client->chatBlocking(request));
        const QJsonArray parts = messagesOf(server->requests().first()).last().toObject().value(QLatin1String("content")).toArray();
        QCOMPARE(parts.at(1).toObject().value(QLatin1String("image_url")).toObject(),
                 (QJsonObject{{QLatin1String("url"), QLatin1String("https://example.com/a.png")}, {QLatin1String("detail"), QLatin1String("low")}}));

        server->script("POST", "/v2/embed", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/embed.json")))});
        EmbeddingRequest embed;
        embed.model = QStringLiteral("cohere/embed-v4.0");
        embed.input = {QStringLiteral("first"), QStringLiteral("second")};
        embed.inputType = QStringLiteral("document");
        embed.dimensions = 512;
        embed.extra.insert(QLatin1String("truncate"), QLatin1String("END"));
        QVERIFY(client->embedBlocking(embed));
        const QJsonObject body = server->requests().last().json();
        QCOMPARE(body.value(QLatin1String("input_type")).toString(), QStringLiteral("search_document"));
        QCOMPARE(body.value(QLatin1String("output_dimension")).toInt(), 512);
        QCOMPARE(body.value(QLatin1String("truncate")).toString(), QStringLiteral("END"));

        // An answer without float vectors is no answer.
        server->script("POST", "/v2/embed", {ScriptedResponse::json(200, QByteArray(R"({"id":"e2","embeddings":{"int8":[[1,2]]}})"))});
        const Expected<EmbeddingResponse> noFloats = client->embedBlocking(embed);
        QVERIFY(!noFloats);
        QCOMPARE(noFloats.error().kind, Error::Kind::InvalidResponse);
        QVERIFY2(noFloats.error().message.contains(QStringLiteral("no float embeddings")), qPrintable(noFloats.error().message));
    }

    void tooManyEmbeddingTextsAreRefused()
    {
        EmbeddingRequest request;
        request.model = QStringLiteral("cohere/embed-v4.0");
        for (int i = 0; i < 97; ++i)
            request.input.append(QStringLiteral("text %1").arg(i));
        const Expected<EmbeddingResponse> result = client->embedBlocking(request);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::BadRequest);
        QCOMPARE(server->requests().size(), 0);
    }

    void modelsList()
    {
        server->script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/models.json")))});
        const Expected<ModelList> models = client->listModelsBlocking(QStringLiteral("cohere"));
        QVERIFY2(models, qPrintable(models ? QString() : models.error().toString()));
        QCOMPARE(models->size(), 2);
        QCOMPARE(models->at(0).id, QStringLiteral("command-a-03-2025"));
        QCOMPARE(models->at(1).raw.value(QLatin1String("endpoints")).toArray(), QJsonArray{QLatin1String("embed")});
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.method, QByteArray("GET"));
        QCOMPARE(sent.header("authorization"), "Bearer " + canaryKey.toUtf8());
        QCOMPARE(sent.url().query(), QStringLiteral("page_size=1000"));
    }

    void modelsListFollowsEveryPage()
    {
        server->script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("cohere/models-page1.json"))),
                                             ScriptedResponse::json(200, fixture(QStringLiteral("cohere/models-page2.json")))});
        const Expected<ModelList> models = client->listModelsBlocking(QStringLiteral("cohere"));
        QVERIFY2(models, qPrintable(models ? QString() : models.error().toString()));
        QCOMPARE(models->size(), 2);
        QCOMPARE(models->at(1).id, QStringLiteral("embed-v4.0"));
        QCOMPARE(server->requests().size(), 2);
        const QUrlQuery second(server->requests().at(1).url());
        QCOMPARE(second.queryItemValue(QStringLiteral("page_token")), QStringLiteral("eyJvZmZzZXQiOjF9"));
        QCOMPARE(second.queryItemValue(QStringLiteral("page_size")), QStringLiteral("1000"));
    }
};

QTEST_GUILESS_MAIN(TestCohereAdapter)
#include "tst_cohereadapter.moc"
