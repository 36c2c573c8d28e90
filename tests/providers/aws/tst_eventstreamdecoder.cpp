#include "eventstreamwriter.h"

#include <muxi/providers/eventstreamdecoder.h>

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>
#include <QUuid>

using namespace muxi;
using namespace muxi::test;

namespace {

using Header = EventStreamMessage::Header;
using Type = Header::Type;

struct Outcome {
    QList<EventStreamMessage> messages;
    std::optional<QString> error;
    bool partial = false;
};

Outcome decodeInPieces(const QByteArray &stream, const QList<qsizetype> &cuts)
{
    EventStreamDecoder decoder;
    Outcome outcome;
    qsizetype start = 0;
    QList<qsizetype> ends = cuts;
    ends.append(stream.size());
    for (const qsizetype end : std::as_const(ends)) {
        if (auto error = decoder.feed(QByteArrayView(stream).sliced(start, end - start), outcome.messages); error && !outcome.error)
            outcome.error = error;
        start = end;
    }
    outcome.partial = decoder.hasPartialMessage();
    return outcome;
}

QList<Header> everyHeaderType()
{
    return {
        {"flag-true", Type::BoolTrue, true},
        {"flag-false", Type::BoolFalse, false},
        {"byte", Type::Byte, -7},
        {"short", Type::Int16, -30000},
        {"int", Type::Int32, 2000000000},
        {"long", Type::Int64, qint64(-9000000000000LL)},
        {"bytes", Type::Bytes, QByteArray("\x00\xff\x10", 3)},
        {":event-type", Type::String, QStringLiteral("contentBlockDelta")},
        {"when", Type::Timestamp, QDateTime::fromMSecsSinceEpoch(1440938160123LL, Qt::UTC)},
        {"id", Type::Uuid, QUuid(QStringLiteral("{67e55044-10b1-426f-9247-bb680e5fe0c8}"))},
    };
}

QByteArray threeMessages()
{
    return eventStreamMessage({stringHeader(":event-type", QStringLiteral("messageStart"))}, R"({"role":"assistant"})")
        + eventStreamMessage(everyHeaderType(), "payload with\0nul"_qba)
        + eventStreamMessage({}, {});
}
}

// The event-stream framing decoder, against frames built from the format's description.
class TestEventStreamDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crcMatchesZlib()
    {
        QCOMPARE(EventStreamDecoder::crc32(""), 0u);
        QCOMPARE(EventStreamDecoder::crc32("123456789"), 0xCBF43926u);
        QByteArray random(4099, Qt::Uninitialized);
        for (char &c : random)
            c = char(QRandomGenerator::global()->bounded(256));
        QCOMPARE(EventStreamDecoder::crc32(random), zlibCrc32(random));
    }

    void publishedVectors()
    {
        // providers-native.md §9: the empty message, and the one of emblica/aws-event-stream-parser-rs's README.
        QList<EventStreamMessage> messages;
        EventStreamDecoder decoder;
        QVERIFY(!decoder.feed(QByteArray::fromHex("000000100000000005c248eb7d98c8ff"), messages));
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.first().headers.isEmpty());
        QVERIFY(messages.first().payload.isEmpty());

        const QByteArray vector = QByteArray::fromHex("0000003d0000002007fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e"
                                                      "7b27666f6f273a27626172277d8d9c08b1");
        QCOMPARE(vector.size(), 61);
        QVERIFY(!decoder.feed(vector, messages));
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.last().text("content-type"), QStringLiteral("application/json"));
        QCOMPARE(messages.last().payload, QByteArray("{'foo':'bar'}"));
        // The writer the other tests use produces exactly these bytes.
        QCOMPARE(eventStreamMessage({stringHeader("content-type", QStringLiteral("application/json"))}, "{'foo':'bar'}"), vector);
        QVERIFY(!decoder.hasPartialMessage());
    }

    void allTenHeaderTypes()
    {
        const QList<Header> headers = everyHeaderType();
        QList<EventStreamMessage> messages;
        EventStreamDecoder decoder;
        QVERIFY(!decoder.feed(eventStreamMessage(headers, "x"), messages));
        QCOMPARE(messages.size(), 1);
        const EventStreamMessage &message = messages.first();
        QCOMPARE(message.headers.size(), 10);
        for (qsizetype i = 0; i < headers.size(); ++i) {
            QCOMPARE(message.headers.at(i).name, headers.at(i).name);
            QCOMPARE(message.headers.at(i).type, headers.at(i).type);
            QCOMPARE(message.headers.at(i).value, headers.at(i).value);
        }
        QCOMPARE(message.text(":event-type"), QStringLiteral("contentBlockDelta"));
        QCOMPARE(message.text("bytes"), QString::fromUtf8(QByteArray("\x00\xff\x10", 3)));
        QVERIFY(message.text("missing").isEmpty());
        QCOMPARE(message.header("long")->value.toLongLong(), -9000000000000LL);
    }

    void splitAtEveryByte()
    {
        const QByteArray stream = threeMessages();
        const Outcome whole = decodeInPieces(stream, {});
        QVERIFY(!whole.error);
        QCOMPARE(whole.messages.size(), 3);
        QCOMPARE(whole.messages.at(1).payload, "payload with\0nul"_qba);
        for (qsizetype cut = 1; cut < stream.size(); ++cut) {
            const Outcome split = decodeInPieces(stream, {cut});
            QVERIFY2(!split.error && split.messages == whole.messages, qPrintable(QString::number(cut)));
        }
        QList<qsizetype> everyByte;
        for (qsizetype i = 1; i < stream.size(); ++i)
            everyByte.append(i);
        QVERIFY(decodeInPieces(stream, everyByte).messages == whole.messages);
    }

    void truncatedFrameWaits()
    {
        const QByteArray stream = threeMessages();
        for (qsizetype length : {qsizetype(1), qsizetype(11), qsizetype(12), stream.size() - 1}) {
            EventStreamDecoder decoder;
            QList<EventStreamMessage> messages;
            QVERIFY(!decoder.feed(stream.left(length), messages));
            QVERIFY2(decoder.hasPartialMessage(), qPrintable(QString::number(length)));
            QVERIFY(!decoder.hasFailed());
        }
    }

    void corruptedCrc_data()
    {
        QTest::addColumn<int>("byte");
        QTest::addColumn<QString>("expected");
        // Byte 2 is in the total length, 9 in the prelude CRC: the prelude check catches both.
        QTest::newRow("total length") << 2 << "prelude CRC";
        QTest::newRow("headers length") << 6 << "prelude CRC";
        QTest::newRow("prelude crc") << 9 << "prelude CRC";
        QTest::newRow("header byte") << 14 << "message CRC";
        QTest::newRow("payload byte") << -6 << "message CRC";
        QTest::newRow("message crc") << -1 << "message CRC";
    }

    void corruptedCrc()
    {
        QFETCH(int, byte);
        QFETCH(QString, expected);
        QByteArray frame = eventStreamMessage({stringHeader(":event-type", QStringLiteral("chunk"))}, R"({"bytes":"aGk="})");
        const qsizetype at = byte >= 0 ? byte : frame.size() + byte;
        frame[at] = char(frame.at(at) ^ 0x04);
        EventStreamDecoder decoder;
        QList<EventStreamMessage> messages;
        const auto error = decoder.feed(frame + eventStreamMessage({}, "next"), messages);
        QVERIFY(error);
        QVERIFY2(error->contains(expected), qPrintable(*error));
        QVERIFY(messages.isEmpty());
        QVERIFY(decoder.hasFailed());
        // No resynchronisation: a broken stream stays broken.
        QCOMPARE(decoder.feed(eventStreamMessage({}, "later"), messages), error);
        QVERIFY(messages.isEmpty());
    }

    void impossibleLengths()
    {
        auto withPrelude = [](quint32 total, quint32 headers) {
            QByteArray prelude;
            for (const quint32 v : {total, headers})
                for (int i = 3; i >= 0; --i)
                    prelude += char((v >> (8 * i)) & 0xFF);
            const quint32 crc = zlibCrc32(prelude);
            for (int i = 3; i >= 0; --i)
                prelude += char((crc >> (8 * i)) & 0xFF);
            return prelude + QByteArray(8, 'x');
        };
        for (const auto &[total, headers] : {std::pair{8u, 0u}, std::pair{20u, 10u}, std::pair{EventStreamDecoder::MaxMessageSize + 1, 0u}}) {
            EventStreamDecoder decoder;
            QList<EventStreamMessage> messages;
            const auto error = decoder.feed(withPrelude(total, headers), messages);
            QVERIFY2(error && error->contains(QLatin1String("impossible")), qPrintable(error.value_or(QStringLiteral("no error"))));
        }
    }

    void malformedHeaderBlock()
    {
        // A header of type 10, which does not exist, in an otherwise valid frame.
        QByteArray block("\x01" "a" "\x0a", 3);
        QByteArray frame;
        const quint32 total = 12 + block.size() + 4;
        for (const quint32 v : {total, quint32(block.size())})
            for (int i = 3; i >= 0; --i)
                frame += char((v >> (8 * i)) & 0xFF);
        quint32 crc = zlibCrc32(frame);
        for (int i = 3; i >= 0; --i)
            frame += char((crc >> (8 * i)) & 0xFF);
        frame += block;
        crc = zlibCrc32(frame);
        for (int i = 3; i >= 0; --i)
            frame += char((crc >> (8 * i)) & 0xFF);
        EventStreamDecoder decoder;
        QList<EventStreamMessage> messages;
        const auto error = decoder.feed(frame, messages);
        QVERIFY(error && error->contains(QLatin1String("malformed header")));
    }

    void listingBuildsFramesWithDefaults()
    {
        const QByteArray stream = eventStreamFromListing(
            "# comment\n:event-type=messageStart {\"role\":\"assistant\"}\n\n"
            ":message-type=exception :exception-type=throttlingException {\"message\":\"slow\"}\n"
            ":event-type=PayloadPart \"data:{\\\"a\\\":1}\\n\\n\"\n");
        const Outcome outcome = decodeInPieces(stream, {});
        QCOMPARE(outcome.messages.size(), 3);
        QCOMPARE(outcome.messages.at(0).text(":message-type"), QStringLiteral("event"));
        QCOMPARE(outcome.messages.at(0).text(":content-type"), QStringLiteral("application/json"));
        QCOMPARE(outcome.messages.at(1).text(":exception-type"), QStringLiteral("throttlingException"));
        QCOMPARE(outcome.messages.at(1).text(":message-type"), QStringLiteral("exception"));
        QCOMPARE(outcome.messages.at(2).payload, QByteArray("data:{\"a\":1}\n\n"));
    }
};

QTEST_GUILESS_MAIN(TestEventStreamDecoder)
#include "tst_eventstreamdecoder.moc"
