#include <gateway.h>
#include <httpserver.h>

#include <muxi/client.h>
#include <muxi/providerregistry.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace muxi;
using namespace muxi::gateway;

namespace {
// What a raw client read back: the bytes, and whether the server closed the connection.
struct Received {
    QByteArray bytes;
    bool closed = false;

    int status() const { return bytes.startsWith("HTTP/1.1 ") ? bytes.mid(9, 3).toInt() : 0; }
    QByteArray body() const { return bytes.mid(bytes.indexOf("\r\n\r\n") + 4); }
    QJsonObject json() const { return QJsonDocument::fromJson(body()).object(); }
    int responses() const { return int(bytes.count("HTTP/1.1 ")); }
};
}

// The HTTP layer under the gateway, from a raw socket: limits, timeouts,
// keep-alive and pipelining, malformed input, routing errors and keys.
class TestHttpServer : public QObject
{
    Q_OBJECT

private:
    ProviderRegistry registry;
    std::unique_ptr<Client> client;
    std::unique_ptr<Gateway> gateway;

    void startGateway(const HttpLimits &limits, const QString &key = {})
    {
        client = std::make_unique<Client>(&registry, Configuration(QProcessEnvironment()));
        gateway = std::make_unique<Gateway>(client.get());
        gateway->setApiKey(key);
        QVERIFY(gateway->listen(QHostAddress::LocalHost, 0, limits));
    }

    // Sends `bytes`, then reads until the server closes or `responses` complete answers arrived.
    Received talk(const QList<QByteArray> &pieces, int responses = 1, int waitMs = 5'000)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, gateway->port());
        if (!socket.waitForConnected(5'000))
            return {};
        for (const QByteArray &piece : pieces) {
            socket.write(piece);
            socket.flush();
        }
        Received received;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < waitMs) {
            QTest::qWait(5);
            received.bytes += socket.readAll();
            if (socket.state() != QAbstractSocket::ConnectedState) {
                received.bytes += socket.readAll();
                received.closed = true;
                break;
            }
            if (received.responses() >= responses && received.bytes.endsWith("}") && responses > 0)
                break;
        }
        return received;
    }

    static QByteArray post(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders = {})
    {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + extraHeaders
               + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

private Q_SLOTS:
    void healthAndKeepAliveWithPipelining()
    {
        startGateway({});
        const QByteArray get = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
        // Two requests in one write: both answered, in order, on one connection.
        const Received r = talk({get + get}, 2);
        QCOMPARE(r.responses(), 2);
        QVERIFY(!r.closed);
        QVERIFY(r.bytes.contains("Connection: keep-alive"));
    }

    void unknownRouteIs404Json()
    {
        startGateway({});
        const Received r = talk({"GET /v2/nothing HTTP/1.1\r\nHost: x\r\n\r\n"});
        QCOMPARE(r.status(), 404);
        QCOMPARE(r.json().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(), QStringLiteral("unknown_route"));
        const Received wrongMethod = talk({"GET /v1/chat/completions HTTP/1.1\r\nHost: x\r\n\r\n"});
        QCOMPARE(wrongMethod.status(), 405);
    }

    void malformedJsonIs400InTheApisShape()
    {
        startGateway({});
        const Received openai = talk({post("/v1/chat/completions", "{\"model\": \"openai/x\", \"messages\": [")});
        QCOMPARE(openai.status(), 400);
        const QJsonObject error = openai.json().value(QLatin1String("error")).toObject();
        QCOMPARE(error.value(QLatin1String("type")).toString(), QStringLiteral("invalid_request_error"));
        QCOMPARE(error.value(QLatin1String("code")).toString(), QStringLiteral("invalid_json"));
        QVERIFY(openai.bytes.contains("x-should-retry: false"));

        const Received anthropic = talk({post("/v1/messages", "[1, 2")});
        QCOMPARE(anthropic.status(), 400);
        QCOMPARE(anthropic.json().value(QLatin1String("type")).toString(), QStringLiteral("error"));
        QCOMPARE(anthropic.json().value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(), QStringLiteral("invalid_request_error"));

        const Received notObject = talk({post("/v1/embeddings", "[]")});
        QCOMPARE(notObject.status(), 400);
        const Received noModel = talk({post("/v1/chat/completions", "{\"messages\": []}")});
        QCOMPARE(noModel.status(), 400);
        QCOMPARE(noModel.json().value(QLatin1String("error")).toObject().value(QLatin1String("param")).toString(), QStringLiteral("model"));
    }

    void oversizedBodyRefusedBeforeReadingIt()
    {
        HttpLimits limits;
        limits.maxBodyBytes = 1024;
        startGateway(limits);
        // Announces 10 MiB and sends only its head: the answer comes anyway.
        const Received r = talk({"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n\r\n" + QByteArray(100, 'x')});
        QCOMPARE(r.status(), 413);
        QVERIFY(r.closed);
        QCOMPARE(r.json().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(), QStringLiteral("request_too_large"));

        // A chunked body has no length up front: refused once it grows past the limit.
        const Received chunked = talk({"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                                       "800\r\n" + QByteArray(2048, 'y') + "\r\n"});
        QCOMPARE(chunked.status(), 413);
        QVERIFY(chunked.closed);

        const Received anthropic = talk({"POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"});
        QCOMPARE(anthropic.status(), 413);
        QCOMPARE(anthropic.json().value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(), QStringLiteral("request_too_large"));
    }

    void oversizedHeadIs431()
    {
        HttpLimits limits;
        limits.maxHeaderBytes = 4096;
        startGateway(limits);
        const Received r = talk({"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(8192, 'a') + "\r\n\r\n"});
        QCOMPARE(r.status(), 431);
        QVERIFY(r.closed);
    }

    void slowHeadTimesOut()
    {
        HttpLimits limits;
        limits.headTimeoutMs = 200;
        startGateway(limits);
        // A slow-loris client: half a head, then nothing.
        const Received r = talk({"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"}, 0);
        QCOMPARE(r.status(), 408);
        QVERIFY(r.closed);
    }

    void stalledBodyTimesOut()
    {
        HttpLimits limits;
        limits.bodyTimeoutMs = 200;
        startGateway(limits);
        const Received r = talk({"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"model\""}, 0);
        QCOMPARE(r.status(), 408);
        QVERIFY(r.closed);
    }

    void idleConnectionIsClosed()
    {
        HttpLimits limits;
        limits.idleTimeoutMs = 200;
        startGateway(limits);
        const Received r = talk({}, 0);
        QVERIFY(r.closed);
        QVERIFY(r.bytes.isEmpty());
    }

    void malformedHttpIs400()
    {
        startGateway({});
        const Received r = talk({"THIS IS NOT HTTP\r\n\r\n"});
        QCOMPARE(r.status(), 400);
        QVERIFY(r.closed);
    }

    void gatewayKeyIsRequired()
    {
        const QString key = QStringLiteral("sk-canary-gw-1234");
        startGateway({}, key);
        const Received none = talk({post("/v1/chat/completions", "{}")});
        QCOMPARE(none.status(), 401);
        QVERIFY(!none.bytes.contains(key.toUtf8()));
        const Received wrong = talk({post("/v1/chat/completions", "{}", "Authorization: Bearer sk-wrong\r\n")});
        QCOMPARE(wrong.status(), 401);
        const Received bearer = talk({post("/v1/chat/completions", "{}", "Authorization: Bearer " + key.toUtf8() + "\r\n")});
        QCOMPARE(bearer.status(), 400); // past the key check: the body lacks a model
        const Received anthropicStyle = talk({post("/v1/messages", "{}", "x-api-key: " + key.toUtf8() + "\r\n")});
        QCOMPARE(anthropicStyle.status(), 400);
        // Health checks from a load balancer need no key.
        QCOMPARE(talk({"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"}).status(), 200);
    }

    void metricsInPrometheusFormat()
    {
        startGateway({});
        talk({post("/v1/chat/completions", "not json")});
        const Received r = talk({"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"}, 1, 1'000);
        QCOMPARE(r.status(), 200);
        QVERIFY(r.bytes.contains("Content-Type: text/plain; version=0.0.4"));
        const QByteArray body = r.body();
        QVERIFY(body.contains("# TYPE muxi_requests_total counter\n"));
        QVERIFY(body.contains("muxi_requests_total{provider=\"\",status=\"400\"} 1\n"));
        QVERIFY(body.contains("# TYPE muxi_request_duration_seconds histogram\n"));
        QVERIFY(body.contains("muxi_request_duration_seconds_bucket{le=\"+Inf\"} 1\n"));
        QVERIFY(body.contains("muxi_request_duration_seconds_count 1\n"));
        QVERIFY(body.contains("muxi_requests_in_flight 0\n"));
        QVERIFY(body.contains("muxi_tokens_total{direction=\"prompt\"} 0\n"));
    }

    void randomBytesNeverCrash()
    {
        HttpLimits limits;
        limits.headTimeoutMs = 100;
        limits.bodyTimeoutMs = 100;
        limits.idleTimeoutMs = 100;
        startGateway(limits);
        QRandomGenerator random(20261204);
        const QList<QByteArray> seeds{"POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 5\r\n\r\n{}{}{",
                                      "GET /v1/models/%zz HTTP/1.1\r\n\r\n", "POST /v1/messages HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"};
        for (int i = 0; i < 60; ++i) {
            QByteArray bytes = seeds.at(i % seeds.size());
            // Flip, drop or insert bytes at random places.
            for (int m = 0; m < 4; ++m) {
                const qsizetype at = random.bounded(bytes.size());
                switch (random.bounded(3)) {
                case 0:
                    bytes[at] = char(random.bounded(256));
                    break;
                case 1:
                    bytes.remove(at, 1);
                    break;
                default:
                    bytes.insert(at, char(random.bounded(256)));
                }
            }
            talk({bytes}, 1, 300);
        }
        QCOMPARE(talk({"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"}).status(), 200);
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
