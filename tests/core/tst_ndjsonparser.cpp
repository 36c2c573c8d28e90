#include <muxi/ndjsonparser.h>

#include <QTest>

using muxi::NdjsonParser;

namespace {

// Everything a caller can observe: the lines from feed(), then what finish() returns.
struct Outcome {
    QList<QByteArray> lines;
    QByteArray last;

    friend bool operator==(const Outcome &, const Outcome &) = default;
};

Outcome parse(const QList<QByteArrayView> &pieces)
{
    NdjsonParser parser;
    Outcome outcome;
    for (QByteArrayView piece : pieces)
        outcome.lines += parser.feed(piece);
    outcome.last = parser.finish();
    return outcome;
}

QByteArray describe(const Outcome &outcome)
{
    return "{lines: [" + outcome.lines.join("] [") + "], finish: [" + outcome.last + "]}";
}

// Empty when feeding the stream in two pieces cut at every position, and one byte at a
// time, observes exactly what feeding it whole does; else the first difference.
QByteArray splitMismatch(QByteArrayView stream)
{
    const Outcome whole = parse({stream});
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        const Outcome split = parse({stream.first(cut), stream.sliced(cut)});
        if (split != whole)
            return "cut at " + QByteArray::number(cut) + ": " + describe(split) + " instead of " + describe(whole);
    }
    QList<QByteArrayView> bytes;
    for (qsizetype i = 0; i < stream.size(); ++i)
        bytes.append(stream.sliced(i, 1));
    const Outcome byByte = parse(bytes);
    if (byByte != whole)
        return "byte at a time: " + describe(byByte) + " instead of " + describe(whole);
    return {};
}

} // namespace

class TestNdjsonParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lines_data();
    void lines();
    void pendingBytes();
    void finishStartsOver();
    void longLineInOneBytePieces();
};

void TestNdjsonParser::lines_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<QByteArray>>("lines");
    QTest::addColumn<QByteArray>("last");

    const QList<QByteArray> ab = {R"({"a":1})", R"({"b":2})"};
    QTest::newRow("empty") << QByteArray() << QList<QByteArray>{} << QByteArray();
    QTest::newRow("LF") << QByteArray("{\"a\":1}\n{\"b\":2}\n") << ab << QByteArray();
    QTest::newRow("CRLF") << QByteArray("{\"a\":1}\r\n{\"b\":2}\r\n") << ab << QByteArray();
    QTest::newRow("blank lines") << QByteArray("\n{\"a\":1}\n\n\r\n \t\n{\"b\":2}\n\n") << ab << QByteArray();
    QTest::newRow("unterminated last line") << QByteArray("{\"a\":1}\n{\"b\":2}") << QList<QByteArray>{ab.first()} << ab.last();
    QTest::newRow("unterminated last line with CR") << QByteArray("{\"a\":1}\r") << QList<QByteArray>{} << ab.first();
    QTest::newRow("unterminated blank line") << QByteArray("{\"a\":1}\n \r") << QList<QByteArray>{ab.first()} << QByteArray();
    // Only '\n' ends an NDJSON line; a lone '\r' is JSON whitespace.
    QTest::newRow("lone CR inside") << QByteArray("{\"a\":\r1}\n") << QList<QByteArray>{"{\"a\":\r1}"} << QByteArray();
    QTest::newRow("one CR stripped") << QByteArray("{}\r\r\n") << QList<QByteArray>{"{}\r"} << QByteArray();
    QTest::newRow("surrounding spaces kept") << QByteArray(" {} \n") << QList<QByteArray>{" {} "} << QByteArray();
    QTest::newRow("Ollama chat")
        << QByteArray(
               R"({"model":"llama3.2","created_at":"2024-07-22T20:33:28Z","message":{"role":"assistant","content":"The"},"done":false})"
               "\n"
               R"({"model":"llama3.2","created_at":"2024-07-22T20:33:28Z","message":{"role":"assistant","content":" sky"},"done":false})"
               "\n"
               R"({"model":"llama3.2","created_at":"2024-07-22T20:33:29Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","eval_count":282})"
               "\n")
        << QList<QByteArray>{
               R"({"model":"llama3.2","created_at":"2024-07-22T20:33:28Z","message":{"role":"assistant","content":"The"},"done":false})",
               R"({"model":"llama3.2","created_at":"2024-07-22T20:33:28Z","message":{"role":"assistant","content":" sky"},"done":false})",
               R"({"model":"llama3.2","created_at":"2024-07-22T20:33:29Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","eval_count":282})",
           }
        << QByteArray();
}

void TestNdjsonParser::lines()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<QByteArray>, lines);
    QFETCH(QByteArray, last);

    const Outcome outcome = parse({stream});
    QCOMPARE(outcome.lines, lines);
    QCOMPARE(outcome.last, last);
    QCOMPARE(splitMismatch(stream), QByteArray());
}

void TestNdjsonParser::pendingBytes()
{
    NdjsonParser parser;
    QVERIFY(!parser.hasPendingBytes());
    QVERIFY(parser.feed("{\"done\":").isEmpty());
    QVERIFY(parser.hasPendingBytes());
    QCOMPARE(parser.feed("true}\n{"), QList<QByteArray>{"{\"done\":true}"});
    QVERIFY(parser.hasPendingBytes());
    QCOMPARE(parser.feed("}\n"), QList<QByteArray>{"{}"});
    QVERIFY(!parser.hasPendingBytes());
}

void TestNdjsonParser::finishStartsOver()
{
    NdjsonParser parser;
    parser.feed("{\"a\":");
    QCOMPARE(parser.finish(), QByteArray("{\"a\":"));
    QVERIFY(!parser.hasPendingBytes());
    QCOMPARE(parser.finish(), QByteArray());
    QCOMPARE(parser.feed("{}\n"), QList<QByteArray>{"{}"});
}

void TestNdjsonParser::longLineInOneBytePieces()
{
    const QByteArray line = "{\"content\":\"" + QByteArray(1 << 20, 'x') + "\"}";
    const QByteArray stream = line + "\r\n";
    NdjsonParser parser;
    QList<QByteArray> lines;
    for (char c : stream)
        lines += parser.feed(QByteArrayView(&c, 1));
    QCOMPARE(lines.size(), 1);
    QVERIFY(lines.constFirst() == line);
    QVERIFY(!parser.hasPendingBytes());
}

QTEST_GUILESS_MAIN(TestNdjsonParser)
#include "tst_ndjsonparser.moc"
