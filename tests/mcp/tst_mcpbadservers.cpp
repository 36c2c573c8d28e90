#include "mcptestservers.h"

#include <mcpsession.h>

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

private Q_SLOTS:
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
