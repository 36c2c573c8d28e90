#include <muxi/streamaccumulator.h>

#include <fixtures.h>

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
