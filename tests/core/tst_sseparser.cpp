#include <muxi/sseparser.h>

#include <QFile>
#include <QTest>

using muxi::SseEvent;
using muxi::SseParser;

namespace muxi {

// Found by QCOMPARE through ADL, so a failing list comparison shows the events.
char *toString(const SseEvent &event)
{
    return QTest::toString(QByteArray("SseEvent(event=" + event.event + ", data=" + event.data + ", id=" + event.id + ')'));
}

} // namespace muxi

namespace {

// Everything a caller can observe after feeding a stream.
struct Outcome {
    QList<SseEvent> events;
    bool incomplete = false;
    qint64 retry = -1;
    QByteArray lastEventId;

    friend bool operator==(const Outcome &, const Outcome &) = default;
};

Outcome parse(const QList<QByteArrayView> &pieces)
{
    SseParser parser;
    Outcome outcome;
    for (QByteArrayView piece : pieces)
        outcome.events += parser.feed(piece);
    outcome.incomplete = parser.hasIncompleteEvent();
    outcome.retry = parser.retryMilliseconds();
    outcome.lastEventId = parser.lastEventId();
    return outcome;
}

Outcome parseWhole(QByteArrayView stream)
{
    return parse({stream});
}

QByteArray describe(const Outcome &outcome)
{
    QByteArray text = QByteArray("{incomplete=") + (outcome.incomplete ? "yes" : "no") + ", retry=" + QByteArray::number(outcome.retry)
        + ", lastEventId=" + outcome.lastEventId + ", events:";
    for (const SseEvent &event : outcome.events)
        text += " [" + event.event + '|' + event.data + '|' + event.id + ']';
    return text + '}';
}

// Empty when feeding the stream in two pieces cut at every position, and one byte at a
// time, observes exactly what feeding it whole does; else the first difference.
QByteArray splitMismatch(QByteArrayView stream)
{
    const Outcome whole = parseWhole(stream);
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

QList<QByteArray> dataOf(const QList<SseEvent> &events)
{
    QList<QByteArray> data;
    for (const SseEvent &event : events)
        data.append(event.data);
    return data;
}

QList<QByteArray> typesOf(const QList<SseEvent> &events)
{
    QList<QByteArray> types;
    for (const SseEvent &event : events)
        types.append(event.event);
    return types;
}

// For literals with embedded NULs, which the const char * constructors would cut short.
template<qsizetype N>
QByteArray raw(const char (&text)[N])
{
    return QByteArray(text, N - 1);
}

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(MUXI_SSE_FIXTURES "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

const QStringList fixtureNames = {
    QStringLiteral("openai-include-usage.txt"),
    QStringLiteral("openrouter-tool-call.txt"),
    QStringLiteral("anthropic-messages.txt"),
    QStringLiteral("whatwg-fields.txt"),
};

} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineEnds_data();
    void lineEnds();
    void fieldValues_data();
    void fieldValues();
    void comments();
    void eventTypes();
    void ids();
    void retry_data();
    void retry();
    void retryKeepsLastValidValue();
    void byteOrderMark_data();
    void byteOrderMark();
    void eventCutByEof();
    void crLfAcrossFeeds();
    void fixtures_data();
    void fixtures();
    void whatwgFieldsFixture();
    void splitEverywhere_data();
    void splitEverywhere();
    void longLineInOneBytePieces();
};

void TestSseParser::lineEnds_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<QByteArray>>("data");

    const QList<QByteArray> ab = {"a", "b"};
    QTest::newRow("LF") << QByteArray("data: a\n\ndata: b\n\n") << ab;
    QTest::newRow("CRLF") << QByteArray("data: a\r\n\r\ndata: b\r\n\r\n") << ab;
    QTest::newRow("CR") << QByteArray("data: a\r\rdata: b\r\r") << ab;
    QTest::newRow("mixed") << QByteArray("data: a\r\ndata: b\rdata: c\n\r\n") << QList<QByteArray>{"a\nb\nc"};
    // "\n\r" is not a pair: the '\r' is a second, blank, line.
    QTest::newRow("LF then CR") << QByteArray("data: a\n\rdata: b\n\n") << ab;
    QTest::newRow("CR CR LF") << QByteArray("data: a\r\r\ndata: b\n\n") << ab;
}

void TestSseParser::lineEnds()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<QByteArray>, data);

    QCOMPARE(dataOf(parseWhole(stream).events), data);
    QCOMPARE(splitMismatch(stream), QByteArray());
}

void TestSseParser::fieldValues_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<QByteArray>>("data");

    QTest::newRow("no space") << QByteArray("data:x\n\n") << QList<QByteArray>{"x"};
    QTest::newRow("one space dropped") << QByteArray("data: x\n\n") << QList<QByteArray>{"x"};
    QTest::newRow("two spaces keep one") << QByteArray("data:  x\n\n") << QList<QByteArray>{" x"};
    QTest::newRow("tab kept") << QByteArray("data:\tx\n\n") << QList<QByteArray>{"\tx"};
    QTest::newRow("trailing space kept") << QByteArray("data: x \n\n") << QList<QByteArray>{"x "};
    QTest::newRow("split at first colon only") << QByteArray("data: a: b\n\n") << QList<QByteArray>{"a: b"};
    QTest::newRow("multi-line") << QByteArray("data: a\ndata: b\ndata: c\n\n") << QList<QByteArray>{"a\nb\nc"};
    QTest::newRow("empty value") << QByteArray("data:\n\n") << QList<QByteArray>{""};
    QTest::newRow("field without colon") << QByteArray("data\n\n") << QList<QByteArray>{""};
    QTest::newRow("empty line inside") << QByteArray("data: a\ndata\ndata: b\n\n") << QList<QByteArray>{"a\n\nb"};
    QTest::newRow("only one final LF dropped") << QByteArray("data: a\ndata:\n\n") << QList<QByteArray>{"a\n"};
    QTest::newRow("space before colon") << QByteArray("data : x\n\n") << QList<QByteArray>{};
    QTest::newRow("case sensitive") << QByteArray("Data: x\n\n") << QList<QByteArray>{};
    QTest::newRow("unknown field") << QByteArray("foo: bar\ndata: x\n\n") << QList<QByteArray>{"x"};
    QTest::newRow("no data no event") << QByteArray("event: e\nid: 1\nretry: 5\n\n") << QList<QByteArray>{};
    QTest::newRow("blank lines alone") << QByteArray("\n\n\r\n\r") << QList<QByteArray>{};
    QTest::newRow("NUL in data kept") << raw("data: a\0b\n\n") << QList<QByteArray>{raw("a\0b")};
}

void TestSseParser::fieldValues()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<QByteArray>, data);

    QCOMPARE(dataOf(parseWhole(stream).events), data);
    QCOMPARE(splitMismatch(stream), QByteArray());
}

void TestSseParser::comments()
{
    const QByteArray keepAlives = ": OPENROUTER PROCESSING\n\n: keep-alive\r\n\r\n:\n\n";
    const Outcome onlyComments = parseWhole(keepAlives);
    QVERIFY(onlyComments.events.isEmpty());
    QVERIFY(!onlyComments.incomplete);

    const QByteArray interleaved = ": OPENROUTER PROCESSING\ndata: x\n: between data lines\ndata: y\n\n";
    QCOMPARE(dataOf(parseWhole(interleaved).events), QList<QByteArray>{"x\ny"});
    QCOMPARE(splitMismatch(interleaved), QByteArray());

    // A comment is not a blank line: it neither dispatches nor ends the event.
    const Outcome pending = parseWhole("data: x\n: ping\n");
    QVERIFY(pending.events.isEmpty());
    QVERIFY(pending.incomplete);
}

void TestSseParser::eventTypes()
{
    const QByteArray stream =
        "event: ping\ndata: {}\n\n"
        "data: plain\n\n"
        "event: a\nevent: b\ndata: last wins\n\n"
        "event: lost\n\n"
        "data: type reset by the blank line\n\n"
        "event\ndata: empty type\n\n"
        "event:  spaced\ndata: one space kept\n\n";
    const QList<SseEvent> events = parseWhole(stream).events;
    QCOMPARE(typesOf(events), (QList<QByteArray>{"ping", "", "b", "", "", " spaced"}));
    QCOMPARE(dataOf(events),
             (QList<QByteArray>{"{}", "plain", "last wins", "type reset by the blank line", "empty type", "one space kept"}));
    QCOMPARE(splitMismatch(stream), QByteArray());
}

void TestSseParser::ids()
{
    SseParser parser;
    QCOMPARE(parser.lastEventId(), QByteArray());

    // The id buffer persists across events until the server changes it.
    QList<SseEvent> events = parser.feed("id: 1\ndata: a\n\ndata: b\n\n");
    QCOMPARE(events, (QList<SseEvent>{{"", "a", "1"}, {"", "b", "1"}}));
    QCOMPARE(parser.lastEventId(), QByteArray("1"));

    // The last event id only moves on dispatch, even for a blank line without data.
    QVERIFY(parser.feed("id: 2\n").isEmpty());
    QCOMPARE(parser.lastEventId(), QByteArray("1"));
    QVERIFY(parser.feed("\n").isEmpty());
    QCOMPARE(parser.lastEventId(), QByteArray("2"));

    QCOMPARE(parser.feed(raw("id: 3\0x\ndata: c\n\n")), (QList<SseEvent>{{"", "c", "2"}}));
    QCOMPARE(parser.lastEventId(), QByteArray("2"));

    QCOMPARE(parser.feed("id\ndata: d\n\n"), (QList<SseEvent>{{"", "d", ""}}));
    QCOMPARE(parser.lastEventId(), QByteArray());

    QCOMPARE(parser.feed("id:  4\ndata: e\n\n"), (QList<SseEvent>{{"", "e", " 4"}}));
}

void TestSseParser::retry_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<qint64>("milliseconds");

    QTest::newRow("digits") << QByteArray("retry: 3000\n") << qint64(3000);
    QTest::newRow("no space") << QByteArray("retry:250\n") << qint64(250);
    QTest::newRow("zero") << QByteArray("retry: 0\n") << qint64(0);
    QTest::newRow("leading zeros") << QByteArray("retry: 007\n") << qint64(7);
    QTest::newRow("unit") << QByteArray("retry: 30s\n") << qint64(-1);
    QTest::newRow("negative") << QByteArray("retry: -5\n") << qint64(-1);
    QTest::newRow("plus sign") << QByteArray("retry: +5\n") << qint64(-1);
    QTest::newRow("second space") << QByteArray("retry:  5\n") << qint64(-1);
    QTest::newRow("trailing space") << QByteArray("retry: 5 \n") << qint64(-1);
    QTest::newRow("fraction") << QByteArray("retry: 1.5\n") << qint64(-1);
    QTest::newRow("empty") << QByteArray("retry:\n") << qint64(-1);
    QTest::newRow("no colon") << QByteArray("retry\n") << qint64(-1);
    QTest::newRow("overflow") << QByteArray("retry: 99999999999999999999\n") << qint64(-1);
}

void TestSseParser::retry()
{
    QFETCH(QByteArray, line);
    QFETCH(qint64, milliseconds);

    // Applies at once: no blank line needed.
    SseParser parser;
    parser.feed(line);
    QCOMPARE(parser.retryMilliseconds(), milliseconds);
}

void TestSseParser::retryKeepsLastValidValue()
{
    SseParser parser;
    parser.feed("retry: 100\nretry: 200\n\n");
    QCOMPARE(parser.retryMilliseconds(), qint64(200));
    parser.feed("retry: later\n\nretry: -1\n\n");
    QCOMPARE(parser.retryMilliseconds(), qint64(200));
}

void TestSseParser::byteOrderMark_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<QByteArray>>("data");

    QTest::newRow("stripped") << QByteArray("\xEF\xBB\xBF" "data: x\n\n") << QList<QByteArray>{"x"};
    QTest::newRow("stripped before a blank line") << QByteArray("\xEF\xBB\xBF\ndata: x\n\n") << QList<QByteArray>{"x"};
    // Only one BOM is stripped: the second makes the field name "\uFEFFdata".
    QTest::newRow("only one stripped") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF" "data: x\n\n") << QList<QByteArray>{};
    QTest::newRow("not at start") << QByteArray("data: a\n\n\xEF\xBB\xBF" "data: b\n\n") << QList<QByteArray>{"a"};
    QTest::newRow("partial BOM is content") << QByteArray("\xEF\xBB" "data: x\n\n") << QList<QByteArray>{};
    QTest::newRow("partial BOM line") << QByteArray("\xEF\n\ndata: x\n\n") << QList<QByteArray>{"x"};
    QTest::newRow("BOM bytes in a value") << QByteArray("data: \xEF\xBB\xBF\n\n") << QList<QByteArray>{"\xEF\xBB\xBF"};
}

void TestSseParser::byteOrderMark()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<QByteArray>, data);

    QCOMPARE(dataOf(parseWhole(stream).events), data);
    QCOMPARE(splitMismatch(stream), QByteArray());
}

void TestSseParser::eventCutByEof()
{
    SseParser parser;
    QVERIFY(!parser.hasIncompleteEvent());

    QVERIFY(parser.feed("data: partial").isEmpty());
    QVERIFY(parser.hasIncompleteEvent());
    // A finished line is not a finished event.
    QVERIFY(parser.feed(" still\n").isEmpty());
    QVERIFY(parser.hasIncompleteEvent());
    QCOMPARE(parser.feed("\n"), (QList<SseEvent>{{"", "partial still", ""}}));
    QVERIFY(!parser.hasIncompleteEvent());

    QVERIFY(parser.feed("event: message_stop\n").isEmpty());
    QVERIFY(parser.hasIncompleteEvent());
    QVERIFY(parser.feed("\r\n").isEmpty());
    QVERIFY(!parser.hasIncompleteEvent());

    QVERIFY(parser.feed("data: [DONE]\r").isEmpty());
    QVERIFY(parser.hasIncompleteEvent());

    QVERIFY(parseWhole("\xEF\xBB").incomplete);
}

void TestSseParser::crLfAcrossFeeds()
{
    // Were "\r" | "\n" taken as two line ends, the second would be a blank line
    // dispatching "a" on its own.
    SseParser parser;
    QVERIFY(parser.feed("data: a\r").isEmpty());
    QVERIFY(parser.feed("\n").isEmpty());
    QVERIFY(parser.feed("data: b\r").isEmpty());
    QCOMPARE(parser.feed("\ndata: c\r\n\r"), (QList<SseEvent>{{"", "a\nb\nc", ""}}));
    QVERIFY(!parser.hasIncompleteEvent());

    // The pending "\r" looks only at the first byte of the next feed.
    SseParser other;
    other.feed("data: a\r");
    QVERIFY(other.feed("").isEmpty());
    QCOMPARE(other.feed("\n\n"), (QList<SseEvent>{{"", "a", ""}}));
}

void TestSseParser::fixtures_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QList<QByteArray>>("types");
    QTest::addColumn<QByteArray>("lastData");

    QTest::newRow("OpenAI with include_usage") << QStringLiteral("openai-include-usage.txt") << QList<QByteArray>(5) << QByteArray("[DONE]");
    QTest::newRow("OpenRouter keep-alives and tool call")
        << QStringLiteral("openrouter-tool-call.txt") << QList<QByteArray>(5) << QByteArray("[DONE]");
    QTest::newRow("Anthropic messages") << QStringLiteral("anthropic-messages.txt")
                                        << QList<QByteArray>{"message_start", "content_block_start", "ping", "content_block_delta",
                                                             "content_block_stop", "message_delta", "message_stop"}
                                        << QByteArray(R"({"type":"message_stop"})");
}

void TestSseParser::fixtures()
{
    QFETCH(QString, name);
    QFETCH(QList<QByteArray>, types);
    QFETCH(QByteArray, lastData);

    const Outcome outcome = parseWhole(fixture(name));
    QCOMPARE(typesOf(outcome.events), types);
    QCOMPARE(outcome.events.constLast().data, lastData);
    QVERIFY(!outcome.incomplete);
    for (const SseEvent &event : outcome.events) {
        QVERIFY2(!event.data.contains('\n'), event.data.constData());
        QVERIFY2(event.data.startsWith('{') || event.data == "[DONE]", event.data.constData());
        // Anthropic repeats the event name as the JSON "type".
        if (!event.event.isEmpty())
            QVERIFY2(event.data.contains("\"type\":\"" + event.event + '"') || event.data.contains("\"type\": \"" + event.event + '"'),
                     event.data.constData());
    }
}

void TestSseParser::whatwgFieldsFixture()
{
    const Outcome outcome = parseWhole(fixture(QStringLiteral("whatwg-fields.txt")));
    const QList<SseEvent> expected = {
        {"", "first line\nsecond line\n indented\n", "1"},
        {"update", R"({"key": "value: with colon"})", "2"},
        {"", "id reset to empty", ""},
    };
    QCOMPARE(outcome.events, expected);
    QCOMPARE(outcome.retry, qint64(2500));
    QCOMPARE(outcome.lastEventId, QByteArray("3"));
    QVERIFY(outcome.incomplete);
}

void TestSseParser::splitEverywhere_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QByteArray>("lfStream");

    // Every variant must also decode exactly like the LF original.
    for (const QString &name : fixtureNames) {
        const QByteArray lf = fixture(name);
        const QByteArray crLf = QByteArray(lf).replace("\n", "\r\n");
        const QByteArray file = name.toUtf8();
        QTest::addRow("%s LF", file.constData()) << lf << lf;
        QTest::addRow("%s CRLF", file.constData()) << crLf << lf;
        QTest::addRow("%s CR", file.constData()) << QByteArray(lf).replace('\n', '\r') << lf;
        QTest::addRow("%s BOM CRLF", file.constData()) << "\xEF\xBB\xBF" + crLf << lf;
    }
}

void TestSseParser::splitEverywhere()
{
    QFETCH(QByteArray, stream);
    QFETCH(QByteArray, lfStream);

    QCOMPARE(describe(parseWhole(stream)), describe(parseWhole(lfStream)));
    QCOMPARE(splitMismatch(stream), QByteArray());
}

void TestSseParser::longLineInOneBytePieces()
{
    const QByteArray payload(1 << 20, 'x');
    const QByteArray stream = "data: " + payload + "\r\n\r\n";
    SseParser parser;
    QList<SseEvent> events;
    for (char c : stream)
        events += parser.feed(QByteArrayView(&c, 1));
    QCOMPARE(events.size(), 1);
    QVERIFY(events.constFirst().data == payload);
    QVERIFY(!parser.hasIncompleteEvent());
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
