#include "eventstreamwriter.h"
#include "sigv4check.h"

#include <chattesthelpers.h>
#include <replyrecorder.h>

#include <muxi/providers/bedrockadapter.h>
#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>
#include <processrunner.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString accessKey = QStringLiteral("AKIDCANARYBEDROCK");
const QString secretKey = QStringLiteral("canary-bedrock-secret-123456");
const QString region = QStringLiteral("us-west-2");
const QString model = QStringLiteral("anthropic.claude-3-5-sonnet-20240620-v1:0");
const QByteArray conversePath = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse";
const QByteArray streamPath = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream";

AwsCredentials canaryCredentials(const QString &token = {})
{
    AwsCredentials credentials;
    credentials.accessKeyId = accessKey;
    credentials.secretAccessKey = secretKey;
    credentials.sessionToken = token;
    return credentials;
}

// An application/vnd.amazon.eventstream body in HTTP chunks of `pieceSize`,
// cutting through frames. Written in one go: FakeHttpServer's timed pieces at
// 1 ms end streams early under QNetworkAccessManager (the OpenAI adapter's
// stream test fails the same way with 3-byte pieces), so splits at every byte
// are covered by tst_eventstreamdecoder instead.
ScriptedResponse eventStream(const QByteArray &bytes, int pieceSize, bool cut = false)
{
    ScriptedResponse response;
    response.headers = {{"Content-Type", "application/vnd.amazon.eventstream"}, {"x-amzn-RequestId", "req-stream-1"}};
    for (qsizetype at = 0; at < bytes.size(); at += pieceSize)
        response.pieces.append(bytes.mid(at, pieceSize));
    response.chunked = true;
    response.cut = cut;
    return response;
}

QJsonArray array(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toArray();
}
}

// Bedrock Converse and ConverseStream against a loopback server speaking
// Bedrock's documented JSON and event-stream bytes, every request's SigV4
// signature recomputed from what the server received.
class TestBedrockAdapter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<QTemporaryDir> home;
    QProcessEnvironment env;

    std::unique_ptr<Client> makeClient() { return clientWithoutRetries(builtinRegistry(), env); }

    ChatRequest hello(bool stream = false)
    {
        ChatRequest request;
        request.model = QLatin1String("bedrock/") + model;
        request.messages = {Message::system(QStringLiteral("Be brief.")), Message::user(QStringLiteral("Say hello"))};
        request.maxTokens = 64;
        request.temperature = 0.5;
        request.stream = stream;
        return request;
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        home = std::make_unique<QTemporaryDir>();
        env = QProcessEnvironment();
        env.insert(QStringLiteral("HOME"), home->path());
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), accessKey);
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secretKey);
        env.insert(QStringLiteral("AWS_REGION"), region);
        env.insert(QStringLiteral("BEDROCK_BASE_URL"), server->url().toString());
    }

    void converseSignedAndTranslated()
    {
        server->script("POST", conversePath,
                       {ScriptedResponse::json(200, fixture(QStringLiteral("bedrock/converse-text.json")), {{"x-amzn-RequestId", "req-123"}})});
        auto client = makeClient();
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("Hello! How can I help?"));
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(result->id, QStringLiteral("bedrock-req-123"));
        QCOMPARE(result->usage->promptTokens, 12);
        QCOMPARE(result->usage->completionTokens, 7);
        QCOMPARE(result->usage->totalTokens, 19);

        QCOMPARE(server->count(conversePath), 1);
        const RecordedRequest sent = server->requests().first();
        // The colon of the model id travels as %3A, and the signature covers that path.
        QCOMPARE(sent.path(), conversePath);
        const QString mismatch = sigV4Mismatch(sent, canaryCredentials(), region, QStringLiteral("bedrock"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QVERIFY(sent.header("x-amz-security-token").isEmpty());
        QCOMPARE(sent.header("content-type"), QByteArray("application/json"));
        QVERIFY(!sent.body.contains(secretKey.toUtf8()));

        const QJsonObject body = sent.json();
        QCOMPARE(array(body, "system"), QJsonArray({QJsonObject{{QLatin1String("text"), QLatin1String("Be brief.")}}}));
        const QJsonArray messages = array(body, "messages");
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().toObject().value(QLatin1String("role")).toString(), QStringLiteral("user"));
        QCOMPARE(array(messages.first().toObject(), "content").first().toObject().value(QLatin1String("text")).toString(), QStringLiteral("Say hello"));
        const QJsonObject inference = body.value(QLatin1String("inferenceConfig")).toObject();
        QCOMPARE(inference.value(QLatin1String("maxTokens")).toInt(), 64);
        QCOMPARE(inference.value(QLatin1String("temperature")).toDouble(), 0.5);
        QVERIFY(!body.contains(QLatin1String("toolConfig")));
        QVERIFY(!body.contains(QLatin1String("model")));
    }

    void inferenceProfileAndSessionToken()
    {
        env.insert(QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("canary-bedrock-token-123456"));
        const QByteArray path = "/model/us.anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse";
        server->script("POST", path, {ScriptedResponse::json(200, fixture(QStringLiteral("bedrock/converse-text.json")))});
        auto client = makeClient();
        ChatRequest request = hello();
        request.model = QStringLiteral("bedrock/us.anthropic.claude-3-5-sonnet-20240620-v1:0");
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.path(), path);
        QCOMPARE(sent.header("x-amz-security-token"), QByteArray("canary-bedrock-token-123456"));
        QVERIFY(sent.header("authorization").contains(";x-amz-security-token, "));
        const QString mismatch = sigV4Mismatch(sent, canaryCredentials(QStringLiteral("canary-bedrock-token-123456")), region, QStringLiteral("bedrock"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void toolUseResponse()
    {
        server->script("POST", conversePath, {ScriptedResponse::json(200, fixture(QStringLiteral("bedrock/converse-tool-use.json")))});
        auto client = makeClient();
        ChatRequest request = hello();
        Tool tool;
        tool.name = QStringLiteral("get_weather");
        tool.description = QStringLiteral("Weather for a city");
        tool.parameters = QJsonObject{{QLatin1String("type"), QLatin1String("object")},
                                      {QLatin1String("properties"), QJsonObject{{QLatin1String("city"), QJsonObject{{QLatin1String("type"), QLatin1String("string")}}}}}};
        request.tools = {tool};
        request.toolChoice = QStringLiteral("required");
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        const ChatChoice &choice = result->choices.first();
        QCOMPARE(choice.finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(choice.message.text(), QStringLiteral("Checking the weather."));
        QCOMPARE(choice.message.toolCalls.size(), 2);
        QCOMPARE(choice.message.toolCalls.at(0).id, QStringLiteral("tooluse_1"));
        QCOMPARE(choice.message.toolCalls.at(0).arguments, QStringLiteral(R"({"city":"Paris"})"));
        QCOMPARE(choice.message.toolCalls.at(1).arguments, QStringLiteral("{}"));
        // Cache reads count as prompt tokens, as OpenAI counts cached tokens.
        QCOMPARE(result->usage->promptTokens, 130);
        QCOMPARE(result->usage->cachedTokens, 100);

        const QJsonObject config = server->requests().first().json().value(QLatin1String("toolConfig")).toObject();
        const QJsonObject spec = array(config, "tools").first().toObject().value(QLatin1String("toolSpec")).toObject();
        QCOMPARE(spec.value(QLatin1String("name")).toString(), QStringLiteral("get_weather"));
        QCOMPARE(spec.value(QLatin1String("description")).toString(), QStringLiteral("Weather for a city"));
        QCOMPARE(spec.value(QLatin1String("inputSchema")).toObject().value(QLatin1String("json")).toObject(), tool.parameters);
        QCOMPARE(config.value(QLatin1String("toolChoice")).toObject(), (QJsonObject{{QLatin1String("any"), QJsonObject()}}));
    }

    void conversationTranslation()
    {
        ChatRequest request;
        request.messages.append(Message::system(QStringLiteral("Rule one.")));
        request.messages.append(Message::user(QStringLiteral("Weather and time in Paris?")));
        Message developer = Message::system(QStringLiteral("Rule two."));
        developer.role = Message::Role::Developer;
        request.messages.append(developer);
        Message assistant = Message::assistant(QString());
        assistant.form = Message::ContentForm::Null;
        assistant.content.clear();
        assistant.toolCalls = {ToolCall{QStringLiteral("tu_1"), QStringLiteral("get_weather"), QStringLiteral(R"({"city":"Paris"})"), 0, {}},
                               ToolCall{QStringLiteral("tu_2"), QStringLiteral("get_time"), QString(), 1, {}}};
        request.messages.append(assistant);
        request.messages.append(Message::toolResult(QStringLiteral("tu_1"), QStringLiteral("18C")));
        request.messages.append(Message::toolResult(QStringLiteral("tu_2"), QStringLiteral("noon")));
        request.messages.append(Message::user({ContentPart::fromText(QStringLiteral("And this?")),
                                               ContentPart::fromImageData(QByteArray("\x89PNG", 4), QStringLiteral("image/png"))}));
        request.stop = {QStringLiteral("END")};
        request.topP = 0.9;

        const Expected<QJsonObject> body = BedrockAdapter::converseBody(request);
        QVERIFY2(body, qPrintable(body ? QString() : body.error().message));
        QCOMPARE(array(*body, "system").size(), 2);
        const QJsonArray messages = array(*body, "messages");
        // user, assistant (two toolUse), user (two toolResult first, then text and image).
        QCOMPARE(messages.size(), 3);
        const QJsonArray uses = array(messages.at(1).toObject(), "content");
        QCOMPARE(uses.size(), 2);
        QCOMPARE(uses.at(0).toObject().value(QLatin1String("toolUse")).toObject().value(QLatin1String("input")).toObject(),
                 (QJsonObject{{QLatin1String("city"), QLatin1String("Paris")}}));
        QCOMPARE(uses.at(1).toObject().value(QLatin1String("toolUse")).toObject().value(QLatin1String("input")).toObject(), QJsonObject());
        const QJsonArray last = array(messages.at(2).toObject(), "content");
        QCOMPARE(last.size(), 4);
        QCOMPARE(last.at(0).toObject().value(QLatin1String("toolResult")).toObject().value(QLatin1String("toolUseId")).toString(), QStringLiteral("tu_1"));
        QCOMPARE(last.at(1).toObject().value(QLatin1String("toolResult")).toObject().value(QLatin1String("content")).toArray().first().toObject()
                     .value(QLatin1String("text")).toString(),
                 QStringLiteral("noon"));
        QCOMPARE(last.at(2).toObject().value(QLatin1String("text")).toString(), QStringLiteral("And this?"));
        const QJsonObject image = last.at(3).toObject().value(QLatin1String("image")).toObject();
        QCOMPARE(image.value(QLatin1String("format")).toString(), QStringLiteral("png"));
        QCOMPARE(image.value(QLatin1String("source")).toObject().value(QLatin1String("bytes")).toString(), QStringLiteral("iVBORw=="));
        // Tool use in the history needs a toolConfig even when no tools are offered now.
        const QJsonArray tools = array(body->value(QLatin1String("toolConfig")).toObject(), "tools");
        QCOMPARE(tools.size(), 2);
        QCOMPARE(body->value(QLatin1String("inferenceConfig")).toObject().value(QLatin1String("stopSequences")).toArray(),
                 QJsonArray({QLatin1String("END")}));
    }

    void documentsAndImagesTravelAsBytes()
    {
        auto file = [](const QByteArray &bytes, const QString &mimeType, const QString &filename) {
            ContentPart part;
            part.type = ContentPart::Type::File;
            part.data = bytes;
            part.mimeType = mimeType;
            part.filename = filename;
            return part;
        };
        ContentPart refusal;
        refusal.type = ContentPart::Type::Refusal;
        refusal.text = QStringLiteral("not sent");
        ChatRequest request;
        request.messages = {Message::user({ContentPart::fromText(QStringLiteral("Summarise")), ContentPart::fromText(QStringLiteral("  ")),
                                           file("%PDF-1.7", QStringLiteral("application/pdf"), QStringLiteral("Q3 report.final.pdf")),
                                           // The type comes from the name when the MIME type is generic.
                                           file("# notes", QStringLiteral("application/octet-stream"), QStringLiteral("notes_\u00fcber.md")),
                                           file("a,b", QStringLiteral("TEXT/CSV"), QString()),
                                           ContentPart::fromImageData(QByteArray("\xff\xd8\xff", 3), QStringLiteral("image/jpg")),
                                           ContentPart::fromImageData(QByteArray("RIFF", 4), QStringLiteral("image/webp")), refusal})};
        const Expected<QJsonObject> body = BedrockAdapter::converseBody(request);
        QVERIFY2(body, qPrintable(body ? QString() : body.error().message));
        const QJsonArray blocks = array(array(*body, "messages").first().toObject(), "content");
        // The blank text and the refusal are not sent: Converse rejects blank blocks.
        QCOMPARE(blocks.size(), 6);
        const QJsonObject pdf = blocks.at(1).toObject().value(QLatin1String("document")).toObject();
        QCOMPARE(pdf.value(QLatin1String("format")).toString(), QStringLiteral("pdf"));
        // Document names allow letters, digits, spaces, hyphens and brackets only.
        QCOMPARE(pdf.value(QLatin1String("name")).toString(), QStringLiteral("Q3 report"));
        QCOMPARE(pdf.value(QLatin1String("source")).toObject().value(QLatin1String("bytes")).toString(), QString::fromLatin1(QByteArray("%PDF-1.7").toBase64()));
        const QJsonObject markdown = blocks.at(2).toObject().value(QLatin1String("document")).toObject();
        QCOMPARE(markdown.value(QLatin1String("format")).toString(), QStringLiteral("md"));
        QCOMPARE(markdown.value(QLatin1String("name")).toString(), QStringLiteral("notes--ber"));
        const QJsonObject csv = blocks.at(3).toObject().value(QLatin1String("document")).toObject();
        QCOMPARE(csv.value(QLatin1String("format")).toString(), QStringLiteral("csv"));
        QCOMPARE(csv.value(QLatin1String("name")).toString(), QStringLiteral("document-3"));
        QCOMPARE(blocks.at(4).toObject().value(QLatin1String("image")).toObject().value(QLatin1String("format")).toString(), QStringLiteral("jpeg"));
        QCOMPARE(blocks.at(5).toObject().value(QLatin1String("image")).toObject().value(QLatin1String("format")).toString(), QStringLiteral("webp"));
    }

    // Converse has no JSON mode: the dispatcher emulates it, and the
    // instruction lands in Converse's own system field.
    void jsonModeIsEmulatedThroughTheSystemField()
    {
        server->script("POST", conversePath, {ScriptedResponse::json(200, fixture(QStringLiteral("bedrock/converse-json.json")))});
        ChatRequest request = hello();
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonObject;
        request.responseFormat = format;
        auto client = makeClient();
        QList<AttemptRecord> attempts;
        const Expected<ChatCompletion> result = client->chatBlocking(request, &attempts);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("{\"greeting\": \"hello\"}"));
        QCOMPARE(server->count(conversePath), 1);
        const QJsonArray system = array(server->requests().first().json(), "system");
        QCOMPARE(system.size(), 2);
        QVERIFY(system.first().toObject().value(QLatin1String("text")).toString().contains(QStringLiteral("JSON")));
        QVERIFY(attempts.first().notes.contains(QStringLiteral("JSON mode emulated")));
    }

    void translationErrorsSendNothing_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<Error::Kind>("kind");
        QTest::newRow("bad arguments") << "arguments" << Error::Kind::BadRequest;
        QTest::newRow("image url") << "url" << Error::Kind::Unsupported;
        QTest::newRow("assistant first") << "assistant" << Error::Kind::BadRequest;
        QTest::newRow("bmp image") << "bmp" << Error::Kind::Unsupported;
        QTest::newRow("zip document") << "zip" << Error::Kind::Unsupported;
        QTest::newRow("document by id") << "file id" << Error::Kind::Unsupported;
        QTest::newRow("audio") << "audio" << Error::Kind::Unsupported;
        QTest::newRow("several choices") << "n" << Error::Kind::Unsupported;
    }

    void translationErrorsSendNothing()
    {
        QFETCH(QString, what);
        QFETCH(Error::Kind, kind);
        ChatRequest request = hello();
        if (what == QLatin1String("arguments")) {
            Message assistant = Message::assistant(QStringLiteral("calling"));
            assistant.toolCalls = {ToolCall{QStringLiteral("tu_1"), QStringLiteral("f"), QStringLiteral("{not json"), 0, {}}};
            request.messages.append(assistant);
        } else if (what == QLatin1String("url")) {
            request.messages.append(Message::user({ContentPart::fromImageUrl(QUrl(QStringLiteral("s3://bucket/cat.png")))}));
        } else if (what == QLatin1String("bmp")) {
            request.messages.append(Message::user({ContentPart::fromImageData(QByteArray("BM", 2), QStringLiteral("image/bmp"))}));
        } else if (what == QLatin1String("zip") || what == QLatin1String("file id")) {
            ContentPart part;
            part.type = ContentPart::Type::File;
            if (what == QLatin1String("zip")) {
                part.data = QByteArray("PK\x03\x04", 4);
                part.mimeType = QStringLiteral("application/zip");
                part.filename = QStringLiteral("bundle.zip");
            } else {
                part.fileId = QStringLiteral("file-abc");
            }
            request.messages.append(Message::user({part}));
        } else if (what == QLatin1String("audio")) {
            request.messages.append(Message::user({ContentPart::fromAudio(QByteArray("RIFF", 4), QStringLiteral("wav"))}));
        } else if (what == QLatin1String("n")) {
            request.n = 2;
        } else {
            request.messages = {Message::assistant(QStringLiteral("I start"))};
        }
        auto client = makeClient();
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, kind);
        QCOMPARE(result.error().provider, QStringLiteral("bedrock"));
        QCOMPARE(server->requests().size(), 0);
    }

    void streamTextAndTools()
    {
        server->script("POST", streamPath, {eventStream(eventStreamFromListing(fixture(QStringLiteral("bedrock/converse-stream-tools.events"))), 7)});
        auto client = makeClient();
        const RecordedReply streamed = record(client->chat(hello(true)));
        Reply *reply = streamed.reply;
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        QCOMPARE(streamed.deltas, (QStringList{QStringLiteral("Hel"), QStringLiteral("lo")}));
        const ChatCompletion completion = reply->chatCompletion();
        const ChatChoice &choice = completion.choices.first();
        QCOMPARE(choice.message.text(), QStringLiteral("Hello"));
        QCOMPARE(choice.finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(choice.message.toolCalls.size(), 2);
        // OpenAI indexes count tool calls only: Converse block 1 is tool call 0.
        QCOMPARE(streamed.toolFragments.first().index, 0);
        QCOMPARE(choice.message.toolCalls.at(0).id, QStringLiteral("tooluse_1"));
        QCOMPARE(choice.message.toolCalls.at(0).name, QStringLiteral("get_weather"));
        QCOMPARE(choice.message.toolCalls.at(0).arguments, QStringLiteral(R"({"city":"Paris"})"));
        QCOMPARE(choice.message.toolCalls.at(1).name, QStringLiteral("get_time"));
        QCOMPARE(choice.message.toolCalls.at(1).arguments, QStringLiteral("{}"));
        QVERIFY(completion.usage);
        QCOMPARE(completion.usage->promptTokens, 30);
        QCOMPARE(completion.usage->completionTokens, 12);

        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.path(), streamPath);
        QCOMPARE(sent.header("accept"), QByteArray("application/vnd.amazon.eventstream"));
        const QString mismatch = sigV4Mismatch(sent, canaryCredentials(), region, QStringLiteral("bedrock"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void exceptionFrameMidStream()
    {
        server->script("POST", streamPath,
                       {eventStream(eventStreamFromListing(fixture(QStringLiteral("bedrock/converse-stream-throttled.events"))), 5)});
        auto client = makeClient();
        Reply *reply = record(client->chat(hello(true))).reply;
        QVERIFY(reply->hasError());
        const Error error = reply->failure();
        QCOMPARE(error.kind, Error::Kind::RateLimit);
        QVERIFY(error.isTransient());
        QCOMPARE(error.message, QStringLiteral("Too many tokens, please wait before trying again."));
        QCOMPARE(error.type, QStringLiteral("throttlingException"));
        QCOMPARE(error.partialText, QStringLiteral("Partial"));
        QCOMPARE(error.provider, QStringLiteral("bedrock"));
        QCOMPARE(error.model, model);
    }

    void malformedToolUseIsAnError()
    {
        server->script("POST", streamPath,
                       {eventStream(eventStreamFromListing(fixture(QStringLiteral("bedrock/converse-stream-malformed.events"))), 64)});
        auto client = makeClient();
        Reply *reply = record(client->chat(hello(true))).reply;
        QCOMPARE(reply->failure().kind, Error::Kind::InvalidResponse);
        QCOMPARE(reply->failure().code, QStringLiteral("malformed_tool_use"));
    }

    void cutStreams_data()
    {
        QTest::addColumn<int>("messages");
        QTest::addColumn<int>("extraBytes");
        // Cut between frames after messageStop (no metadata), and inside a frame.
        QTest::newRow("before metadata") << 5 << 0;
        QTest::newRow("inside a frame") << 2 << 9;
    }

    void cutStreams()
    {
        QFETCH(int, messages);
        QFETCH(int, extraBytes);
        const QList<QByteArray> lines = fixture(QStringLiteral("bedrock/converse-stream-text.events")).split('\n');
        const QByteArray kept = eventStreamFromListing(lines.mid(0, messages).join('\n'));
        const QByteArray next = eventStreamFromListing(lines.value(messages));
        server->script("POST", streamPath, {eventStream(kept + next.left(extraBytes), 11, true)});
        auto client = makeClient();
        Reply *reply = record(client->chat(hello(true))).reply;
        QVERIFY(reply->hasError());
        QCOMPARE(reply->failure().kind, Error::Kind::StreamInterrupted);
        QVERIFY(reply->failure().partialText.startsWith(QLatin1String("Hi")));
    }

    void corruptedFrameIsInvalidResponse()
    {
        QByteArray bytes = eventStreamFromListing(fixture(QStringLiteral("bedrock/converse-stream-text.events")));
        bytes[bytes.size() - 2] = char(bytes.at(bytes.size() - 2) ^ 1);
        server->script("POST", streamPath, {eventStream(bytes, 13)});
        auto client = makeClient();
        Reply *reply = record(client->chat(hello(true))).reply;
        QCOMPARE(reply->failure().kind, Error::Kind::InvalidResponse);
        QVERIFY2(reply->failure().message.contains(QLatin1String("CRC")), qPrintable(reply->failure().message));
        QCOMPARE(reply->failure().partialText, QStringLiteral("Hi there."));
    }

    void httpErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("errorType");
        QTest::addColumn<QString>("file");
        QTest::addColumn<Error::Kind>("kind");
        QTest::newRow("validation") << 400 << QByteArray("ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/")
                                    << "bedrock/error-validation.json" << Error::Kind::BadRequest;
        QTest::newRow("too long") << 400 << QByteArray("ValidationException") << "bedrock/error-too-long.json" << Error::Kind::ContextLength;
        QTest::newRow("access denied") << 403 << QByteArray("AccessDeniedException") << "bedrock/error-access-denied.json" << Error::Kind::Permission;
        QTest::newRow("throttling") << 429 << QByteArray("ThrottlingException") << "bedrock/error-throttling.json" << Error::Kind::RateLimit;
        // The type only in the body's __type.
        QTest::newRow("signature") << 403 << QByteArray() << "bedrock/error-signature.json" << Error::Kind::Authentication;
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, errorType);
        QFETCH(QString, file);
        QFETCH(Error::Kind, kind);
        Headers headers{{"x-amzn-RequestId", "req-err-1"}};
        if (!errorType.isEmpty())
            headers.append({"x-amzn-ErrorType", errorType});
        server->script("POST", conversePath, {ScriptedResponse::json(status, fixture(file), headers)});
        auto client = makeClient();
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        const Error &error = result.error();
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.provider, QStringLiteral("bedrock"));
        QCOMPARE(error.model, model);
        QCOMPARE(error.requestId, QStringLiteral("req-err-1"));
        const QString expected = QJsonDocument::fromJson(fixture(file)).object().value(QLatin1String("message")).toString();
        QCOMPARE(error.message, expected);
        QVERIFY(!error.type.contains(QLatin1Char(':')));
        QVERIFY(!error.toString().contains(secretKey));
    }

    void missingCredentialsNameTheVariables()
    {
        env.remove(QStringLiteral("AWS_ACCESS_KEY_ID"));
        env.remove(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
        auto client = makeClient();
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Authentication);
        for (const char *name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_BEARER_TOKEN_BEDROCK"})
            QVERIFY2(result.error().message.contains(QLatin1String(name)), qPrintable(result.error().message));
        QCOMPARE(server->requests().size(), 0);
    }

    void missingRegion()
    {
        env.remove(QStringLiteral("AWS_REGION"));
        auto client = makeClient();
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(QLatin1String("AWS_REGION")), qPrintable(result.error().message));
        QCOMPARE(server->requests().size(), 0);
    }

    void profileFromSharedFiles()
    {
        env.remove(QStringLiteral("AWS_ACCESS_KEY_ID"));
        env.remove(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
        env.remove(QStringLiteral("AWS_REGION"));
        QFile credentials(home->filePath(QStringLiteral("creds")));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write("[dev]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = canary-bedrock-profile-secret\n");
        credentials.close();
        QFile config(home->filePath(QStringLiteral("config")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[profile dev]\nregion = eu-west-3\n");
        config.close();
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), credentials.fileName());
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), config.fileName());
        env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("dev"));
        server->script("POST", conversePath, {ScriptedResponse::json(200, fixture(QStringLiteral("bedrock/converse-text.json")))});
        auto client = makeClient();
        QVERIFY(client->chatBlocking(hello()));
        AwsCredentials profile;
        profile.accessKeyId = QStringLiteral("AKIDPROFILE");
        profile.secretAccessKey = QStringLiteral("canary-bedrock-profile-secret");
        const QString mismatch = sigV4Mismatch(server->requests().first(), profile, QStringLiteral("eu-west-3"), QStringLiteral("bedrock"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void bedrockApiKeyReplacesSigV4()
    {
        env.insert(QStringLiteral("AWS_BEARER_TOKEN_BEDROCK"), QStringLiteral("canary-bedrock-apikey-123456"));
        server->script("POST", conversePath, {ScriptedResponse::json(200, fixture(QStringLiteral("bedrock/converse-text.json")))});
        auto client = makeClient();
        QVERIFY(client->chatBlocking(hello()));
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.header("authorization"), QByteArray("Bearer canary-bedrock-apikey-123456"));
        QVERIFY(sent.header("x-amz-date").isEmpty());
    }

    void regionalEndpointWithoutBaseUrl()
    {
        env.remove(QStringLiteral("BEDROCK_BASE_URL"));
        env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("eu-central-1"));
        auto client = makeClient();
        const Expected<Target> target = client->resolve(QLatin1String("bedrock/") + model);
        QVERIFY(target);
        const Expected<HttpRequest> request = client->registry().adapter(QStringLiteral("bedrock"))->chatRequest(hello(true), *target);
        QVERIFY(request);
        QCOMPARE(request->url.toEncoded(),
                 QByteArray("https://bedrock-runtime.eu-central-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream"));
        QVERIFY(request->streaming);
        QVERIFY(request->header("authorization").contains("/eu-central-1/bedrock/aws4_request"));
    }

    void cliStreamsFromFakeBedrock()
    {
        server->script("POST", streamPath, {eventStream(eventStreamFromListing(fixture(QStringLiteral("bedrock/converse-stream-text.events"))), 9)});
        QProcessEnvironment cliEnv = cleanEnvironment(home->path());
        for (const char *name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "BEDROCK_BASE_URL"})
            cliEnv.insert(QLatin1String(name), env.value(QLatin1String(name)));
        const ProcessResult result = runProcess(QStringLiteral(MUXI_CLI), {QStringLiteral("chat"), QStringLiteral("-m"), QLatin1String("bedrock/") + model,
                                                                           QStringLiteral("--stream"), QStringLiteral("hi")},
                                                cliEnv);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY2(result.out.contains("Hi there."), result.out.constData());
        QCOMPARE(server->requests().size(), 1);
        const QString mismatch = sigV4Mismatch(server->requests().first(), canaryCredentials(), region, QStringLiteral("bedrock"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QVERIFY(!result.err.contains(secretKey.toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestBedrockAdapter)
#include "tst_bedrockadapter.moc"
