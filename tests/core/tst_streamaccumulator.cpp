#include <muxi/streamaccumulator.h>

#include <fixtures.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace muxi;

namespace {
ChatChunk chunk(const QByteArray &json)
{
    return ChatChunk::fromJson(QJsonDocument::fromJson(json).object());
}

QList<ChatChunk> chunks(const QString &fixture)
{
    QList<ChatChunk> list;
    const QList<QByteArray> lines = test::fixture(fixture).split('\n');
    for (const QByteArray &line : lines) {
        if (!line.isEmpty())
            list.append(chunk(line));
    }
    return list;
}
}

class TestStreamAccumulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routesChoicesAndToolCallsByIndex()
    {
        // Two choices; choice 0 streams a tool call in fragments.
        const QList<ChatChunk> stream = chunks(QStringLiteral("core/accumulator-parallel.ndjson"));
        QCOMPARE(stream.size(), 6);
        StreamAccumulator acc;
        for (qsizetype i = 0; i < 3; ++i)
            acc.add(stream.at(i));
        QVERIFY(!acc.isComplete());
        acc.add(stream.at(3));
        QVERIFY(!acc.isComplete());
        acc.add(stream.at(4));
        QVERIFY(acc.isComplete());
        acc.add(stream.at(5));

        const ChatCompletion c = acc.completion();
        QCOMPARE(c.id, QStringLiteral("x"));
        QCOMPARE(c.choices.size(), 2);
        QCOMPARE(c.choices.at(0).message.text(), QStringLiteral("A"));
        QCOMPARE(c.choices.at(0).message.toolCalls.first().arguments, QStringLiteral(R"({"a":1})"));
        QCOMPARE(c.choices.at(1).message.text(), QStringLiteral("Bb"));
        QCOMPARE(c.choices.at(1).finishReason, QStringLiteral("stop"));
        QCOMPARE(c.usage->totalTokens, 3);
    }

    void extrasEndUpWhereAWholeAnswerHasThem()
    {
        // Unknown delta fields belong to the message (arrays and strings grow),
        // unknown call fields to the call, unknown choice fields to the choice.
        const QList<ChatChunk> stream = chunks(QStringLiteral("core/accumulator-extras.ndjson"));
        StreamAccumulator acc;
        for (const ChatChunk &c : stream)
            acc.add(c);
        const ChatChoice choice = acc.completion().choices.first();
        QCOMPARE(choice.message.raw.value(QLatin1String("reasoning")).toString(), QStringLiteral("Thinking hard."));
        const QJsonArray blocks = choice.message.raw.value(QLatin1String("thinking_blocks")).toArray();
        QCOMPARE(blocks.size(), 2);
        QCOMPARE(blocks.at(0).toObject().value(QLatin1String("signature")).toString(), QStringLiteral("s1"));
        QCOMPARE(blocks.at(1).toObject().value(QLatin1String("data")).toString(), QStringLiteral("r1"));
        QCOMPARE(choice.message.toolCalls.size(), 1);
        QCOMPARE(choice.message.toolCalls.first().arguments, QStringLiteral("{}"));
        QCOMPARE(choice.message.toolCalls.first().raw.value(QLatin1String("thought_signature")).toString(), QStringLiteral("sig"));
        QCOMPARE(choice.raw.value(QLatin1String("native_finish_reason")).toString(), QStringLiteral("tool_use"));
        QVERIFY(!choice.raw.contains(QLatin1String("logprobs")));

        // Replaying the answer as chunks and accumulating again loses none of it.
        StreamAccumulator again;
        for (const ChatChunk &c : chunksFromCompletion(acc.completion()))
            again.add(ChatChunk::fromJson(c.toJson()));
        QCOMPARE(again.completion().choices.first().message.raw, choice.message.raw);
        QCOMPARE(again.completion().choices.first().message.toolCalls, choice.message.toolCalls);
        QCOMPARE(again.completion().choices.first().raw, choice.raw);
    }

    void emptyStreamIsNotComplete()
    {
        StreamAccumulator acc;
        QVERIFY(!acc.isComplete());
        QVERIFY(!acc.hasContent());
        acc.add(chunk(QByteArrayLiteral("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}")));
        QVERIFY(!acc.hasContent());
    }
};

QTEST_GUILESS_MAIN(TestStreamAccumulator)
#include "tst_streamaccumulator.moc"
