#include <adaptertestcase.h>
#include <muxi/providers/builtinproviders.h>
#include <fixtures.h>
#include <processrunner.h>
#include <replyrecorder.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("canary-anthropic-123456");
const QByteArray messagesPath = "/v1/messages";

Tool weatherTool()
{
    Tool tool;
    tool.name = QStringLiteral("get_weather");
    tool.description = QStringLiteral("Weather for a city");
    tool.parameters = QJsonDocument::fromJson(R"({"type":"object","properties":{"city":{"type":"string"}},"required":["city"]})").object();
    return tool;
}
}

// The Anthropic adapter through Client -> adapter -> HTTP against a loopback
// server speaking the Messages API's documented bytes.
class TestAnthropicAdapter : public AdapterTestCase
{
    Q_OBJECT

private:
    static ChatRequest hello(bool stream = false) { return sayHello(QStringLiteral("anthropic/claude-x"), stream); }

    QJsonArray sentMessages() const { return sentBody().value(key("messages")).toArray(); }

    void answerWith(const QString &file)
    {
        server->script("POST", messagesPath, {ScriptedResponse::json(200, fixture(file))});
    }

private Q_SLOTS:
    void init()
    {
        startServer(builtinRegistry(), QStringLiteral("ANTHROPIC_API_KEY"), canaryKey, QStringLiteral("ANTHROPIC_BASE_URL"),
                    QStringLiteral("/v1"));
    }

    void providerEntry()
    {
        const std::optional<ProviderInfo> info = client->provider(QStringLiteral("anthropic"));
        QVERIFY(info);
        QCOMPARE(info->family, QStringLiteral("anthropic"));
        QCOMPARE(info->defaultBaseUrl, QUrl(QStringLiteral("https://api.anthropic.com/v1")));
        QCOMPARE(info->allKeyVariables().first(), QStringLiteral("ANTHROPIC_API_KEY"));
        QVERIFY(info->capabilities.testFlag(Capability::Tools));
        QVERIFY(info->capabilities.testFlag(Capability::Vision));
        QVERIFY(!info->capabilities.testFlag(Capability::Audio));
        QVERIFY(!info->capabilities.testFlag(Capability::Embeddings));
    }

    void textStreamArrivesInPieces()
    {
        server->script("POST", messagesPath, {ScriptedResponse::sseBytes(fixture(QStringLiteral("anthropic/stream-text.sse")), 29, 3)});
        const RecordedReply reply = record(client->chat(hello(true)));
        QVERIFY(reply.finished);
        QVERIFY2(!reply.error, qPrintable(reply.error ? reply.error->toString() : QString()));
        QCOMPARE(reply.deltas, (QStringList{QStringLiteral("Hello"), QStringLiteral(", world"), QStringLiteral("!")}));
        QCOMPARE(reply.completion.text(), QStringLiteral("Hello, world!"));
        QCOMPARE(reply.completion.id, QStringLiteral("msg_01"));
        QCOMPARE(reply.completion.model, QStringLiteral("claude-sonnet-4-5"));
        QCOMPARE(reply.completion.choices.first().finishReason, QStringLiteral("stop"));
        QVERIFY(reply.completion.usage);
        QCOMPARE(reply.completion.usage->promptTokens, 30); // 25 + 5 read from the cache
        QCOMPARE(reply.completion.usage->completionTokens, 12);
        QCOMPARE(reply.completion.usage->cachedTokens, 5);

        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.path(), messagesPath);
        QCOMPARE(sent.header("x-api-key"), canaryKey.toUtf8());
        QCOMPARE(sent.header("anthropic-version"), QByteArray("2023-06-01"));
        QCOMPARE(sent.header("accept"), QByteArray("text/event-stream"));
        QVERIFY(sent.header("authorization").isEmpty());
        const QJsonObject body = sent.json();
        QCOMPARE(body.value(key("model")).toString(), QStringLiteral("claude-x"));
        QCOMPARE(body.value(key("stream")).toBool(), true);
        QVERIFY(!body.contains(key("stream_options")));
    }

    void maxTokensAlwaysSent()
    {
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        QVERIFY(client->chatBlocking(hello()));
        QCOMPARE(sentBody().value(key("max_tokens")).toInt(-1), 4096);
        ChatRequest limited = hello();
        limited.maxCompletionTokens = 300;
        QVERIFY(client->chatBlocking(limited));
        QCOMPARE(sentBody().value(key("max_tokens")).toInt(), 300);
        QVERIFY(!sentBody().contains(key("max_completion_tokens")));
    }

    void nonStreamingToolUseAndUsage()
    {
        answerWith(QStringLiteral("anthropic/messages-tool-use.json"));
        ChatRequest request = hello();
        request.tools = {weatherTool()};
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        const ChatChoice &choice = result->choices.first();
        QCOMPARE(choice.finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(choice.message.text(), QStringLiteral("Checking."));
        QCOMPARE(choice.message.toolCalls.size(), 2);
        QCOMPARE(choice.message.toolCalls.at(0).id, QStringLiteral("toolu_01"));
        QCOMPARE(choice.message.toolCalls.at(0).name, QStringLiteral("get_weather"));
        QCOMPARE(choice.message.toolCalls.at(0).arguments, QStringLiteral(R"({"city":"Paris"})"));
        QCOMPARE(choice.message.toolCalls.at(1).arguments, QStringLiteral("{}"));
        QCOMPARE(result->usage->promptTokens, 412 + 100 + 50);
        QCOMPARE(result->usage->completionTokens, 57);
        QCOMPARE(result->usage->totalTokens, 412 + 100 + 50 + 57);
        QCOMPARE(result->provider, QStringLiteral("anthropic"));
        const QJsonObject json = result->toJson();
        QCOMPARE(json.value(key("choices")).toArray().first().toObject().value(key("native_finish_reason")).toString(),
                 QStringLiteral("tool_use"));

        const QJsonObject tool = sentBody().value(key("tools")).toArray().first().toObject();
        QCOMPARE(tool.value(key("name")).toString(), QStringLiteral("get_weather"));
        QCOMPARE(tool.value(key("description")).toString(), QStringLiteral("Weather for a city"));
        QCOMPARE(tool.value(key("input_schema")).toObject(), weatherTool().parameters);
        QVERIFY(!tool.contains(key("function")));
    }

    void toolCallStreamAssembled()
    {
        server->script("POST", messagesPath, {ScriptedResponse::sseBytes(fixture(QStringLiteral("anthropic/stream-tool.sse")), 17, 2)});
        ChatRequest request = hello(true);
        request.tools = {weatherTool()};
        const RecordedReply reply = record(client->chat(request));
        QVERIFY2(!reply.error, qPrintable(reply.error ? reply.error->toString() : QString()));
        // Tool-call indices count tool blocks only: block 1 (after the text block) is call 0.
        QList<int> indices;
        for (const ToolCallDelta &fragment : reply.toolFragments) {
            if (!indices.contains(fragment.index))
                indices.append(fragment.index);
        }
        QCOMPARE(indices, (QList<int>{0, 1}));
        QCOMPARE(reply.toolFragments.first().id, QStringLiteral("toolu_01"));
        QCOMPARE(reply.toolFragments.first().name, QStringLiteral("get_weather"));
        QString fragments;
        for (const ToolCallDelta &fragment : reply.toolFragments) {
            if (fragment.index == 0)
                fragments += fragment.arguments;
        }
        QCOMPARE(fragments, QStringLiteral(R"({"city": "Paris"})"));

        const ChatChoice &choice = reply.completion.choices.first();
        QCOMPARE(choice.finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(choice.message.text(), QStringLiteral("Checking."));
        QCOMPARE(choice.message.toolCalls.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(choice.message.toolCalls.at(0).arguments.toUtf8()).object(), jsonObject(R"({"city":"Paris"})"));
        QCOMPARE(choice.message.toolCalls.at(1).id, QStringLiteral("toolu_02"));
        QCOMPARE(choice.message.toolCalls.at(1).name, QStringLiteral("get_time"));
        // A tool block without input_json_delta is a call without arguments.
        QCOMPARE(choice.message.toolCalls.at(1).arguments, QStringLiteral("{}"));
        // message_delta's output_tokens replaces message_start's; input only comes from message_start.
        QCOMPARE(reply.completion.usage->completionTokens, 31);
        QCOMPARE(reply.completion.usage->promptTokens, 412);
    }

    void toolRoundTrip()
    {
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        ChatRequest request = hello();
        Message assistant = Message::assistant(QStringLiteral("Checking both."));
        assistant.toolCalls = {toolCall(QStringLiteral("toolu_01"), QStringLiteral("get_weather"), QStringLiteral(R"({"city":"Paris"})")),
                               toolCall(QStringLiteral("toolu_02"), QStringLiteral("get_time"), QString())};
        request.messages = {Message::system(QStringLiteral("Be brief.")),
                            Message::user(QStringLiteral("Weather and time in Paris?")),
                            assistant,
                            Message::toolResult(QStringLiteral("toolu_01"), QStringLiteral(R"({"temp":21})")),
                            Message::toolResult(QStringLiteral("toolu_02"), QStringLiteral("14:05")),
                            Message::user(QStringLiteral("Also, is it sunny?"))};
        request.tools = {weatherTool()};
        QVERIFY(client->chatBlocking(request));

        const QJsonArray messages = sentMessages();
        QCOMPARE(messages.size(), 3);
        const QJsonObject sentAssistant = messages.at(1).toObject();
        QCOMPARE(sentAssistant.value(key("role")).toString(), QStringLiteral("assistant"));
        const QJsonArray assistantBlocks = sentAssistant.value(key("content")).toArray();
        QCOMPARE(assistantBlocks.size(), 3);
        QCOMPARE(assistantBlocks.at(0).toObject(), jsonObject(R"({"type":"text","text":"Checking both."})"));
        QCOMPARE(assistantBlocks.at(1).toObject(),
                 jsonObject(R"({"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}})"));
        QCOMPARE(assistantBlocks.at(2).toObject(), jsonObject(R"({"type":"tool_use","id":"toolu_02","name":"get_time","input":{}})"));

        // Both tool results and the following user text form ONE user turn, results first.
        const QJsonObject results = messages.at(2).toObject();
        QCOMPARE(results.value(key("role")).toString(), QStringLiteral("user"));
        const QJsonArray blocks = results.value(key("content")).toArray();
        QCOMPARE(blocks.size(), 3);
        const QJsonObject firstResult{{key("type"), key("tool_result")}, {key("tool_use_id"), key("toolu_01")}, {key("content"), key(R"({"temp":21})")}};
        QCOMPARE(blocks.at(0).toObject(), firstResult);
        QCOMPARE(blocks.at(1).toObject(), jsonObject(R"({"type":"tool_result","tool_use_id":"toolu_02","content":"14:05"})"));
        QCOMPARE(blocks.at(2).toObject(), jsonObject(R"({"type":"text","text":"Also, is it sunny?"})"));
    }

    void toolResultBeforeTextWhenTextCameFirst()
    {
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        ChatRequest request = hello();
        Message assistant = Message::assistant(QString());
        assistant.form = Message::ContentForm::Null;
        assistant.content.clear();
        assistant.toolCalls = {toolCall(QStringLiteral("toolu_01"), QStringLiteral("get_weather"), QStringLiteral(R"({"city":"Oslo"})"))};
        Message note = Message::user(QStringLiteral("(the user typed while the tool ran)"));
        request.messages = {Message::user(QStringLiteral("Weather?")), assistant, note,
                            Message::toolResult(QStringLiteral("toolu_01"), QStringLiteral("rain"))};
        QVERIFY(client->chatBlocking(request));
        const QJsonArray messages = sentMessages();
        QCOMPARE(messages.size(), 3);
        const QJsonArray blocks = messages.at(2).toObject().value(key("content")).toArray();
        QCOMPARE(blocks.size(), 2);
        QCOMPARE(blocks.at(0).toObject().value(key("type")).toString(), QStringLiteral("tool_result"));
        QCOMPARE(blocks.at(1).toObject().value(key("type")).toString(), QStringLiteral("text"));
        // An assistant turn with only a tool call has no empty text block.
        QCOMPARE(messages.at(1).toObject().value(key("content")).toArray().size(), 1);
    }

    void invalidToolArgumentsAreRefused()
    {
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        ChatRequest request = hello();
        Message assistant = Message::assistant(QString());
        assistant.toolCalls = {toolCall(QStringLiteral("toolu_09"), QStringLiteral("get_weather"), QStringLiteral("{\"city\": Par"))};
        request.messages = {Message::user(QStringLiteral("Weather?")), assistant,
                            Message::toolResult(QStringLiteral("toolu_09"), QStringLiteral("sunny"))};
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::BadRequest);
        QVERIFY2(result.error().message.contains(QLatin1String("toolu_09")), qPrintable(result.error().message));
        QCOMPARE(result.error().provider, QStringLiteral("anthropic"));
        QCOMPARE(server->requests().size(), 0);

        request.messages[1].toolCalls.first().arguments = QStringLiteral("[1,2]");
        const Expected<ChatCompletion> array = client->chatBlocking(request);
        QVERIFY(!array);
        QCOMPARE(array.error().kind, Error::Kind::BadRequest);
    }

    void imagesAsBase64AndUrlSources()
    {
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452") + QByteArray(300, '\x7f') + QByteArray(1, '\0');
        ChatRequest request = hello();
        request.messages = {Message::user({ContentPart::fromText(QStringLiteral("Compare these")),
                                           ContentPart::fromImageData(png, QStringLiteral("image/png")),
                                           ContentPart::fromImageUrl(QUrl(QStringLiteral("https://example.com/cat%20photo.jpg")))})};
        QVERIFY(client->chatBlocking(request));
        const QJsonArray blocks = sentMessages().first().toObject().value(key("content")).toArray();
        QCOMPARE(blocks.size(), 3);
        const QJsonObject source = blocks.at(1).toObject().value(key("source")).toObject();
        QCOMPARE(blocks.at(1).toObject().value(key("type")).toString(), QStringLiteral("image"));
        QCOMPARE(source.value(key("type")).toString(), QStringLiteral("base64"));
        QCOMPARE(source.value(key("media_type")).toString(), QStringLiteral("image/png"));
        const QString data = source.value(key("data")).toString();
        QVERIFY(!data.startsWith(QLatin1String("data:")));
        QCOMPARE(QByteArray::fromBase64(data.toLatin1()), png);
        const QJsonObject urlSource{{key("type"), key("url")}, {key("url"), key("https://example.com/cat%20photo.jpg")}};
        QCOMPARE(blocks.at(2).toObject().value(key("source")).toObject(), urlSource);
    }

    void documentsAndImagesInToolResults()
    {
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        ContentPart pdf;
        pdf.type = ContentPart::Type::File;
        pdf.data = QByteArray("%PDF-1.7 minimal");
        pdf.mimeType = QStringLiteral("application/pdf");
        pdf.filename = QStringLiteral("report.pdf");
        ContentPart notes = pdf;
        notes.data = QByteArray("first line\nzweite Zeile \xc3\xa4");
        notes.mimeType = QStringLiteral("text/plain");
        Message assistant = Message::assistant(QString());
        assistant.toolCalls = {toolCall(QStringLiteral("toolu_1"), QStringLiteral("render_chart"), QStringLiteral("{}"))};
        Message chart = Message::toolResult(QStringLiteral("toolu_1"), QString());
        chart.content = {ContentPart::fromText(QStringLiteral("the chart:")), ContentPart::fromImageData(QByteArray("\x89PNG", 4), QStringLiteral("image/png"))};
        ChatRequest request = hello();
        request.messages = {Message::user({ContentPart::fromText(QStringLiteral("Read these")), pdf, notes}), assistant, chart};
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));

        const QJsonArray messages = sentMessages();
        QCOMPARE(messages.size(), 3);
        const QJsonArray documents = messages.at(0).toObject().value(key("content")).toArray();
        QCOMPARE(documents.size(), 3);
        QCOMPARE(documents.at(1).toObject().value(key("type")).toString(), QStringLiteral("document"));
        const QJsonObject pdfSource = documents.at(1).toObject().value(key("source")).toObject();
        QCOMPARE(pdfSource.value(key("type")).toString(), QStringLiteral("base64"));
        QCOMPARE(pdfSource.value(key("media_type")).toString(), QStringLiteral("application/pdf"));
        QCOMPARE(QByteArray::fromBase64(pdfSource.value(key("data")).toString().toLatin1()), pdf.data);
        // Plain text travels as text, not base64.
        const QJsonObject textSource{{key("type"), key("text")}, {key("media_type"), key("text/plain")},
                                     {key("data"), QString::fromUtf8(notes.data)}};
        QCOMPARE(documents.at(2).toObject().value(key("source")).toObject(), textSource);

        // A tool result that is not text alone carries content blocks.
        const QJsonObject toolResult = messages.at(2).toObject().value(key("content")).toArray().first().toObject();
        QCOMPARE(toolResult.value(key("type")).toString(), QStringLiteral("tool_result"));
        QCOMPARE(toolResult.value(key("tool_use_id")).toString(), QStringLiteral("toolu_1"));
        const QJsonArray resultBlocks = toolResult.value(key("content")).toArray();
        QCOMPARE(resultBlocks.size(), 2);
        QCOMPARE(resultBlocks.at(0).toObject(), (QJsonObject{{key("type"), key("text")}, {key("text"), key("the chart:")}}));
        QCOMPARE(resultBlocks.at(1).toObject().value(key("type")).toString(), QStringLiteral("image"));
    }

    void unsupportedPartsAreRefused_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("needle");
        QTest::newRow("zip file") << "zip" << "files other than inline PDF or plain text";
        QTest::newRow("uploaded file id") << "file id" << "files other than inline PDF or plain text";
        QTest::newRow("unknown part type") << "other" << "content parts of type \"input_video\"";
        QTest::newRow("tool result without id") << "no id" << "a tool message has no tool_call_id";
        QTest::newRow("audio inside a tool result") << "tool audio" << "audio";
    }

    void unsupportedPartsAreRefused()
    {
        QFETCH(QString, what);
        QFETCH(QString, needle);
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        ChatRequest request = hello();
        ContentPart part;
        part.type = ContentPart::Type::File;
        if (what == QLatin1String("zip")) {
            part.data = QByteArray("PK\x03\x04", 4);
            part.mimeType = QStringLiteral("application/zip");
        } else if (what == QLatin1String("file id")) {
            part.fileId = QStringLiteral("file-123");
        } else if (what == QLatin1String("other")) {
            part = ContentPart::fromJson(QJsonObject{{key("type"), key("input_video")}, {key("url"), key("https://example.com/v.mp4")}});
        }
        if (what == QLatin1String("no id") || what == QLatin1String("tool audio")) {
            Message assistant = Message::assistant(QString());
            assistant.toolCalls = {toolCall(QStringLiteral("toolu_9"), QStringLiteral("record"), QStringLiteral("{}"))};
            Message result = Message::toolResult(what == QLatin1String("no id") ? QString() : QStringLiteral("toolu_9"), QStringLiteral("done"));
            if (what == QLatin1String("tool audio"))
                result.content = {ContentPart::fromAudio(QByteArray("RIFF", 4), QStringLiteral("wav"))};
            request.messages.append(assistant);
            request.messages.append(result);
        } else {
            request.messages = {Message::user({ContentPart::fromText(QStringLiteral("Look")), part})};
        }
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(needle), qPrintable(result.error().message));
        QCOMPARE(server->requests().size(), 0);
    }

    void audioIsRefusedClearly()
    {
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        ChatRequest request = hello();
        request.messages = {Message::user({ContentPart::fromText(QStringLiteral("Transcribe")),
                                           ContentPart::fromAudio(QByteArray("RIFF....WAVE"), QStringLiteral("wav"))})};
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Unsupported);
        QVERIFY2(result.error().message.contains(QLatin1String("audio")), qPrintable(result.error().message));
        QCOMPARE(result.error().provider, QStringLiteral("anthropic"));
        QCOMPARE(server->requests().size(), 0);
    }

    void jsonModeThroughForcedTool()
    {
        answerWith(QStringLiteral("anthropic/messages-json-tool.json"));
        ChatRequest request = hello();
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonSchema;
        format.schemaName = QStringLiteral("answer");
        format.schema = jsonObject(R"({"type":"object","properties":{"answer":{"type":"integer"},"unit":{"type":"string"}}})");
        request.responseFormat = format;
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(QJsonDocument::fromJson(result->text().toUtf8()).object(), jsonObject(R"({"answer":42,"unit":"none"})"));
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("stop"));
        QVERIFY(result->choices.first().message.toolCalls.isEmpty());

        const QJsonObject body = sentBody();
        QVERIFY(!body.contains(key("response_format")));
        const QJsonArray tools = body.value(key("tools")).toArray();
        QCOMPARE(tools.size(), 1);
        QCOMPARE(tools.first().toObject().value(key("name")).toString(), QStringLiteral("json_output"));
        QCOMPARE(tools.first().toObject().value(key("input_schema")).toObject(), format.schema);
        QCOMPARE(body.value(key("tool_choice")).toObject(), jsonObject(R"({"type":"tool","name":"json_output"})"));
    }

    void jsonModeStreamsTheToolInputAsText()
    {
        server->script("POST", messagesPath, {ScriptedResponse::sseBytes(fixture(QStringLiteral("anthropic/stream-json.sse")), 23, 2)});
        ChatRequest request = hello(true);
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonObject;
        request.responseFormat = format;
        const RecordedReply reply = record(client->chat(request));
        QVERIFY2(!reply.error, qPrintable(reply.error ? reply.error->toString() : QString()));
        QCOMPARE(reply.text(), QStringLiteral(R"({"answer": 42})"));
        QCOMPARE(reply.completion.text(), QStringLiteral(R"({"answer": 42})"));
        QVERIFY(reply.toolFragments.isEmpty());
        QCOMPARE(reply.completion.choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(sentBody().value(key("tools")).toArray().first().toObject().value(key("input_schema")).toObject(),
                 jsonObject(R"({"type":"object"})"));
    }

    void systemAndDeveloperGoToTopLevelSystem()
    {
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        ChatRequest request = hello();
        Message developer = Message::system(QStringLiteral("Answer in French."));
        developer.role = Message::Role::Developer;
        request.messages = {Message::system(QStringLiteral("Be brief.")), developer, Message::user(QStringLiteral("Hello"))};
        QVERIFY(client->chatBlocking(request));
        const QJsonObject body = sentBody();
        const QJsonArray system = body.value(key("system")).toArray();
        QCOMPARE(system.size(), 2);
        QCOMPARE(system.at(0).toObject(), jsonObject(R"({"type":"text","text":"Be brief."})"));
        QCOMPARE(system.at(1).toObject(), jsonObject(R"({"type":"text","text":"Answer in French."})"));
        const QJsonArray messages = body.value(key("messages")).toArray();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().toObject().value(key("role")).toString(), QStringLiteral("user"));
    }

    void consecutiveRolesMergeAndPrefillIsTrimmed()
    {
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        ChatRequest request = hello();
        request.messages = {Message::user(QStringLiteral("First.")), Message::user(QStringLiteral("Second.")),
                            Message::assistant(QStringLiteral("One")), Message::assistant(QStringLiteral("Two  \n"))};
        QVERIFY(client->chatBlocking(request));
        const QJsonArray messages = sentMessages();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).toObject().value(key("content")).toArray().size(), 2);
        const QJsonArray assistant = messages.at(1).toObject().value(key("content")).toArray();
        QCOMPARE(messages.at(1).toObject().value(key("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(assistant.size(), 2);
        // A final assistant turn is a prefill; trailing whitespace there is a 400.
        QCOMPARE(assistant.at(1).toObject().value(key("text")).toString(), QStringLiteral("Two"));
    }

    void parametersTranslate()
    {
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        ChatRequest request = hello();
        request.temperature = 1.7;
        request.topP = 0.9;
        request.stop = {QStringLiteral("END"), QStringLiteral("STOP")};
        request.user = QStringLiteral("user-42");
        request.tools = {weatherTool()};
        request.toolChoice = QStringLiteral("required");
        request.parallelToolCalls = false;
        request.extra.insert(key("top_k"), 40);
        request.extra.insert(key("frequency_penalty"), 0.5);
        QVERIFY(client->chatBlocking(request));
        QJsonObject body = sentBody();
        QCOMPARE(body.value(key("temperature")).toDouble(), 1.0);
        QCOMPARE(body.value(key("top_p")).toDouble(), 0.9);
        QCOMPARE(body.value(key("stop_sequences")).toArray(), (QJsonArray{QStringLiteral("END"), QStringLiteral("STOP")}));
        QVERIFY(!body.contains(key("stop")));
        QCOMPARE(body.value(key("metadata")).toObject(), jsonObject(R"({"user_id":"user-42"})"));
        QCOMPARE(body.value(key("tool_choice")).toObject(), jsonObject(R"({"type":"any","disable_parallel_tool_use":true})"));
        QCOMPARE(body.value(key("top_k")).toInt(), 40);
        QVERIFY(!body.contains(key("frequency_penalty")));
        QVERIFY(!body.contains(key("user")));

        request.temperature = 0.3;
        request.toolChoice = QJsonObject{{key("type"), key("function")}, {key("function"), QJsonObject{{key("name"), key("get_weather")}}}};
        request.parallelToolCalls.reset();
        QVERIFY(client->chatBlocking(request));
        body = sentBody();
        QCOMPARE(body.value(key("temperature")).toDouble(), 0.3);
        QCOMPARE(body.value(key("tool_choice")).toObject(), jsonObject(R"({"type":"tool","name":"get_weather"})"));

        request.toolChoice = QStringLiteral("none");
        QVERIFY(client->chatBlocking(request));
        QCOMPARE(sentBody().value(key("tool_choice")).toObject(), jsonObject(R"({"type":"none"})"));

        request.n = 2;
        const Expected<ChatCompletion> several = client->chatBlocking(request);
        QVERIFY(!several);
        QCOMPARE(several.error().kind, Error::Kind::Unsupported);
    }

    void thinkingIsReasoningNeverContent()
    {
        answerWith(QStringLiteral("anthropic/messages-thinking.json"));
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(result);
        const Message message = result->choices.first().message;
        QCOMPARE(message.text(), QStringLiteral("Hi!"));
        QCOMPARE(message.reasoningContent, QStringLiteral("The user wants a greeting."));
        QCOMPARE(message.raw.value(key("thinking_blocks")).toArray().size(), 2);

        // Sent back, the thinking blocks lead the assistant turn, signatures intact.
        ChatRequest followUp = hello();
        followUp.messages.append(Message::fromJson(message.toJson()));
        followUp.messages.append(Message::user(QStringLiteral("And again?")));
        QVERIFY(client->chatBlocking(followUp));
        const QJsonArray blocks = sentMessages().at(1).toObject().value(key("content")).toArray();
        QCOMPARE(blocks.size(), 3);
        QCOMPARE(blocks.at(0).toObject().value(key("signature")).toString(), QStringLiteral("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"));
        QCOMPARE(blocks.at(1).toObject().value(key("type")).toString(), QStringLiteral("redacted_thinking"));
        QCOMPARE(blocks.at(2).toObject(), jsonObject(R"({"type":"text","text":"Hi!"})"));

        server->script("POST", messagesPath, {ScriptedResponse::sseBytes(fixture(QStringLiteral("anthropic/stream-thinking.sse")), 31, 1)});
        const RecordedReply streamed = record(client->chat(hello(true)));
        QVERIFY2(!streamed.error, qPrintable(streamed.error ? streamed.error->toString() : QString()));
        QCOMPARE(streamed.text(), QStringLiteral("Hi!"));
        QCOMPARE(streamed.completion.choices.first().message.reasoningContent, QStringLiteral("The user wants a greeting."));
        // The stream's blocks, rebuilt with their signatures, are the whole answer's blocks.
        const QJsonArray nonStreamed = jsonObject(fixture(QStringLiteral("anthropic/messages-thinking.json")).constData()).value(key("content")).toArray();
        const Message streamedMessage = streamed.completion.choices.first().message;
        QCOMPARE(streamedMessage.raw.value(key("thinking_blocks")).toArray(), (QJsonArray{nonStreamed.at(0), nonStreamed.at(1)}));

        // And they go back on the next turn, through the message's JSON as an application stores it.
        server->clear();
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        ChatRequest again = hello();
        again.messages.append(Message::fromJson(streamedMessage.toJson()));
        again.messages.append(Message::user(QStringLiteral("And again?")));
        QVERIFY(client->chatBlocking(again));
        QCOMPARE(sentMessages().at(1).toObject().value(key("content")).toArray(),
                 (QJsonArray{nonStreamed.at(0), nonStreamed.at(1), nonStreamed.at(2)}));
    }

    void streamedThinkingBeforeAToolCallGoesBackWithIt()
    {
        server->script("POST", messagesPath, {ScriptedResponse::sseBytes(fixture(QStringLiteral("anthropic/stream-thinking-tool.sse")), 17, 1)});
        ChatRequest request = hello(true);
        request.tools = {weatherTool()};
        const RecordedReply streamed = record(client->chat(request));
        QVERIFY2(!streamed.error, qPrintable(streamed.error ? streamed.error->toString() : QString()));
        const Message message = streamed.completion.choices.first().message;
        QCOMPARE(message.toolCalls.size(), 1);
        QCOMPARE(message.reasoningContent, QStringLiteral("I need the weather tool."));

        server->clear();
        answerWith(QStringLiteral("anthropic/messages-text.json"));
        ChatRequest next = request;
        next.stream = false;
        next.messages.append(message);
        next.messages.append(Message::toolResult(QStringLiteral("toolu_09"), QStringLiteral("21 C")));
        QVERIFY(client->chatBlocking(next));
        // With extended thinking, a tool_use turn must lead with its signed thinking block.
        const QJsonArray blocks = sentMessages().at(1).toObject().value(key("content")).toArray();
        QCOMPARE(blocks.size(), 2);
        QCOMPARE(blocks.at(0).toObject(),
                 jsonObject(R"({"type":"thinking","thinking":"I need the weather tool.","signature":"ErUBCkYIBxgCIkD0sigtool"})"));
        QCOMPARE(blocks.at(1).toObject().value(key("type")).toString(), QStringLiteral("tool_use"));
        QCOMPARE(blocks.at(1).toObject().value(key("input")).toObject(), jsonObject(R"({"city":"Paris"})"));
    }

    void httpErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("file");
        QTest::addColumn<Error::Kind>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("400") << 400 << "anthropic/error-400.json" << Error::Kind::BadRequest << "messages: roles must alternate";
        QTest::newRow("400 too long") << 400 << "anthropic/error-400-too-long.json" << Error::Kind::ContextLength << "prompt is too long";
        QTest::newRow("401") << 401 << "anthropic/error-401.json" << Error::Kind::Authentication << "invalid x-api-key";
        QTest::newRow("402 billing") << 402 << "anthropic/error-402.json" << Error::Kind::Quota << "Your credit balance is too low";
        QTest::newRow("403") << 403 << "anthropic/error-403.json" << Error::Kind::Permission << "Your API key does not have permission";
        QTest::newRow("404") << 404 << "anthropic/error-404.json" << Error::Kind::NotFound << "model: claude-x";
        QTest::newRow("413 html") << 413 << "anthropic/error-413.html" << Error::Kind::BadRequest << "request too large";
        QTest::newRow("429") << 429 << "anthropic/error-429.json" << Error::Kind::RateLimit << "Number of request tokens";
        QTest::newRow("500") << 500 << "anthropic/error-500.json" << Error::Kind::Server << "Internal server error";
        QTest::newRow("529") << 529 << "anthropic/error-529.json" << Error::Kind::Overloaded << "Overloaded";
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QString, file);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, message);
        ScriptedResponse response = ScriptedResponse::json(status, fixture(file), {{"retry-after", "7"}, {"request-id", "req_header"}});
        if (file.endsWith(QLatin1String(".html")))
            response.headers.replace(2, {"Content-Type", "text/html"});
        server->script("POST", messagesPath, {response});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY(!result);
        const Error &error = result.error();
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.provider, QStringLiteral("anthropic"));
        QCOMPARE(error.model, QStringLiteral("claude-x"));
        QVERIFY2(error.message.startsWith(message), qPrintable(error.message));
        QCOMPARE(error.retryAfter, std::chrono::milliseconds(7000));
        // The body's request_id wins over the header; the HTML page has none.
        QVERIFY(error.requestId.startsWith(file.endsWith(QLatin1String(".html")) ? QLatin1String("req_header") : QLatin1String("req_011")));
        QVERIFY(!error.toString().contains(canaryKey));
        QCOMPARE(error.isTransient(), kind == Error::Kind::RateLimit || kind == Error::Kind::Server || kind == Error::Kind::Overloaded);
    }

    void overloadedIsRetried()
    {
        RetryPolicy once;
        once.maxRetries = 1;
        client->configuration().setRetryPolicy(once);
        client->setScheduler([](std::chrono::milliseconds, QObject *context, std::function<void()> callback) {
            QMetaObject::invokeMethod(context, std::move(callback), Qt::QueuedConnection);
        });
        server->script("POST", messagesPath,
                       {ScriptedResponse::json(529, fixture(QStringLiteral("anthropic/error-529.json"))),
                        ScriptedResponse::json(200, fixture(QStringLiteral("anthropic/messages-text.json")))});
        const Expected<ChatCompletion> result = client->chatBlocking(hello());
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("Hello there."));
        QCOMPARE(server->count(messagesPath), 2);
    }

    void errorEventInsideStream()
    {
        server->script("POST", messagesPath, {ScriptedResponse::sseBytes(fixture(QStringLiteral("anthropic/stream-error.sse")), 41, 2)});
        const RecordedReply reply = record(client->chat(hello(true)));
        QVERIFY(reply.error);
        QCOMPARE(reply.error->kind, Error::Kind::Overloaded);
        QCOMPARE(reply.error->message, QStringLiteral("Overloaded"));
        QCOMPARE(reply.error->type, QStringLiteral("overloaded_error"));
        QCOMPARE(reply.error->partialText, QStringLiteral("Partial"));
        QCOMPARE(reply.error->provider, QStringLiteral("anthropic"));
        QCOMPARE(reply.text(), QStringLiteral("Partial"));
    }

    void droppedStreamIsInterrupted()
    {
        const QByteArray all = fixture(QStringLiteral("anthropic/stream-text.sse"));
        const qsizetype cut = all.indexOf("\n\n", all.indexOf("\", world\"")) + 2;
        ScriptedResponse response = ScriptedResponse::sseBytes(all.left(cut), 50, 2);
        response.cut = true;
        server->script("POST", messagesPath, {response});
        const RecordedReply reply = record(client->chat(hello(true)));
        QVERIFY(reply.error);
        QCOMPARE(reply.error->kind, Error::Kind::StreamInterrupted);
        QCOMPARE(reply.error->partialText, QStringLiteral("Hello, world"));

        // Ending cleanly without message_stop (or a stop reason) is no better.
        server->script("POST", messagesPath, {ScriptedResponse::sse({all.left(cut)})});
        const RecordedReply unfinished = record(client->chat(hello(true)));
        QVERIFY(unfinished.error);
        QCOMPARE(unfinished.error->kind, Error::Kind::StreamInterrupted);
    }

    void modelsListing()
    {
        server->script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("anthropic/models.json")))});
        const Expected<ModelList> models = client->listModelsBlocking(QStringLiteral("anthropic"));
        QVERIFY2(models, qPrintable(models ? QString() : models.error().toString()));
        QCOMPARE(models->size(), 2);
        QCOMPARE(models->at(0).id, QStringLiteral("claude-sonnet-4-5-20250929"));
        QCOMPARE(models->at(0).provider, QStringLiteral("anthropic"));
        QCOMPARE(models->at(0).raw.value(key("display_name")).toString(), QStringLiteral("Claude Sonnet 4.5"));
        QCOMPARE(models->at(1).created, QDateTime(QDate(2024, 10, 22), QTime(0, 0), Qt::UTC).toSecsSinceEpoch());
        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.method, QByteArray("GET"));
        QCOMPARE(sent.header("x-api-key"), canaryKey.toUtf8());
        QCOMPARE(sent.header("anthropic-version"), QByteArray("2023-06-01"));
        QCOMPARE(QUrlQuery(sent.url()).queryItemValue(QStringLiteral("limit")), QStringLiteral("1000"));
    }

    void modelsListingFollowsEveryPage()
    {
        server->script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("anthropic/models-page1.json"))),
                                             ScriptedResponse::json(200, fixture(QStringLiteral("anthropic/models-page2.json")))});
        const Expected<ModelList> models = client->listModelsBlocking(QStringLiteral("anthropic"));
        QVERIFY2(models, qPrintable(models ? QString() : models.error().toString()));
        QCOMPARE(models->size(), 3);
        QCOMPARE(models->at(2).id, QStringLiteral("claude-3-5-haiku-20241022"));
        QCOMPARE(server->requests().size(), 2);
        const QUrlQuery second(server->requests().at(1).url());
        QCOMPARE(second.queryItemValue(QStringLiteral("after_id")), QStringLiteral("claude-sonnet-4-5-20250929"));
        QCOMPARE(second.queryItemValue(QStringLiteral("limit")), QStringLiteral("1000"));
        QCOMPARE(server->requests().at(1).header("x-api-key"), canaryKey.toUtf8());
    }

    // The CLI against the fake with an SDK-style base URL (no /v1): the adapter adds the version.
    void cliStreamsFromFakeServer()
    {
        server->script("POST", messagesPath, {ScriptedResponse::sseBytes(fixture(QStringLiteral("anthropic/stream-text.sse")), 64, 2)});
        QTemporaryDir home;
        QProcessEnvironment env = cleanEnvironment(home.path());
        env.insert(QStringLiteral("ANTHROPIC_BASE_URL"), server->url().toString());
        env.insert(QStringLiteral("ANTHROPIC_API_KEY"), canaryKey);
        const ProcessResult run = runProcess(QStringLiteral(MUXI_CLI_BINARY),
                                             {QStringLiteral("chat"), QStringLiteral("-m"), QStringLiteral("anthropic/claude-x"),
                                              QStringLiteral("--stream"), QStringLiteral("hi")},
                                             env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out, QByteArray("Hello, world!\n"));
        QVERIFY(!run.err.contains(canaryKey.toUtf8()));
        QCOMPARE(server->requests().size(), 1);
        QCOMPARE(server->requests().first().json().value(key("messages")).toArray().first().toObject().value(key("content")).toArray().first().toObject(),
                 jsonObject(R"({"type":"text","text":"hi"})"));
    }
};

QTEST_GUILESS_MAIN(TestAnthropicAdapter)
#include "tst_anthropicadapter.moc"
