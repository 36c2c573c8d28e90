#include "mcptestservers.h"

#include <fakehttpserver.h>
#include <fixtures.h>
#include <processrunner.h>

#include <QTemporaryDir>
#include <QTest>

using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("sk-canary-mcp-cli-7e7e7e7e");

QString commandLine(const muxi::mcp::McpServerConfig &config)
{
    return (QStringList{config.program} + config.arguments).join(QLatin1Char(' '));
}

QString shellQuoted(const QStringList &words)
{
    QStringList quoted;
    for (QString word : words)
        quoted.append(QLatin1Char('\'') + word.replace(QLatin1Char('\''), QLatin1String("'\\''")) + QLatin1Char('\''));
    return quoted.join(QLatin1Char(' '));
}
}

// `muxi mcp tools|call` and `muxi chat --mcp` end to end, with real MCP
// server processes and a loopback server speaking OpenAI's wire format.
class TestMcpCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> home;

    QProcessEnvironment environment()
    {
        QProcessEnvironment env = cleanEnvironment(home->path());
        env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        env.insert(QStringLiteral("OPENAI_API_KEY"), canaryKey);
        return env;
    }

    ProcessResult muxi(const QStringList &arguments, const QProcessEnvironment &env)
    {
        return runProcess(QStringLiteral(MUXI_CLI), arguments, env);
    }

private Q_SLOTS:
    void init()
    {
        home = std::make_unique<QTemporaryDir>();
    }

    void listsTools()
    {
        const ProcessResult r = muxi({QStringLiteral("mcp"), QStringLiteral("tools"), QStringLiteral("--server"), commandLine(everythingServer())},
                                     environment());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("echo  Echoes back the input string\n"));
        QVERIFY(r.out.contains("get-sum  "));
    }

    void callsATool()
    {
        const ProcessResult r = muxi({QStringLiteral("mcp"), QStringLiteral("call"), QStringLiteral("--server"), commandLine(everythingServer()),
                                      QStringLiteral("echo"), QStringLiteral(R"({"message":"from the cli"})")},
                                     environment());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, QByteArray("Echo: from the cli\n"));
    }

    void providerKeysStayHome()
    {
        const ProcessResult r = muxi({QStringLiteral("mcp"), QStringLiteral("call"), QStringLiteral("--server"), commandLine(everythingServer()),
                                      QStringLiteral("--env"), QStringLiteral("GIVEN=to-the-server"), QStringLiteral("get-env")},
                                     environment());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("to-the-server"));
        QVERIFY(!r.out.contains(canaryKey.toUtf8()));
        QVERIFY(!r.out.contains("OPENAI_API_KEY"));
    }

    void toolErrorExitsNonZero()
    {
        const ProcessResult r = muxi({QStringLiteral("mcp"), QStringLiteral("call"), QStringLiteral("--server"),
                                      commandLine(scriptedServer(QStringLiteral("weather"))), QStringLiteral("get_time")},
                                     environment());
        QCOMPARE(r.exitCode, 7);
        QCOMPARE(r.out, QByteArray("clock unavailable\n"));
        QVERIFY2(r.err.contains("reported an error from tool \"get_time\""), r.err.constData());
    }

    void badServerIsNamed()
    {
        const ProcessResult r = muxi({QStringLiteral("mcp"), QStringLiteral("tools"), QStringLiteral("--init-timeout"), QStringLiteral("0.3"),
                                      QStringLiteral("--server"), commandLine(scriptedServer(QStringLiteral("silent")))},
                                     environment());
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("did not answer initialize within 0.3 s"), r.err.constData());
        QVERIFY(r.err.contains("scripted.mjs"));
    }

    void usageErrors()
    {
        QCOMPARE(muxi({QStringLiteral("mcp"), QStringLiteral("call"), QStringLiteral("--server"), QStringLiteral("x"), QStringLiteral("t"),
                       QStringLiteral("[1]")},
                      environment())
                     .exitCode,
                 2);
        QCOMPARE(muxi({QStringLiteral("mcp"), QStringLiteral("tools")}, environment()).exitCode, 2);
        QCOMPARE(muxi({QStringLiteral("mcp"), QStringLiteral("frobnicate")}, environment()).exitCode, 2);
        QCOMPARE(muxi({QStringLiteral("chat"), QStringLiteral("--yes"), QStringLiteral("hi")}, environment()).exitCode, 2);
    }

    void chatRunsTheLoop_data()
    {
        QTest::addColumn<bool>("approve");
        QTest::newRow("--yes") << true;
        QTest::newRow("no terminal") << false;
    }

    void chatRunsTheLoop()
    {
        QFETCH(bool, approve);
        FakeHttpServer server;
        server.script("POST", "/v1/chat/completions",
                      {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-tool-calls.json"))),
                       ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("OPENAI_BASE_URL"), server.url(QStringLiteral("/v1")).toString());
        QStringList arguments{QStringLiteral("chat"), QStringLiteral("-m"), QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("--mcp"),
                              commandLine(scriptedServer(QStringLiteral("weather"))), QStringLiteral("--tool"), QStringLiteral("get_weather")};
        if (approve)
            arguments.append(QStringLiteral("--yes"));
        arguments.append(QStringLiteral("Weather in Paris?"));
        // Standard input is a pipe here, never a terminal.
        const ProcessResult r = muxi(arguments, env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!r.out.trimmed().isEmpty());
        QCOMPARE(server.count("/v1/chat/completions"), 2);
        const QByteArray first = server.requests().first().body;
        QVERIFY(first.contains("get_weather"));
        QVERIFY(!first.contains("get_time"));
        const QByteArray second = server.requests().last().body;
        if (approve) {
            QVERIFY2(r.err.contains("calling scripted.mjs/get_weather {\"city\":\"Paris\"}"), r.err.constData());
            QVERIFY(r.err.contains("returned: Sunny, 21"));
            QVERIFY(second.contains("Sunny, 21"));
        } else {
            QVERIFY2(r.err.contains("declined tool call scripted.mjs/get_weather({\"city\":\"Paris\"}): no terminal to ask for approval; pass --yes"),
                     r.err.constData());
            QVERIFY(second.contains("The user declined to run this tool call."));
            QVERIFY(!second.contains("Sunny"));
        }
        QVERIFY(!r.out.contains(canaryKey.toUtf8()) && !r.err.contains(canaryKey.toUtf8()));
    }

    // On a terminal the user is asked; script(1) gives muxi a pseudo-terminal and types the answer.
    void chatAsksOnATerminal_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<bool>("runs");
        QTest::newRow("yes") << QByteArray("y\n") << true;
        QTest::newRow("always") << QByteArray("a\n") << true;
        QTest::newRow("no") << QByteArray("n\n") << false;
    }

    void chatAsksOnATerminal()
    {
        QFETCH(QByteArray, answer);
        QFETCH(bool, runs);
        FakeHttpServer server;
        server.script("POST", "/v1/chat/completions",
                      {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-tool-calls.json"))),
                       ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("OPENAI_BASE_URL"), server.url(QStringLiteral("/v1")).toString());
        const QString command = shellQuoted({QStringLiteral(MUXI_CLI), QStringLiteral("chat"), QStringLiteral("-m"), QStringLiteral("openai/gpt-4o-mini"),
                                             QStringLiteral("--mcp"), commandLine(scriptedServer(QStringLiteral("weather"))),
                                             QStringLiteral("Weather in Paris?")});
        const ProcessResult r = runProcess(QStringLiteral("script"), {QStringLiteral("-qec"), command, QStringLiteral("/dev/null")}, env, answer);
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QVERIFY2(r.out.contains("Run tool scripted.mjs/get_weather with {\"city\":\"Paris\"}? [y]es, [a]lways for this tool, [N]o: "), r.out.constData());
        QCOMPARE(server.count("/v1/chat/completions"), 2);
        const QByteArray second = server.requests().last().body;
        QCOMPARE(second.contains("Sunny, 21"), runs);
        QCOMPARE(second.contains("The user declined to run this tool call."), !runs);
    }
};

QTEST_GUILESS_MAIN(TestMcpCli)
#include "tst_mcpcli.moc"
