#include "mcptestservers.h"

#include <fakehttpserver.h>

#include <mcpsession.h>

#include <QJsonArray>
#include <QTest>
#include <QTimer>

using namespace muxi;
using namespace muxi::mcp;
using namespace muxi::test;

// Servers that go wrong in the ways real ones do: each ends in an error that
// names the server and says what happened, and the event loop keeps turning.
class TestMcpBadServers : public QObject
{
    Q_OBJECT

private:
    // Starts the session and records whether the event loop ran while it waited.
    static bool startWatchingLoop(McpSession &session, bool *loopTurned)
    {
        QTimer ticker;
        ticker.setInterval(0);
        connect(&ticker, &QTimer::timeout, &ticker, [loopTurned] { *loopTurned = true; });
        ticker.start();
        return session.waitForReady();
    }

    // An HTTP server that initializes and lists one tool, then answers tools/call with `call`.
    static void routeHttpServer(FakeHttpServer &server, std::function<ScriptedResponse(const QJsonObject &)> call)
    {
        server.route("POST", "/mcp", [call](const RecordedRequest &request) {
            const QJsonObject message = request.json();
            const QString method = message.value(QLatin1String("method")).toString();
            if (!message.contains(QLatin1String("id")))
                return ScriptedResponse::json(202, QByteArray());
            if (method == QLatin1String("tools/call"))
                return call(message);
            QJsonObject result;
            if (method == QLatin1String("initialize"))
                result = {{QLatin1String("protocolVersion"), QLatin1String("2025-11-25")},
                          {QLatin1String("capabilities"), QJsonObject{{QLatin1String("tools"), QJsonObject()}}},
                          {QLatin1String("serverInfo"), QJsonObject{{QLatin1String("name"), QLatin1String("flaky")}, {QLatin1String("version"), QLatin1String("1")}}}};
            else
                result = {{QLatin1String("tools"), QJsonArray{QJsonObject{{QLatin1String("name"), QLatin1String("slow")},
                                                                          {QLatin1String("inputSchema"), QJsonObject{{QLatin1String("type"), QLatin1String("object")}}}}}}};
            return ScriptedResponse::json(200, QJsonObject{{QLatin1String("jsonrpc"), QLatin1String("2.0")},
                                                           {QLatin1String("id"), message.value(QLatin1String("id"))},
                                                           {QLatin1String("result"), result}},
                                          {{"Mcp-Session-Id", "session-1"}});
        });
        server.route("GET", "/mcp", [](const RecordedRequest &) { return ScriptedResponse::json(405, QByteArray()); });
        server.route("DELETE", "/mcp", [](const RecordedRequest &) { return ScriptedResponse::json(200, QByteArray()); });
    }

private Q_SLOTS:
    // An event stream cut before the answer, with no event id to resume from.
    void httpStreamCut()
    {
        FakeHttpServer server;
        routeHttpServer(server, [](const QJsonObject &) {
            ScriptedResponse response = ScriptedResponse::sse({QByteArray("data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"working\"}}\n\n")});
            response.cut = true;
            return response;
        });
        McpSession session(McpServerConfig::fromUrl(server.url(QStringLiteral("/mcp"))));
        QVERIFY2(session.waitForReady(), qPrintable(session.failure().toString()));
        McpCall *call = session.callTool(QStringLiteral("slow"), {});
        call->waitForFinished();
        QVERIFY(call->hasError());
        QCOMPARE(call->failure().kind, Error::Kind::StreamInterrupted);
        QVERIFY2(call->failure().toString().startsWith(QLatin1String("MCP server \"127.0.0.1:")), qPrintable(call->failure().toString()));
        // Every later request carries the session the server gave.
        QCOMPARE(server.requests().last().header("Mcp-Session-Id"), QByteArray("session-1"));
        QCOMPARE(server.requests().last().header("MCP-Protocol-Version"), QByteArray("2025-11-25"));
        session.waitForClosed();
        QCOMPARE(server.requests().last().method, QByteArray("DELETE"));
    }

    void httpErrorStatus()
    {
        FakeHttpServer server;
        routeHttpServer(server, [](const QJsonObject &) {
            return ScriptedResponse::json(500, QByteArray("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"database is down\"},\"id\":null}"));
        });
        McpSession session(McpServerConfig::fromUrl(server.url(QStringLiteral("/mcp"))));
        QVERIFY(session.waitForReady());
        McpCall *call = session.callTool(QStringLiteral("slow"), {});
        call->waitForFinished();
        QVERIFY(call->hasError());
        QCOMPARE(call->failure().httpStatus, 500);
        QVERIFY2(call->failure().toString().endsWith(QLatin1String("HTTP 500 server: database is down")), qPrintable(call->failure().toString()));
        QCOMPARE(session.state(), McpSession::State::Ready);
        session.waitForClosed();
    }

    void startFailures_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<Error::Kind>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("exits at once") << "exit" << Error::Kind::Server << "exited with code 3; its last output on stderr: scripted: missing configuration";
        QTest::newRow("never answers initialize") << "silent" << Error::Kind::Timeout << "did not answer initialize within 0.3 s";
        QTest::newRow("writes garbage") << "garbage" << Error::Kind::Server << "not a JSON-RPC message to its standard output: Server starting... done";
    }

    void startFailures()
    {
        QFETCH(QString, mode);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, reason);
        McpServerConfig config = scriptedServer(mode);
        config.initializeTimeout = std::chrono::milliseconds(300);
        McpSession session(config);
        bool loopTurned = false;
        QVERIFY(!startWatchingLoop(session, &loopTurned));
        QVERIFY(loopTurned);
        QCOMPARE(session.state(), McpSession::State::Failed);
        const Error error = session.failure();
        QCOMPARE(error.kind, kind);
        QVERIFY2(error.toString().startsWith(QStringLiteral("MCP server \"scripted-%1\": ").arg(mode)), qPrintable(error.toString()));
        QVERIFY2(error.message.contains(reason), qPrintable(error.toString()));
    }

    void programMissing()
    {
        McpSession session(McpServerConfig::fromCommandLine(QStringLiteral("/nonexistent/mcp-server --flag")));
        QVERIFY(!session.waitForReady());
        QVERIFY2(session.failure().toString().contains(QLatin1String("MCP server \"mcp-server\": ")), qPrintable(session.failure().toString()));
        QVERIFY(session.failure().message.contains(QLatin1String("could not be started")));
    }

    void hangsInACall()
    {
        McpServerConfig config = scriptedServer(QStringLiteral("hang"));
        config.requestTimeout = std::chrono::milliseconds(400);
        McpSession session(config);
        QVERIFY(session.waitForReady());
        McpCall *call = session.callTool(QStringLiteral("get_weather"), {{QLatin1String("city"), QLatin1String("Oslo")}});
        call->waitForFinished();
        QVERIFY(call->hasError());
        QCOMPARE(call->failure().kind, Error::Kind::Timeout);
        QCOMPARE(call->failure().toString(), QStringLiteral("MCP server \"scripted-hang\": timeout: did not answer tools/call within 0.4 s"));
        // One slow call does not end the session.
        QCOMPARE(session.state(), McpSession::State::Ready);
        McpCall *ping = session.ping();
        ping->waitForFinished();
        QVERIFY(!ping->hasError());
        session.waitForClosed();
    }

    void hugeResult()
    {
        McpServerConfig config = scriptedServer(QStringLiteral("huge"));
        config.maxMessageBytes = 1024 * 1024;
        McpSession session(config);
        QVERIFY(session.waitForReady());
        McpCall *call = session.callTool(QStringLiteral("huge"), {});
        call->waitForFinished();
        QVERIFY(call->hasError());
        QVERIFY2(call->failure().toString().startsWith(QLatin1String("MCP server \"scripted-huge\": ")), qPrintable(call->failure().toString()));
        QVERIFY2(call->failure().message.contains(QLatin1String("more than the limit of 1048576")) ||
                     call->failure().message.contains(QLatin1String("more than 1048576 bytes")),
                 qPrintable(call->failure().message));
        QCOMPARE(session.state(), McpSession::State::Failed);
    }

    void unreachableUrl()
    {
        McpServerConfig config = McpServerConfig::fromUrl(QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(freePort())));
        McpSession session(config);
        QVERIFY(!session.waitForReady());
        QCOMPARE(session.failure().kind, Error::Kind::Network);
        QVERIFY2(session.failure().toString().startsWith(QLatin1String("MCP server \"127.0.0.1:")), qPrintable(session.failure().toString()));
    }
};

QTEST_GUILESS_MAIN(TestMcpBadServers)
#include "tst_mcpbadservers.moc"
