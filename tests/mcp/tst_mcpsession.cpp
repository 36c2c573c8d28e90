#include "mcptestservers.h"

#include <mcpelicitation.h>
#include <mcpsession.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::mcp;
using namespace muxi::test;

namespace {
McpToolResult call(McpSession &session, const QString &tool, const QJsonObject &arguments = {})
{
    McpCall *call = session.callTool(tool, arguments);
    call->waitForFinished();
    call->deleteLater();
    if (call->hasError())
        qWarning("%s", qPrintable(call->failure().toString()));
    return McpToolResult::fromJson(call->result());
}
}

// McpSession against the official servers from npm: server-everything over
// stdio and Streamable HTTP, and server-filesystem.
class TestMcpSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(npmFile(QStringLiteral("@modelcontextprotocol/server-everything/package.json"))),
                 "run scripts/install-mcp-test-servers.sh first");
    }

    void stdioHandshakeAndTools()
    {
        McpSession session(everythingServer());
        QVERIFY2(session.waitForReady(), qPrintable(session.failure().toString()));
        QVERIFY(McpSession::supportedProtocolVersions().contains(session.protocolVersion()));
        QVERIFY(!session.serverInfo().value(QLatin1String("name")).toString().isEmpty());
        QVERIFY(session.tool(QStringLiteral("echo")).has_value());
        QVERIFY(session.tool(QStringLiteral("get-sum")).has_value());
        // The server lists get-roots-list only for clients that declare roots.
        QVERIFY(session.tool(QStringLiteral("get-roots-list")).has_value());

        McpToolResult echo = call(session, QStringLiteral("echo"), {{QLatin1String("message"), QLatin1String("over stdio")}});
        QCOMPARE(echo.text(), QStringLiteral("Echo: over stdio"));
        QVERIFY(!echo.isError);
        QVERIFY(call(session, QStringLiteral("get-sum"), {{QLatin1String("a"), 2}, {QLatin1String("b"), 40}}).text().contains(QLatin1String("42")));

        McpCall *ping = session.ping();
        ping->waitForFinished();
        QVERIFY(!ping->hasError());
        session.waitForClosed();
        QCOMPARE(session.state(), McpSession::State::Closed);
    }

    void contentKinds()
    {
        McpSession session(everythingServer());
        QVERIFY(session.waitForReady());
        const McpToolResult image = call(session, QStringLiteral("get-tiny-image"));
        bool sawImage = false;
        for (const QJsonValue &block : image.content) {
            if (block[QLatin1String("type")] == QLatin1String("image")) {
                sawImage = true;
                QCOMPARE(block[QLatin1String("mimeType")].toString(), QStringLiteral("image/png"));
                QVERIFY(QByteArray::fromBase64(block[QLatin1String("data")].toString().toLatin1()).startsWith("\x89PNG"));
            }
        }
        QVERIFY(sawImage);
        QVERIFY(image.text().contains(QLatin1String("[image image/png,")));

        const McpToolResult structured = call(session, QStringLiteral("get-structured-content"), {{QLatin1String("location"), QLatin1String("New York")}});
        QVERIFY(structured.structuredContent.isObject());
        QVERIFY(structured.structuredContent.toObject().contains(QLatin1String("temperature")));

        const McpToolResult embedded = call(session, QStringLiteral("get-resource-reference"),
                                            {{QLatin1String("resourceType"), QLatin1String("Text")}, {QLatin1String("resourceId"), 2}});
        bool sawResource = false;
        for (const QJsonValue &block : embedded.content)
            sawResource |= block[QLatin1String("type")] == QLatin1String("resource");
        QVERIFY2(sawResource, QJsonDocument(embedded.raw).toJson().constData());
        QVERIFY(embedded.text().contains(QLatin1String("[resource demo://")));

        const McpToolResult links = call(session, QStringLiteral("get-resource-links"), {{QLatin1String("count"), 2}});
        QVERIFY2(links.text().contains(QLatin1String("[link ")), qPrintable(links.text()));
        session.waitForClosed();
    }

    void progressAndRoots()
    {
        McpSession session(everythingServer());
        session.setRoots({McpRoot{QUrl::fromLocalFile(QStringLiteral("/srv/project")), QStringLiteral("project")}});
        QVERIFY(session.waitForReady());
        McpCall *operation = session.callTool(QStringLiteral("trigger-long-running-operation"), {{QLatin1String("duration"), 0.2}, {QLatin1String("steps"), 2}});
        QSignalSpy progress(operation, &McpCall::progress);
        operation->waitForFinished();
        QVERIFY(!operation->hasError());
        QCOMPARE(progress.count(), 2);
        QCOMPARE(progress.last().at(0).toDouble(), 2.0);
        QCOMPARE(progress.last().at(1).toDouble(), 2.0);

        const QString roots = call(session, QStringLiteral("get-roots-list")).text();
        QVERIFY2(roots.contains(QLatin1String("file:///srv/project")), qPrintable(roots));
        session.waitForClosed();
    }

    void cancellationLeavesTheSessionUsable()
    {
        McpSession session(everythingServer());
        QVERIFY(session.waitForReady());
        McpCall *operation = session.callTool(QStringLiteral("trigger-long-running-operation"), {{QLatin1String("duration"), 30}, {QLatin1String("steps"), 30}});
        connect(operation, &McpCall::progress, operation, [operation] { operation->cancel(QStringLiteral("enough")); });
        operation->waitForFinished();
        QVERIFY(operation->hasError());
        QCOMPARE(operation->failure().kind, Error::Kind::Cancelled);
        QCOMPARE(call(session, QStringLiteral("echo"), {{QLatin1String("message"), QLatin1String("still here")}}).text(),
                 QStringLiteral("Echo: still here"));
        session.waitForClosed();
    }

    void elicitation_data()
    {
        QTest::addColumn<int>("answer"); // 0 accept a form, 1 decline, 2 defaults policy
        QTest::newRow("accept") << 0;
        QTest::newRow("decline") << 1;
        QTest::newRow("defaults") << 2;
    }

    void elicitation()
    {
        QFETCH(int, answer);
        McpSession session(everythingServer());
        if (answer == 2)
            session.setElicitationPolicy(McpSession::ElicitationPolicy::Defaults);
        QString asked;
        connect(&session, &McpSession::elicitationRequested, this, [&](McpElicitation *request) {
            asked = request->message();
            QVERIFY(request->requestedSchema().value(QLatin1String("properties")).toObject().contains(QLatin1String("name")));
            if (answer == 0)
                request->accept({{QLatin1String("name"), QLatin1String("Ada Lovelace")}});
            else
                request->decline();
            request->deleteLater();
        });
        QVERIFY(session.waitForReady());
        const QString text = call(session, QStringLiteral("trigger-elicitation-request")).text();
        if (answer == 0) {
            QVERIFY(!asked.isEmpty());
            QVERIFY2(text.contains(QLatin1String("Ada Lovelace")), qPrintable(text));
        } else if (answer == 1) {
            QVERIFY2(text.contains(QLatin1String("decline")), qPrintable(text));
        } else {
            QVERIFY(asked.isEmpty());
            QVERIFY2(text.contains(QLatin1String("\"action\": \"accept\"")), qPrintable(text));
        }
        session.waitForClosed();
    }

    // The child sees the minimal environment plus what was configured, never a provider key.
    void minimalEnvironment()
    {
        const QByteArray canary = "sk-canary-mcp-env-31337";
        qputenv("OPENAI_API_KEY", canary);
        qputenv("ANTHROPIC_API_KEY", canary);
        McpServerConfig config = everythingServer();
        config.environment.insert(QStringLiteral("MCP_CONFIGURED"), QStringLiteral("yes-configured"));
        McpSession session(config);
        QVERIFY(session.waitForReady());
        const QString environment = call(session, QStringLiteral("get-env")).text();
        qunsetenv("OPENAI_API_KEY");
        qunsetenv("ANTHROPIC_API_KEY");
        QVERIFY2(environment.contains(QLatin1String("yes-configured")), qPrintable(environment));
        QVERIFY(environment.contains(QLatin1String("\"PATH\"")));
        QVERIFY(!environment.contains(QString::fromLatin1(canary)));
        QVERIFY(!environment.contains(QLatin1String("OPENAI_API_KEY")));
        session.waitForClosed();
    }

    void streamableHttp()
    {
        EverythingHttpServer server;
        QVERIFY2(server.isListening(), server.log().constData());
        McpSession session(McpServerConfig::fromUrl(server.url()));
        session.setElicitationPolicy(McpSession::ElicitationPolicy::Defaults);
        QVERIFY2(session.waitForReady(), qPrintable(session.failure().toString()));
        QCOMPARE(session.protocolVersion(), QString::fromLatin1(McpSession::LatestProtocolVersion));
        QVERIFY(session.tool(QStringLiteral("echo")).has_value());
        QCOMPARE(call(session, QStringLiteral("echo"), {{QLatin1String("message"), QLatin1String("over http")}}).text(),
                 QStringLiteral("Echo: over http"));

        McpCall *operation = session.callTool(QStringLiteral("trigger-long-running-operation"), {{QLatin1String("duration"), 0.2}, {QLatin1String("steps"), 2}});
        QSignalSpy progress(operation, &McpCall::progress);
        operation->waitForFinished();
        QVERIFY(!operation->hasError());
        QCOMPARE(progress.count(), 2);

        // Elicitation arrives on the POST's event stream and is answered by a second POST.
        QVERIFY(call(session, QStringLiteral("trigger-elicitation-request")).text().contains(QLatin1String("accept")));
        session.waitForClosed();
        QTRY_VERIFY(server.log().contains("session termination"));
    }

    void filesystemServerReadsAndWrites()
    {
        QTemporaryDir directory;
        QFile file(directory.filePath(QStringLiteral("notes.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("first line\nsecond line\n");
        file.close();
        McpSession session(filesystemServer(directory.path()));
        session.setRoots({McpRoot{QUrl::fromLocalFile(directory.path()), QStringLiteral("work")}});
        QVERIFY2(session.waitForReady(), qPrintable(session.failure().toString()));
        QVERIFY(session.tool(QStringLiteral("read_text_file")).has_value());
        const McpToolResult read = call(session, QStringLiteral("read_text_file"), {{QLatin1String("path"), file.fileName()}});
        QVERIFY2(read.text().contains(QLatin1String("second line")), qPrintable(read.text()));
        const QString written = directory.filePath(QStringLiteral("out.txt"));
        QVERIFY(!call(session, QStringLiteral("write_file"), {{QLatin1String("path"), written}, {QLatin1String("content"), QLatin1String("from muxi")}}).isError);
        QFile out(written);
        QVERIFY(out.open(QIODevice::ReadOnly));
        QCOMPARE(out.readAll(), QByteArray("from muxi"));
        // Outside the allowed directory the tool reports an error rather than failing the call.
        const McpToolResult outside = call(session, QStringLiteral("read_text_file"), {{QLatin1String("path"), QStringLiteral("/etc/hostname")}});
        QVERIFY(outside.isError);
        session.waitForClosed();
    }

    // The server pings the client mid-call and logs; the call completes once the pong arrived.
    void serverPingsAndLogs()
    {
        McpSession session(scriptedServer(QStringLiteral("weather")));
        QSignalSpy logs(&session, &McpSession::logMessage);
        QVERIFY(session.waitForReady());
        QCOMPARE(call(session, QStringLiteral("ping_client")).text(), QStringLiteral("pong: {}"));
        QCOMPARE(logs.count(), 1);
        QCOMPARE(logs.first().at(0).toString(), QStringLiteral("warning"));
        QCOMPARE(logs.first().at(1).toString(), QStringLiteral("scripted"));
        QCOMPARE(logs.first().at(2).value<QJsonValue>().toString(), QStringLiteral("about to ping"));
        session.waitForClosed();
    }

    void paginationAndListChanged()
    {
        McpSession session(scriptedServer(QStringLiteral("paged")));
        QVERIFY(session.waitForReady());
        QStringList names;
        for (const McpTool &tool : session.tools())
            names.append(tool.name);
        QCOMPARE(names, (QStringList{QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("third")}));
        QSignalSpy changed(&session, &McpSession::toolsChanged);
        QCOMPARE(call(session, QStringLiteral("first")).text(), QStringLiteral("first done"));
        QVERIFY(changed.wait());
        QCOMPARE(session.tools().size(), 4);
        QVERIFY(session.tool(QStringLiteral("fourth")).has_value());
        session.waitForClosed();
    }
};

QTEST_GUILESS_MAIN(TestMcpSession)
#include "tst_mcpsession.moc"
