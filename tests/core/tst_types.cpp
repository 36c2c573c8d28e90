#include <muxi/chatchunk.h>
#include <muxi/chatcompletion.h>
#include <muxi/chatrequest.h>
#include <muxi/completionrequest.h>
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
