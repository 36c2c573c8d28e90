#include <muxi/chatchunk.h>
#include <muxi/chatcompletion.h>
#include <muxi/chatrequest.h>
#include <muxi/completion.h>
#include <muxi/completionrequest.h>
#include <muxi/responseformat.h>
#include <muxi/usage.h>
#include <muxi/embeddingrequest.h>
#include <muxi/embeddingresponse.h>
#include <fixtures.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace muxi;

namespace {
QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}
}

// OpenAI-shaped types read and write the wire JSON without losing anything.
class TestTypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chatRequestRoundTrip()
    {
        const QJsonObject wire = parse(test::fixture(QStringLiteral("core/chat-request-full.json")));
        const ChatRequest request = ChatRequest::fromJson(wire);
        QCOMPARE(request.messages.size(), 4);
        QCOMPARE(request.messages.at(0).role, Message::Role::Developer);
        const Message &user = request.messages.at(1);
        QCOMPARE(user.content.size(), 6);
        QCOMPARE(user.content.at(1).data, QByteArray::fromBase64("iVBORw0KGgo="));
        QCOMPARE(user.content.at(1).mimeType, QStringLiteral("image/png"));
        QCOMPARE(user.content.at(2).url, QUrl(QStringLiteral("https://example.com/cat.jpg")));
        QCOMPARE(user.content.at(3).data, QByteArray("RIFF"));
        QCOMPARE(user.content.at(4).mimeType, QStringLiteral("application/pdf"));
        QCOMPARE(user.content.at(5).type, ContentPart::Type::Other);
        QCOMPARE(request.messages.at(2).form, Message::ContentForm::Null);
        QCOMPARE(request.messages.at(2).toolCalls.first().arguments, QStringLiteral(R"({"city":"Paris"})"));
        QCOMPARE(request.outputTokenLimit(), 100);
        QVERIFY(request.needsVision());
        QVERIFY(request.needsAudio());
        QVERIFY(request.wantsJson());
        QCOMPARE(request.fallbackModels, QStringList{QStringLiteral("groq/llama")});
        QCOMPARE(request.extra.value(QLatin1String("reasoning_effort")).toString(), QStringLiteral("low"));

        QCOMPARE(request.toJson(), wire);
        QCOMPARE(ChatRequest::fromJson(request.toJson()), request);
    }

    void messageContentForms()
    {
        const QJsonObject plain = parse(R"({"role":"user","content":"hi"})");
        QCOMPARE(Message::fromJson(plain).toJson(), plain);
        const QJsonObject parts = parse(R"({"role":"user","content":[{"type":"text","text":"hi"}]})");
        QCOMPARE(Message::fromJson(parts).toJson(), parts);
        QCOMPARE(Message::fromJson(parts).text(), QStringLiteral("hi"));
        const QJsonObject refusal = parse(R"({"role":"assistant","content":[{"type":"refusal","refusal":"no"}]})");
        QCOMPARE(Message::fromJson(refusal).toJson(), refusal);
    }

    void invalidDataUrlStaysAUrl()
    {
        const ContentPart part = ContentPart::fromJson(parse(R"({"type":"image_url","image_url":{"url":"data:image/png,notbase64"}})"));
        QVERIFY(part.data.isEmpty());
        QCOMPARE(part.url.toString(), QStringLiteral("data:image/png,notbase64"));
    }

    void chatCompletionFixtureRoundTrip()
    {
        const QJsonObject wire = parse(test::fixture(QStringLiteral("openai/chat-tool-calls.json")));
        const ChatCompletion completion = ChatCompletion::fromJson(wire);
        QCOMPARE(completion.choices.first().finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(completion.usage->reasoningTokens, 0);
        QJsonObject expected = wire;
        // "refusal": null carries nothing and is not written back.
        QJsonObject choice = expected.value(QLatin1String("choices")).toArray().first().toObject();
        QJsonObject message = choice.value(QLatin1String("message")).toObject();
        message.remove(QLatin1String("refusal"));
        choice.insert(QLatin1String("message"), message);
        expected.insert(QLatin1String("choices"), QJsonArray{choice});
        QCOMPARE(completion.toJson(), expected);
    }

    void chunkRoundTrip()
    {
        const QJsonObject wire = parse(test::fixture(QStringLiteral("core/chunk-tool-call.json")));
        const ChatChunk chunk = ChatChunk::fromJson(wire);
        QCOMPARE(chunk.choices.first().toolCalls.first().index, 1);
        QCOMPARE(chunk.usage->totalTokens, 3);
        QCOMPARE(chunk.toJson(), wire);
    }

    void chunkWithEveryDeltaField()
    {
        // Reasoning, a refusal, a call's first fragment and a later one (no id,
        // no name), provider fields on the delta, the call and the choice.
        const QJsonObject wire = parse(test::fixture(QStringLiteral("core/chunk-every-field.json")));
        const ChatChunk chunk = ChatChunk::fromJson(wire);
        QCOMPARE(chunk.choices.size(), 1);
        const ChunkChoice &choice = chunk.choices.first();
        QCOMPARE(choice.content, std::optional<QString>(QString()));
        QCOMPARE(choice.reasoningContent, QStringLiteral("thinking"));
        QCOMPARE(choice.refusal, QStringLiteral("no"));
        QCOMPARE(choice.deltaRaw, (QJsonObject{{QLatin1String("signature"), QLatin1String("sig-1")}}));
        QCOMPARE(choice.raw, (QJsonObject{{QLatin1String("native_finish_reason"), QLatin1String("TOOL_USE")}}));
        QCOMPARE(choice.toolCalls.size(), 2);
        QCOMPARE(choice.toolCalls.at(0), (ToolCallDelta(0, QStringLiteral("call_1"), QStringLiteral("f"), QStringLiteral("{\"a\""),
                                                         QJsonObject{{QLatin1String("thought_signature"), QLatin1String("ts")}})));
        QCOMPARE(choice.toolCalls.at(1), (ToolCallDelta(0, QString(), QString(), QStringLiteral(":1}"))));
        QCOMPARE(chunk.usage->cachedTokens, 2);
        QCOMPARE(chunk.usage->reasoningTokens, 3);
        QCOMPARE(chunk.raw, (QJsonObject{{QLatin1String("service_tier"), QLatin1String("default")}}));
        QCOMPARE(chunk.toJson(), wire);
        QCOMPARE(ChatChunk::fromJson(chunk.toJson()), chunk);

        // Unset content is not the same chunk as empty content.
        ChatChunk withoutContent = chunk;
        withoutContent.choices.first().content.reset();
        QVERIFY(!(withoutContent == chunk));
        QVERIFY(!withoutContent.toJson().value(QLatin1String("choices")).toArray().first().toObject().value(QLatin1String("delta")).toObject()
                     .contains(QLatin1String("content")));
    }

    void usageDetailsFromTypedFields()
    {
        // An adapter that fills the typed fields (no wire details in raw) still produces OpenAI's details objects.
        Usage usage;
        usage.promptTokens = 10;
        usage.completionTokens = 20;
        usage.totalTokens = 30;
        usage.cachedTokens = 4;
        usage.reasoningTokens = 6;
        const QJsonObject json = usage.toJson();
        QCOMPARE(json.value(QLatin1String("prompt_tokens_details")).toObject(), (QJsonObject{{QLatin1String("cached_tokens"), 4}}));
        QCOMPARE(json.value(QLatin1String("completion_tokens_details")).toObject(), (QJsonObject{{QLatin1String("reasoning_tokens"), 6}}));
        const Usage back = Usage::fromJson(json);
        QCOMPARE(back.cachedTokens, 4);
        QCOMPARE(back.reasoningTokens, 6);
        QCOMPARE(back.toJson(), json);
    }

    void textCompletionRoundTrip()
    {
        const QJsonObject wire = parse(R"({"id":"cmpl-1","object":"text_completion","created":9,"model":"gpt-3.5-turbo-instruct",
            "choices":[{"index":0,"text":"Hello","finish_reason":"length","logprobs":null},{"index":1,"text":"Hi","finish_reason":null,"logprobs":null}],
            "usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3},"system_fingerprint":"fp_1"})");
        const Completion completion = Completion::fromJson(wire);
        QCOMPARE(completion.text(), QStringLiteral("Hello"));
        QCOMPARE(completion.choices.at(1).finishReason, QString());
        QCOMPARE(completion.usage->totalTokens, 3);
        QCOMPARE(completion.raw, (QJsonObject{{QLatin1String("system_fingerprint"), QLatin1String("fp_1")}}));
        QCOMPARE(completion.toJson(), wire);
        QCOMPARE(Completion::fromJson(completion.toJson()), completion);
        QCOMPARE(Completion().text(), QString());
    }

    void responseFormats_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<int>("type");
        QTest::newRow("text") << QByteArray(R"({"type":"text"})") << int(ResponseFormat::Type::Text);
        QTest::newRow("json object") << QByteArray(R"({"type":"json_object"})") << int(ResponseFormat::Type::JsonObject);
        QTest::newRow("strict schema") << QByteArray(R"({"type":"json_schema","json_schema":{"name":"answer","strict":true,"schema":{"type":"object"}}})")
                                       << int(ResponseFormat::Type::JsonSchema);
    }

    void responseFormats()
    {
        QFETCH(QByteArray, wire);
        QFETCH(int, type);
        const ResponseFormat format = ResponseFormat::fromJson(parse(wire));
        QCOMPARE(int(format.type), type);
        QCOMPARE(format.toJson(), parse(wire));
        QCOMPARE(ResponseFormat::fromJson(format.toJson()), format);
    }

    void embeddingsDecodeLittleEndianFloat32()
    {
        // 1.0f and -2.5f as little-endian IEEE-754 bytes.
        const QByteArray bytes = QByteArray::fromHex("0000803f000020c0");
        QCOMPARE(decodeFloat32Base64(bytes.toBase64()), (QList<float>{1.0f, -2.5f}));
        const QJsonObject wire = parse(test::fixture(QStringLiteral("openai/embeddings-float.json")));
        const EmbeddingResponse response = EmbeddingResponse::fromJson(wire);
        QCOMPARE(response.data.size(), 2);
        QCOMPARE(EmbeddingResponse::fromJson(response.toJson()), response);
    }

    void embeddingAndCompletionRequests()
    {
        const QJsonObject embed = parse(R"({"model":"m","input":["a","b"],"encoding_format":"base64","dimensions":512,"extra":true})");
        QCOMPARE(EmbeddingRequest::fromJson(embed).toJson(), embed);
        const QJsonObject complete = parse(R"({"model":"m","prompt":["a",[1,2]],"max_tokens":16,"suffix":"z","echo":true})");
        QCOMPARE(CompletionRequest::fromJson(complete).toJson(), complete);
    }
};

QTEST_GUILESS_MAIN(TestTypes)
#include "tst_types.moc"
