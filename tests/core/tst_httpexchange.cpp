#include <muxi/httpexchange.h>

#include <fakehttpserver.h>

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace muxi;
using namespace muxi::test;
using std::chrono::milliseconds;

// The four timeouts and the transport's view of cut and complete responses.
class TestHttpExchange : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager network;

    HttpRequest request(const FakeHttpServer &server, bool streaming)
    {
        HttpRequest r;
        r.url = server.url(QStringLiteral("/x"));
        r.body = "{}";
        r.setHeader("Content-Type", "application/json");
        r.streaming = streaming;
        return r;
    }

private Q_SLOTS:
    void firstByteTimeout()
    {
        FakeHttpServer server;
        ScriptedResponse silent;
        silent.silent = true;
        server.script("POST", "/x", {silent});
        Timeouts t;
        t.firstByte = milliseconds(200);
        HttpExchange exchange(&network, request(server, false), t);
        QSignalSpy failed(&exchange, &HttpExchange::failed);
        exchange.start();
        QVERIFY(failed.wait(5000));
        const Error error = failed.first().first().value<Error>();
        QCOMPARE(error.kind, Error::Kind::Timeout);
        QVERIFY(error.message.contains(QStringLiteral("200 ms")));
        QCOMPARE(failed.first().at(1).toBool(), false);
    }

    void idleTimeoutBetweenChunks()
    {
        FakeHttpServer server;
        ScriptedResponse slow = ScriptedResponse::sse({"data: 1\n\n", "data: 2\n\n"}, 600);
        server.script("POST", "/x", {slow});
        Timeouts t;
        t.idle = milliseconds(250);
        HttpExchange exchange(&network, request(server, true), t);
        QSignalSpy failed(&exchange, &HttpExchange::failed);
        exchange.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::Timeout);
        QCOMPARE(failed.first().at(1).toBool(), true);
    }

    void totalTimeout()
    {
        FakeHttpServer server;
        server.script("POST", "/x", {ScriptedResponse::sse({"data: 1\n\n", "data: 2\n\n", "data: 3\n\n", "data: 4\n\n"}, 150)});
        Timeouts t;
        t.total = milliseconds(300);
        HttpExchange exchange(&network, request(server, true), t);
        QSignalSpy failed(&exchange, &HttpExchange::failed);
        QSignalSpy bytes(&exchange, &HttpExchange::bytesReceived);
        exchange.start();
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.first().first().value<Error>().message.contains(QStringLiteral("in total")));
        QVERIFY(bytes.size() < 4);
    }

    void streamedPiecesArriveSeparately()
    {
        FakeHttpServer server;
        server.script("POST", "/x", {ScriptedResponse::sse({"data: 1\n\n", "data: 2\n\n", "data: 3\n\n"}, 50)});
        HttpExchange exchange(&network, request(server, true), Timeouts());
        QSignalSpy finished(&exchange, &HttpExchange::finished);
        QSignalSpy bytes(&exchange, &HttpExchange::bytesReceived);
        exchange.start();
        QVERIFY(finished.wait(5000));
        QVERIFY2(bytes.size() >= 2, "a chunked stream must be delivered as it arrives");
        QByteArray all;
        for (const auto &args : bytes)
            all += args.first().toByteArray();
        QCOMPARE(all, QByteArray("data: 1\n\ndata: 2\n\ndata: 3\n\n"));
    }

    void nothingFollowsASuccessfulAnswer()
    {
        FakeHttpServer server;
        server.script("POST", "/x", {ScriptedResponse::json(200, QByteArray(R"({"ok":true})"))});
        Timeouts t;
        t.total = milliseconds(300);
        t.idle = milliseconds(300);
        HttpExchange exchange(&network, request(server, false), t);
        QSignalSpy finished(&exchange, &HttpExchange::finished);
        QSignalSpy failed(&exchange, &HttpExchange::failed);
        exchange.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().first().value<HttpResponse>().body, QByteArray(R"({"ok":true})"));
        // Timers stopped with the answer: the total limit passing later reports nothing.
        QTest::qWait(500);
        exchange.abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(failed.size(), 0);
    }

    void bodyShorterThanAnnouncedIsAFailure()
    {
        FakeHttpServer server;
        ScriptedResponse cut = ScriptedResponse::json(200, QByteArray(R"({"choices": [)"));
        cut.announcedLength = 400;
        cut.cut = true;
        server.script("POST", "/x", {cut});
        HttpExchange exchange(&network, request(server, false), Timeouts());
        QSignalSpy finished(&exchange, &HttpExchange::finished);
        QSignalSpy failed(&exchange, &HttpExchange::failed);
        exchange.start();
        QVERIFY(failed.wait(5000));
        const Error error = failed.first().first().value<Error>();
        // Qt reports the cut itself at times ("Connection closed"), and at
        // times ends the body quietly, which the Content-Length check catches.
        QCOMPARE(error.kind, Error::Kind::Network);
        QVERIFY2(error.message.contains(QStringLiteral("of the 400 bytes")) || error.message.contains(QStringLiteral("closed")),
                 qPrintable(error.message));
        QCOMPARE(finished.size(), 0);
    }

    void errorStatusIsAResponseNotAFailure()
    {
        FakeHttpServer server;
        server.script("POST", "/x", {ScriptedResponse::json(503, QByteArray(R"({"error":"busy"})"), {{"retry-after", "3"}})});
        HttpExchange exchange(&network, request(server, true), Timeouts());
        QSignalSpy finished(&exchange, &HttpExchange::finished);
        exchange.start();
        QVERIFY(finished.wait(5000));
        const HttpResponse response = finished.first().first().value<HttpResponse>();
        QCOMPARE(response.status, 503);
        QCOMPARE(response.body, QByteArray(R"({"error":"busy"})"));
        QCOMPARE(response.header("Retry-After"), QByteArray("3"));
    }

    void cutAfterHeadIsAFailure()
    {
        FakeHttpServer server;
        ScriptedResponse cut = ScriptedResponse::sse({"data: 1\n\n"}, 20);
        cut.cut = true;
        server.script("POST", "/x", {cut});
        HttpExchange exchange(&network, request(server, true), Timeouts());
        QSignalSpy failed(&exchange, &HttpExchange::failed);
        exchange.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::Network);
        QCOMPARE(failed.first().at(1).toBool(), true);
    }

    void everyMethodReachesTheServer_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("GET") << QByteArray("GET") << QByteArray();
        QTest::newRow("PUT") << QByteArray("PUT") << QByteArray("{\"a\":1}");
        QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray();
        // Anything else goes out as a custom request, body included.
        QTest::newRow("PATCH") << QByteArray("patch") << QByteArray("{\"b\":2}");
    }

    void everyMethodReachesTheServer()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, body);
        FakeHttpServer server;
        server.script(method.toUpper(), "/x", {ScriptedResponse::json(200, QByteArray(R"({"ok":true})"))});
        HttpRequest r = request(server, false);
        r.method = method;
        r.body = body;
        // Zero turns every limit off.
        Timeouts none;
        none.connect = none.firstByte = none.idle = none.total = milliseconds(0);
        HttpExchange exchange(&network, r, none);
        QSignalSpy finished(&exchange, &HttpExchange::finished);
        exchange.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().first().value<HttpResponse>().status, 200);
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().first().method, method.toUpper());
        QCOMPARE(server.requests().first().body, body);
    }

    void abortedExchangeReportsNothing()
    {
        FakeHttpServer server;
        ScriptedResponse silent;
        silent.silent = true;
        server.script("POST", "/x", {silent});
        Timeouts t;
        t.firstByte = milliseconds(100);
        HttpExchange exchange(&network, request(server, false), t);
        QSignalSpy finished(&exchange, &HttpExchange::finished);
        QSignalSpy failed(&exchange, &HttpExchange::failed);
        exchange.start();
        QTRY_COMPARE(server.requests().size(), 1);
        exchange.abort();
        // The first-byte limit would have passed by now: aborting stopped it.
        QTest::qWait(300);
        QCOMPARE(finished.size(), 0);
        QCOMPARE(failed.size(), 0);
    }

    void connectionRefused()
    {
        FakeHttpServer server;
        const QUrl closed = server.url(QStringLiteral("/x"));
        HttpRequest r;
        r.url = closed;
        {
            // A port that was free a moment ago and has no listener now.
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            r.url.setPort(probe.serverPort());
        }
        HttpExchange exchange(&network, r, Timeouts());
        QSignalSpy failed(&exchange, &HttpExchange::failed);
        exchange.start();
        QVERIFY(failed.wait(5000));
        const Error error = failed.first().first().value<Error>();
        QCOMPARE(error.kind, Error::Kind::Network);
        QVERIFY(error.message.contains(QStringLiteral("127.0.0.1")));
    }
};

QTEST_GUILESS_MAIN(TestHttpExchange)
#include "tst_httpexchange.moc"
