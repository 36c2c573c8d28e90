#include <adaptertestcase.h>
#include <muxi/providers/builtinproviders.h>
#include <fixtures.h>
#include <replyrecorder.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("canary-gemini-123456");
const QByteArray generatePath = "/v1beta/models/gemini-2.5-flash:generateContent";
const QByteArray streamPath = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";

Tool weatherTool()
{
    Tool tool;
    tool.name = QStringLiteral("get_weather");
    tool.description = QStringLiteral("Weather for a city");
    tool.parameters = jsonObject(R"({"type":"object","properties":{"city":{"type":"string"},"unit":{"type":["string","null"],"enum":["C","F"]}},"required":["city"],"additionalProperties":false,"$schema":"draft-07"})");
    return tool;
}
}

// The Gemini adapter through Client -> adapter -> HTTP against a loopback
// server speaking the Gemini API's documented bytes.
class TestGeminiAdapter : public AdapterTestCase
{
    Q_OBJECT

private:
    static ChatRequest hello(bool stream = false) { return sayHello(QStringLiteral("gemini/gemini-2.5-flash"), stream); }

    QJsonArray sentContents() const { return sentBody().value(key("contents")).toArray(); }

    void answerWith(const QString &file)
    {
        server->script("POST", generatePath, {ScriptedResponse::json(200, fixture(file))});
    }

    void streamWith(const QByteArray &bytes, int pieceSize = 19, int intervalMs = 2)
    {
        server->script("POST", streamPath, {ScriptedResponse::sseBytes(bytes, pieceSize, intervalMs)});
    }

    void makeClient(const QString &keyVariable)
    {
        startServer(builtinRegistry(), keyVariable, canaryKey, QStringLiteral("GEMINI_BASE_URL"), QStringLiteral("/v1beta"));
    }

private Q_SLOTS:
    void init()
    {
        makeClient(QStringLiteral("GEMINI_API_KEY"));
    }

    void providerEntry()
    {
        const std::optional<ProviderInfo> info = client->provider(QStringLiteral("gemini"));
        QVERIFY(info);
        QCOMPARE(info->family, QStringLiteral("gemini"));
        QCOMPARE(info->defaultBaseUrl, QUrl(QStringLiteral("https://generativelanguage.googleapis.com/v1beta")));
        QCOMPARE(info->allKeyVariables(), (QStringList{QStringLiteral("GEMINI_API_KEY"), QStringLiteral("GOOGLE_API_KEY")}));
        QVERIFY(info->capabilities.testFlag(Capability::Audio));
        QVERIFY(info->capabilities.testFlag(Capability::Embeddings));
        QVERIFY(!info->capabilities.testFlag(Capability::ImageUrls));
    }

    void googleApiKeyIsAccepted()
    {
        makeClient(QStringLiteral("GOOGLE_API_KEY"));
        answerWith(QStringLiteral("gemini/generate-text.json"));
        QVERIFY(client->chatBlocking(hello()));
        QCOMPARE(server->requests().first().header("x-goog-api-key"), canaryKey.toUtf8());
    }

    void textAnswer()
    {
        answerWith(QStringLiteral("gemini/generate-text.json"));
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("Hello there."));
        QCOMPARE(result->id, QStringLiteral("resp1"));
        QCOMPARE(result->model, QStringLiteral("gemini-2.5-flash"));
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(result->usage->promptTokens, 8);
        QCOMPARE(result->usage->completionTokens, 3);
        QCOMPARE(result->usage->totalTokens, 11);

        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.path(), generatePath);
        QCOMPARE(sent.url().query(), QString());
        QCOMPARE(sent.header("x-goog-api-key"), canaryKey.toUtf8());
        QVERIFY(sent.header("authorization").isEmpty());
        QVERIFY(!sent.target.contains(canaryKey.toUtf8()));
        QCOMPARE(sent.json().value(key("contents")).toArray(), QJsonArray{jsonObject(R"({"role":"user","parts":[{"text":"Say hello"}]})")});
    }

    void modelNameIsEncodedInThePath()
    {
        server->script("POST", "/v1beta/models/my%20tuned%3Fmodel:generateContent",
                       {ScriptedResponse::json(200, fixture(QStringLiteral("gemini/generate-text.json")))});
        ChatRequest request = hello();
        request.model = QStringLiteral("gemini/my tuned?model");
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(server->requests().first().target, QByteArray("/v1beta/models/my%20tuned%3Fmodel:generateContent"));
    }

    void textStreamArrivesInPieces()
    {
        streamWith(fixture(QStringLiteral("gemini/stream-text.sse")), 23, 3);
        const RecordedReply reply = record(client->chat(hello(true)));
        QVERIFY2(!reply.error, qPrintable(reply.error ? reply.error->toString() : QString()));
        // Each chunk carries only new text: appended, never taken as the text so far.
        QCOMPARE(reply.deltas, (QStringList{QStringLiteral("Hel"), QStringLiteral("lo"), QStringLiteral(" world!")}));
        QCOMPARE(reply.completion.text(), QStringLiteral("Hello world!"));
        QCOMPARE(reply.completion.choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(reply.completion.usage->completionTokens, 4);
        QCOMPARE(reply.completion.usage->totalTokens, 9);
        QCOMPARE(reply.completion.id, QStringLiteral("s1"));

        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.path(), streamPath);
        QCOMPARE(QUrlQuery(sent.url()).queryItemValue(QStringLiteral("alt")), QStringLiteral("sse"));
        QCOMPARE(sent.header("accept"), QByteArray("text/event-stream"));
        QVERIFY(!sent.json().contains(key("stream")));
    }

    void crlfSeparatedStream()
    {
        QByteArray bytes = fixture(QStringLiteral("gemini/stream-text.sse"));
        bytes.replace("\n", "\r\n");
        streamWith(bytes, 7, 1);
        const RecordedReply reply = record(client->chat(hello(true)));
        QVERIFY2(!reply.error, qPrintable(reply.error ? reply.error->toString() : QString()));
        QCOMPARE(reply.completion.text(), QStringLiteral("Hello world!"));
    }

    void functionCallStream()
    {
        streamWith(fixture(QStringLiteral("gemini/stream-function-call.sse")), 31, 2);
        ChatRequest request = hello(true);
        request.tools = {weatherTool()};
        const RecordedReply reply = record(client->chat(request));
        QVERIFY2(!reply.error, qPrintable(reply.error ? reply.error->toString() : QString()));
        QCOMPARE(reply.toolFragments.size(), 2);
        QCOMPARE(reply.toolFragments.at(0).index, 0);
        QCOMPARE(reply.toolFragments.at(1).index, 1);
        const ChatChoice &choice = reply.completion.choices.first();
        // Gemini says STOP after a functionCall; OpenAI says tool_calls.
        QCOMPARE(choice.finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(choice.message.text(), QStringLiteral("Checking."));
        QCOMPARE(choice.message.toolCalls.size(), 2);
        QCOMPARE(choice.message.toolCalls.at(0).name, QStringLiteral("get_weather"));
        QCOMPARE(choice.message.toolCalls.at(0).arguments, QStringLiteral(R"({"city":"Paris"})"));
        QCOMPARE(choice.message.toolCalls.at(1).arguments, QStringLiteral("{}"));
        // Synthetic ids: unique, and the same in the deltas as in the assembled answer.
        QCOMPARE(choice.message.toolCalls.at(0).id, reply.toolFragments.at(0).id);
        QCOMPARE(choice.message.toolCalls.at(1).id, reply.toolFragments.at(1).id);
        QVERIFY(!choice.message.toolCalls.at(0).id.isEmpty());
        QVERIFY(choice.message.toolCalls.at(0).id != choice.message.toolCalls.at(1).id);
        QCOMPARE(reply.completion.usage->promptTokens, 31);
    }

    void functionCallAnswer()
    {
        answerWith(QStringLiteral("gemini/generate-function-call.json"));
        ChatRequest request = hello();
        request.tools = {weatherTool()};
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        const ChatChoice &choice = result->choices.first();
        QCOMPARE(choice.finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(choice.message.text(), QStringLiteral("Let me check."));
        QCOMPARE(choice.message.toolCalls.size(), 2);
        QCOMPARE(choice.message.toolCalls.at(0).arguments, QStringLiteral(R"({"city":"Paris"})"));
        QCOMPARE(choice.message.toolCalls.at(1).arguments, QStringLiteral("{}"));
        const QSet<QString> ids{choice.message.toolCalls.at(0).id, choice.message.toolCalls.at(1).id};
        QCOMPARE(ids.size(), 2);
        QVERIFY(choice.message.toolCalls.at(0).id.startsWith(QLatin1String("call_")));
        // Usage: completion = candidates + thoughts.
        QCOMPARE(result->usage->promptTokens, 31);
        QCOMPARE(result->usage->completionTokens, 12 + 7);
        QCOMPARE(result->usage->reasoningTokens, 7);
        QCOMPARE(result->usage->totalTokens, 50);

        // The tool declaration went out as functionDeclarations in Gemini's schema subset.
        const QJsonObject body = sentBody();
        const QJsonArray declarations = body.value(key("tools")).toArray().first().toObject().value(key("functionDeclarations")).toArray();
        QCOMPARE(declarations.size(), 1);
        QCOMPARE(declarations.first().toObject(),
                 jsonObject(R"({"name":"get_weather","description":"Weather for a city","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"},"unit":{"type":"STRING","nullable":true,"enum":["C","F"]}},"required":["city"]}})"));
        QVERIFY(!body.contains(key("toolConfig")));
    }

    void toolRoundTrip()
    {
        answerWith(QStringLiteral("gemini/generate-text.json"));
        ChatRequest request = hello();
        Message assistant = Message::assistant(QStringLiteral("Checking both."));
        ToolCall signedCall = toolCall(QStringLiteral("call_abc_0"), QStringLiteral("get_weather"), QStringLiteral(R"({"city":"Paris"})"));
        signedCall.raw.insert(key("thought_signature"), QStringLiteral("CtgBAVSoXO5sig"));
        assistant.toolCalls = {signedCall, toolCall(QStringLiteral("call_abc_1"), QStringLiteral("get_time"), QString())};
        request.messages = {Message::user(QStringLiteral("Weather and time in Paris?")),
                            assistant,
                            Message::toolResult(QStringLiteral("call_abc_0"), QStringLiteral(R"({"temp":21})")),
                            Message::toolResult(QStringLiteral("call_abc_1"), QStringLiteral("14:05")),
                            Message::user(QStringLiteral("Is it sunny?"))};
        request.tools = {weatherTool()};
        QVERIFY(client->chatBlocking(request));

        const QJsonArray contents = sentContents();
        QCOMPARE(contents.size(), 3);
        QCOMPARE(contents.at(1).toObject(),
                 jsonObject(R"({"role":"model","parts":[{"text":"Checking both."},{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"CtgBAVSoXO5sig"},{"functionCall":{"name":"get_time","args":{}}}]})"));
        // Tool results carry the function name found from the tool_call_id, and an object response.
        QCOMPARE(contents.at(2).toObject(),
                 jsonObject(R"({"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temp":21}}},{"functionResponse":{"name":"get_time","response":{"result":"14:05"}}},{"text":"Is it sunny?"}]})"));
    }

    void toolResultForUnknownCallIsRefused()
    {
        answerWith(QStringLiteral("gemini/generate-text.json"));
        ChatRequest request = hello();
        request.messages.append(Message::toolResult(QStringLiteral("call_nowhere"), QStringLiteral("x")));
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::BadRequest);
        QVERIFY(result.error().message.contains(QLatin1String("call_nowhere")));
        QCOMPARE(server->requests().size(), 0);
    }

    void invalidToolArgumentsAreRefused()
    {
        answerWith(QStringLiteral("gemini/generate-text.json"));
        ChatRequest request = hello();
        Message assistant = Message::assistant(QString());
        assistant.toolCalls = {toolCall(QStringLiteral("call_1"), QStringLiteral("get_weather"), QStringLiteral("{city:"))};
        request.messages = {Message::user(QStringLiteral("Weather?")), assistant, Message::toolResult(QStringLiteral("call_1"), QStringLiteral("sun"))};
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::BadRequest);
        QCOMPARE(result.error().provider, QStringLiteral("gemini"));
        QCOMPARE(server->requests().size(), 0);
    }

    void imagePartsArriveIntact()
    {
        answerWith(QStringLiteral("gemini/generate-text.json"));
        const QByteArray jpeg = QByteArray::fromHex("ffd8ffe000104a464946") + QByteArray(500, '\x00') + QByteArray::fromHex("ffd9");
        ChatRequest request = hello();
        // An image elsewhere on the web is fetched and sent inline; a Files API
        // URI is Gemini's own reference and travels as fileData.
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452") + QByteArray(80, '\x44');
        ScriptedResponse remote;
        remote.headers = {{"Content-Type", "image/png"}};
        remote.pieces = {png};
        server->script("GET", "/elsewhere/dog.png", {remote});
        request.messages = {Message::user({ContentPart::fromText(QStringLiteral("What is in these?")),
                                           ContentPart::fromImageData(jpeg, QStringLiteral("image/jpeg")),
                                           ContentPart::fromImageUrl(QUrl(QStringLiteral("https://generativelanguage.googleapis.com/v1beta/files/abc.png"))),
                                           ContentPart::fromImageUrl(server->url(QStringLiteral("/elsewhere/dog.png")))})};
        QVERIFY(client->chatBlocking(request));
        const QJsonArray parts = sentContents().first().toObject().value(key("parts")).toArray();
        QCOMPARE(parts.size(), 4);
        const QJsonObject fetched = parts.at(3).toObject().value(key("inlineData")).toObject();
        QCOMPARE(fetched.value(key("mimeType")).toString(), QStringLiteral("image/png"));
        QCOMPARE(QByteArray::fromBase64(fetched.value(key("data")).toString().toLatin1()), png);
        const QJsonObject inlineData = parts.at(1).toObject().value(key("inlineData")).toObject();
        QCOMPARE(inlineData.value(key("mimeType")).toString(), QStringLiteral("image/jpeg"));
        QCOMPARE(QByteArray::fromBase64(inlineData.value(key("data")).toString().toLatin1()), jpeg);
        const QJsonObject reference{{key("fileUri"), key("https://generativelanguage.googleapis.com/v1beta/files/abc.png")},
                                    {key("mimeType"), key("image/png")}};
        QCOMPARE(parts.at(2).toObject(), QJsonObject({{key("fileData"), reference}}));
    }

    void audioPartArrivesIntact()
    {
        answerWith(QStringLiteral("gemini/generate-text.json"));
        const QByteArray wav = QByteArray("RIFF") + QByteArray::fromHex("24080000") + QByteArray("WAVEfmt ") + QByteArray(256, '\x02');
        const QByteArray mp3 = QByteArray("ID3") + QByteArray(128, '\x05');
        ChatRequest request = hello();
        request.messages = {Message::user({ContentPart::fromText(QStringLiteral("Transcribe")), ContentPart::fromAudio(wav, QStringLiteral("wav")),
                                           ContentPart::fromAudio(mp3, QStringLiteral("mp3"))})};
        QVERIFY(client->chatBlocking(request));
        const QJsonArray parts = sentContents().first().toObject().value(key("parts")).toArray();
        QCOMPARE(parts.size(), 3);
        const QJsonObject first = parts.at(1).toObject().value(key("inlineData")).toObject();
        QCOMPARE(first.value(key("mimeType")).toString(), QStringLiteral("audio/wav"));
        QCOMPARE(QByteArray::fromBase64(first.value(key("data")).toString().toLatin1()), wav);
        const QJsonObject second = parts.at(2).toObject().value(key("inlineData")).toObject();
        QCOMPARE(second.value(key("mimeType")).toString(), QStringLiteral("audio/mp3"));
        QCOMPARE(QByteArray::fromBase64(second.value(key("data")).toString().toLatin1()), mp3);
    }

    void jsonMode()
    {
        answerWith(QStringLiteral("gemini/generate-text.json"));
        ChatRequest request = hello();
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonObject;
        request.responseFormat = format;
        QVERIFY(client->chatBlocking(request));
        QCOMPARE(sentBody().value(key("generationConfig")).toObject(), jsonObject(R"({"responseMimeType":"application/json"})"));

        format.type = ResponseFormat::Type::JsonSchema;
        format.schemaName = QStringLiteral("city");
        format.schema = QJsonDocument::fromJson(fixture(QStringLiteral("gemini/json-schema-city.json"))).object();
        request.responseFormat = format;
        QVERIFY(client->chatBlocking(request));
        const QJsonObject config = sentBody().value(key("generationConfig")).toObject();
        QCOMPARE(config.value(key("responseMimeType")).toString(), QStringLiteral("application/json"));
        QCOMPARE(config.value(key("responseSchema")).toObject(),
                 jsonObject(R"({"type":"OBJECT","properties":{"name":{"type":"STRING"},"tags":{"type":"ARRAY","items":{"type":"STRING","enum":["x"]}}},"required":["name"]})"));
        QVERIFY(!sentBody().contains(key("response_format")));
    }

    void systemPromptPlacement()
    {
        answerWith(QStringLiteral("gemini/generate-text.json"));
        ChatRequest request = hello();
        Message developer = Message::system(QStringLiteral("Answer in French."));
        developer.role = Message::Role::Developer;
        request.messages = {Message::system(QStringLiteral("Be brief.")), developer, Message::user(QStringLiteral("Hello")),
                            Message::assistant(QStringLiteral("Bonjour")), Message::user(QStringLiteral("Again"))};
        QVERIFY(client->chatBlocking(request));
        const QJsonObject body = sentBody();
        QCOMPARE(body.value(key("systemInstruction")).toObject(), jsonObject(R"({"parts":[{"text":"Be brief."},{"text":"Answer in French."}]})"));
        QStringList roles;
        for (const QJsonValue &content : body.value(key("contents")).toArray())
            roles.append(content.toObject().value(key("role")).toString());
        QCOMPARE(roles, (QStringList{QStringLiteral("user"), QStringLiteral("model"), QStringLiteral("user")}));
    }

    void consecutiveRolesMerge()
    {
        answerWith(QStringLiteral("gemini/generate-text.json"));
        ChatRequest request = hello();
        request.messages = {Message::user(QStringLiteral("First.")), Message::user(QStringLiteral("Second.")),
                            Message::assistant(QStringLiteral("One")), Message::assistant(QStringLiteral("Two")),
                            Message::user(QStringLiteral("Third."))};
        QVERIFY(client->chatBlocking(request));
        const QJsonArray contents = sentContents();
        QCOMPARE(contents.size(), 3);
        QCOMPARE(contents.at(0).toObject(), jsonObject(R"({"role":"user","parts":[{"text":"First."},{"text":"Second."}]})"));
        QCOMPARE(contents.at(1).toObject(), jsonObject(R"({"role":"model","parts":[{"text":"One"},{"text":"Two"}]})"));
    }

    void generationConfigAndToolConfig()
    {
        answerWith(QStringLiteral("gemini/generate-text.json"));
        ChatRequest request = hello();
        request.temperature = 1.5;
        request.topP = 0.8;
        request.maxTokens = 256;
        request.stop = {QStringLiteral("END")};
        request.n = 2;
        request.seed = 7;
        request.extra.insert(key("top_k"), 32);
        request.tools = {weatherTool()};
        request.toolChoice = QStringLiteral("required");
        QVERIFY(client->chatBlocking(request));
        QJsonObject body = sentBody();
        QCOMPARE(body.value(key("generationConfig")).toObject(),
                 jsonObject(R"({"temperature":1.5,"topP":0.8,"maxOutputTokens":256,"stopSequences":["END"],"candidateCount":2,"seed":7,"topK":32})"));
        QCOMPARE(body.value(key("toolConfig")).toObject(), jsonObject(R"({"functionCallingConfig":{"mode":"ANY"}})"));

        request.toolChoice = QJsonObject{{key("type"), key("function")}, {key("function"), QJsonObject{{key("name"), key("get_weather")}}}};
        QVERIFY(client->chatBlocking(request));
        QCOMPARE(sentBody().value(key("toolConfig")).toObject(),
                 jsonObject(R"({"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}})"));
        request.toolChoice = QStringLiteral("none");
        QVERIFY(client->chatBlocking(request));
        QCOMPARE(sentBody().value(key("toolConfig")).toObject(), jsonObject(R"({"functionCallingConfig":{"mode":"NONE"}})"));
        request.toolChoice = QStringLiteral("auto");
        QVERIFY(client->chatBlocking(request));
        QCOMPARE(sentBody().value(key("toolConfig")).toObject(), jsonObject(R"({"functionCallingConfig":{"mode":"AUTO"}})"));

        const int sent = server->requests().size();
        request.stop = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e"), QStringLiteral("f")};
        const Expected<ChatCompletion> tooMany = client->chatBlocking(request);
        QVERIFY(!tooMany);
        QCOMPARE(tooMany.error().kind, Error::Kind::BadRequest);
        QCOMPARE(server->requests().size(), sent);
    }

    // Tool parameters go out in Gemini's OpenAPI subset: upper-case types,
    // references resolved, null alternatives as "nullable", unions as anyOf,
    // enums of strings only, and what the subset lacks left out.
    void toolSchemaTranslation()
    {
        answerWith(QStringLiteral("gemini/generate-text.json"));
        ChatRequest request = hello();
        Tool tool = weatherTool();
        tool.parameters = QJsonDocument::fromJson(fixture(QStringLiteral("gemini/tool-schema.json"))).object();
        Tool recursive;
        recursive.name = QStringLiteral("walk_tree");
        recursive.parameters = QJsonDocument::fromJson(fixture(QStringLiteral("gemini/tool-schema-recursive.json"))).object();
        request.tools = {tool, recursive};
        QVERIFY(client->chatBlocking(request));
        const QJsonArray declarations =
            sentBody().value(key("tools")).toArray().first().toObject().value(key("functionDeclarations")).toArray();
        QCOMPARE(declarations.size(), 2);
        QCOMPARE(declarations.at(0).toObject().value(key("parameters")).toObject(),
                 QJsonDocument::fromJson(fixture(QStringLiteral("gemini/tool-schema-expected.json"))).object());

        // A recursive reference cannot be expressed: it ends in a plain object after a bounded depth.
        QJsonObject node = declarations.at(1).toObject().value(key("parameters")).toObject();
        int depth = 0;
        while (node.contains(key("properties"))) {
            node = node.value(key("properties")).toObject().value(key("child")).toObject();
            ++depth;
        }
        QCOMPARE(node, (QJsonObject{{key("type"), key("OBJECT")}}));
        QVERIFY2(depth > 10 && depth <= 33, qPrintable(QString::number(depth)));
    }

    void multipleCandidates()
    {
        server->script("POST", generatePath,
                       {ScriptedResponse::json(200, QByteArray(R"({"candidates":[{"content":{"role":"model","parts":[{"text":"A"}]},"finishReason":"STOP","index":0},{"content":{"role":"model","parts":[{"text":"B"}]},"finishReason":"MAX_TOKENS","index":1}],"responseId":"two"})"))});
        ChatRequest request = hello();
        request.n = 2;
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(result);
        QCOMPARE(result->choices.size(), 2);
        QCOMPARE(result->choices.at(1).index, 1);
        QCOMPARE(result->choices.at(1).message.text(), QStringLiteral("B"));
        QCOMPARE(result->choices.at(1).finishReason, QStringLiteral("length"));
    }

    void thoughtsAreReasoning()
    {
        answerWith(QStringLiteral("gemini/generate-thinking.json"));
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(result);
        QCOMPARE(result->text(), QStringLiteral("Hi!"));
        QCOMPARE(result->choices.first().message.reasoningContent, QStringLiteral("Greeting requested."));
        QCOMPARE(result->usage->cachedTokens, 3);
        QCOMPARE(result->usage->completionTokens, 12);

        // The text part's thought signature goes back with the text on the next turn.
        ChatRequest next = hello();
        next.messages.append(Message::fromJson(result->choices.first().message.toJson()));
        next.messages.append(Message::user(QStringLiteral("Again?")));
        QVERIFY(client->chatBlocking(next));
        QCOMPARE(sentContents().at(1).toObject(), jsonObject(R"({"role":"model","parts":[{"text":"Hi!","thoughtSignature":"CiQBVKhc7hisig"}]})"));
    }

    void streamedThoughtSignaturesGoBack()
    {
        streamWith(fixture(QStringLiteral("gemini/stream-thinking.sse")), 13, 1);
        ChatRequest request = hello(true);
        request.tools = {weatherTool()};
        const RecordedReply streamed = record(client->chat(request));
        QVERIFY2(!streamed.error, qPrintable(streamed.error ? streamed.error->toString() : QString()));
        const Message message = streamed.completion.choices.first().message;
        QCOMPARE(message.reasoningContent, QStringLiteral("The user wants the weather."));
        QCOMPARE(message.toolCalls.size(), 1);
        QCOMPARE(message.toolCalls.first().raw.value(key("thought_signature")).toString(), QStringLiteral("CtgBAVSoXO5fcsig"));

        server->clear();
        answerWith(QStringLiteral("gemini/generate-text.json"));
        ChatRequest next = request;
        next.stream = false;
        next.messages.append(Message::fromJson(message.toJson()));
        next.messages.append(Message::toolResult(message.toolCalls.first().id, QStringLiteral(R"({"temp":21})")));
        QVERIFY(client->chatBlocking(next));
        // The call keeps its signature; the closing empty part's signature rides on the text part.
        QCOMPARE(sentContents().at(1).toObject(),
                 jsonObject(R"({"role":"model","parts":[{"text":"","thoughtSignature":"EhQKEgoQtextsig"},{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"CtgBAVSoXO5fcsig"}]})"));
    }

    void blockedPromptIsContentFilter()
    {
        answerWith(QStringLiteral("gemini/generate-blocked.json"));
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::ContentFilter);
        QCOMPARE(result.error().code, QStringLiteral("SAFETY"));
        QCOMPARE(result.error().httpStatus, 200);
        QCOMPARE(result.error().provider, QStringLiteral("gemini"));

        streamWith(fixture(QStringLiteral("gemini/stream-blocked.sse")));
        const RecordedReply streamed = record(client->chat(hello(true)));
        QVERIFY(streamed.error);
        QCOMPARE(streamed.error->kind, Error::Kind::ContentFilter);
        QCOMPARE(streamed.error->code, QStringLiteral("PROHIBITED_CONTENT"));
    }

    void safetyStopIsContentFilterFinish()
    {
        answerWith(QStringLiteral("gemini/generate-safety.json"));
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(result);
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("content_filter"));
        QCOMPARE(result->text(), QString());
    }

    void malformedFunctionCallIsFlagged()
    {
        answerWith(QStringLiteral("gemini/generate-malformed-call.json"));
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(result);
        const ChatChoice &choice = result->choices.first();
        QCOMPARE(choice.finishReason, QStringLiteral("stop"));
        QCOMPARE(choice.raw.value(key("native_finish_reason")).toString(), QStringLiteral("MALFORMED_FUNCTION_CALL"));
        QVERIFY(choice.raw.value(key("error")).toObject().value(key("message")).toString().startsWith(QLatin1String("Malformed function call")));
    }

    void httpErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("file");
        QTest::addColumn<Error::Kind>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<qint64>("retryMs");
        QTest::newRow("400 bad key") << 400 << "gemini/error-400-key.json" << Error::Kind::Authentication << "API_KEY_INVALID" << qint64(7000);
        QTest::newRow("401") << 401 << "gemini/error-401.json" << Error::Kind::Authentication << "UNAUTHENTICATED" << qint64(7000);
        QTest::newRow("400") << 400 << "gemini/error-400.json" << Error::Kind::BadRequest << "INVALID_ARGUMENT" << qint64(7000);
        QTest::newRow("403") << 403 << "gemini/error-403.json" << Error::Kind::Permission << "PERMISSION_DENIED" << qint64(7000);
        QTest::newRow("404") << 404 << "gemini/error-404.json" << Error::Kind::NotFound << "NOT_FOUND" << qint64(7000);
        // RetryInfo in the body is more precise than the header.
        QTest::newRow("429") << 429 << "gemini/error-429.json" << Error::Kind::RateLimit << "RESOURCE_EXHAUSTED" << qint64(13000);
        QTest::newRow("429 retry-after") << 429 << "gemini/error-429-plain.json" << Error::Kind::RateLimit << "RESOURCE_EXHAUSTED" << qint64(7000);
        QTest::newRow("500") << 500 << "gemini/error-500.json" << Error::Kind::Server << "INTERNAL" << qint64(7000);
        QTest::newRow("503") << 503 << "gemini/error-503.json" << Error::Kind::Overloaded << "UNAVAILABLE" << qint64(7000);
        QTest::newRow("504") << 504 << "gemini/error-504.json" << Error::Kind::Timeout << "DEADLINE_EXCEEDED" << qint64(7000);
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QString, file);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, code);
        QFETCH(qint64, retryMs);
        server->script("POST", generatePath, {ScriptedResponse::json(status, fixture(file), {{"retry-after", "7"}})});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        const Error &error = result.error();
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.code, code);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.provider, QStringLiteral("gemini"));
        QCOMPARE(error.model, QStringLiteral("gemini-2.5-flash"));
        const QString expected = QJsonDocument::fromJson(fixture(file)).object().value(key("error")).toObject().value(key("message")).toString();
        QCOMPARE(error.message, expected);
        QCOMPARE(error.retryAfter, std::chrono::milliseconds(retryMs));
        QVERIFY(!error.toString().contains(canaryKey));
    }

    void errorInsideStream()
    {
        streamWith(fixture(QStringLiteral("gemini/stream-error.sse")));
        const RecordedReply reply = record(client->chat(hello(true)));
        QVERIFY(reply.error);
        QCOMPARE(reply.error->kind, Error::Kind::Overloaded);
        QCOMPARE(reply.error->message, QStringLiteral("The model is overloaded. Please try again later."));
        QCOMPARE(reply.error->partialText, QStringLiteral("Partial"));
    }

    void droppedStreamIsInterrupted()
    {
        const QByteArray all = fixture(QStringLiteral("gemini/stream-text.sse"));
        ScriptedResponse response = ScriptedResponse::sseBytes(all.left(all.indexOf("\n\n", all.indexOf("\"lo\"")) + 2), 40, 2);
        response.cut = true;
        server->script("POST", streamPath, {response});
        const RecordedReply reply = record(client->chat(hello(true)));
        QVERIFY(reply.error);
        QCOMPARE(reply.error->kind, Error::Kind::StreamInterrupted);
        QCOMPARE(reply.error->partialText, QStringLiteral("Hello"));
    }

    // Gemini sends no [DONE]: a stream that closes normally before any
    // finishReason was still cut short.
    void cleanEndWithoutFinishReasonIsInterrupted()
    {
        const QByteArray all = fixture(QStringLiteral("gemini/stream-text.sse"));
        server->script("POST", streamPath, {ScriptedResponse::sse({all.left(all.indexOf("\n\n", all.indexOf("\"lo\"")) + 2)}, 2)});
        const RecordedReply reply = record(client->chat(hello(true)));
        QVERIFY(reply.error);
        QCOMPARE(reply.error->kind, Error::Kind::StreamInterrupted);
        QCOMPARE(reply.error->partialText, QStringLiteral("Hello"));
    }

    void embeddingsSingle()
    {
        server->script("POST", "/v1beta/models/gemini-embedding-001:embedContent",
                       {ScriptedResponse::json(200, fixture(QStringLiteral("gemini/embed-single.json")))});
        EmbeddingRequest request;
        request.model = QStringLiteral("gemini/gemini-embedding-001");
        request.input = {QStringLiteral("hello")};
        request.inputType = QStringLiteral("query");
        request.dimensions = 768;
        const Expected<EmbeddingResponse> result = client->embedBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->data.size(), 1);
        QCOMPARE(result->data.first().vector, (QList<float>{0.01f, -0.02f, 0.5f}));
        QCOMPARE(result->provider, QStringLiteral("gemini"));
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.header("x-goog-api-key"), canaryKey.toUtf8());
        QCOMPARE(sent.json(), jsonObject(R"({"content":{"parts":[{"text":"hello"}]},"taskType":"RETRIEVAL_QUERY","outputDimensionality":768})"));
    }

    void embeddingsBatchKeepOrder()
    {
        server->script("POST", "/v1beta/models/gemini-embedding-001:batchEmbedContents",
                       {ScriptedResponse::json(200, fixture(QStringLiteral("gemini/embed-batch.json")))});
        EmbeddingRequest request;
        request.model = QStringLiteral("gemini/gemini-embedding-001");
        request.input = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        request.inputType = QStringLiteral("RETRIEVAL_DOCUMENT");
        const Expected<EmbeddingResponse> result = client->embedBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->data.size(), 3);
        QCOMPARE(result->data.at(1).index, 1);
        QCOMPARE(result->data.at(1).vector, (QList<float>{-1.5f, 0.125f}));
        const QJsonArray items = server->requests().first().json().value(key("requests")).toArray();
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(2).toObject(),
                 jsonObject(R"({"model":"models/gemini-embedding-001","content":{"parts":[{"text":"c"}]},"taskType":"RETRIEVAL_DOCUMENT"})"));

        request.inputType = QStringLiteral("sideways");
        const Expected<EmbeddingResponse> unknown = client->embedBlocking(request);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, Error::Kind::BadRequest);
    }

    void modelsListing()
    {
        server->script("GET", "/v1beta/models", {ScriptedResponse::json(200, fixture(QStringLiteral("gemini/models.json")))});
        const Expected<ModelList> models = client->listModelsBlocking(QStringLiteral("gemini"));
        QVERIFY2(models, qPrintable(models ? QString() : models.error().toString()));
        QCOMPARE(models->size(), 2);
        QCOMPARE(models->at(0).id, QStringLiteral("gemini-2.5-flash"));
        QCOMPARE(models->at(1).id, QStringLiteral("gemini-embedding-001"));
        QCOMPARE(models->at(0).raw.value(key("outputTokenLimit")).toInt(), 65536);
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.method, QByteArray("GET"));
        QCOMPARE(sent.header("x-goog-api-key"), canaryKey.toUtf8());
        QCOMPARE(QUrlQuery(sent.url()).queryItemValue(QStringLiteral("pageSize")), QStringLiteral("1000"));
    }

    void modelsListingFollowsEveryPage()
    {
        server->script("GET", "/v1beta/models", {ScriptedResponse::json(200, fixture(QStringLiteral("gemini/models-page1.json"))),
                                                 ScriptedResponse::json(200, fixture(QStringLiteral("gemini/models-page2.json"))),
                                                 ScriptedResponse::json(200, fixture(QStringLiteral("gemini/models-page3.json")))});
        const Expected<ModelList> models = client->listModelsBlocking(QStringLiteral("gemini"));
        QVERIFY2(models, qPrintable(models ? QString() : models.error().toString()));
        QCOMPARE(models->size(), 3);
        QCOMPARE(models->at(0).id, QStringLiteral("gemini-2.5-pro"));
        QCOMPARE(models->at(2).id, QStringLiteral("gemini-embedding-001"));
        QCOMPARE(server->requests().size(), 3);
        QVERIFY(!QUrlQuery(server->requests().at(0).url()).hasQueryItem(QStringLiteral("pageToken")));
        QCOMPARE(QUrlQuery(server->requests().at(1).url()).queryItemValue(QStringLiteral("pageToken")),
                 QStringLiteral("Cg9nZW1pbmktMi41LXBybw=="));
        QCOMPARE(QUrlQuery(server->requests().at(2).url()).queryItemValue(QStringLiteral("pageToken")),
                 QStringLiteral("Cg9nZW1pbmktMi41LWZsYXNo"));
    }
};

QTEST_GUILESS_MAIN(TestGeminiAdapter)
#include "tst_geminiadapter.moc"
