#include "mcptestservers.h"

#include <chattesthelpers.h>
#include <fakehttpserver.h>
#include <fixtures.h>

#include <mcpsession.h>
#include <toolloop.h>

#include <muxi/providers/builtinproviders.h>

#include <QSignalSpy>
#include <QTest>

using namespace muxi;
using namespace muxi::mcp;
using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("canary-toolloop-5a5a5a5a");

struct Family {
    QString model;
    QString baseUrlVariable;
    QString basePath;
    QStringList keyVariables;
    QByteArray path;
};

Family family(const QString &name)
{
    if (name == QLatin1String("openai"))
        return {QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("OPENAI_BASE_URL"), QStringLiteral("/v1"), {QStringLiteral("OPENAI_API_KEY")},
                "/v1/chat/completions"};
    if (name == QLatin1String("anthropic"))
        return {QStringLiteral("anthropic/claude-sonnet-4-5"), QStringLiteral("ANTHROPIC_BASE_URL"), QStringLiteral("/v1"),
                {QStringLiteral("ANTHROPIC_API_KEY")}, "/v1/messages"};
    if (name == QLatin1String("gemini"))
        return {QStringLiteral("gemini/gemini-2.5-flash"), QStringLiteral("GEMINI_BASE_URL"), QStringLiteral("/v1beta"),
                {QStringLiteral("GEMINI_API_KEY")}, "/v1beta/models/gemini-2.5-flash:generateContent"};
    if (name == QLatin1String("cohere"))
        return {QStringLiteral("cohere/command-a-03-2025"), QStringLiteral("COHERE_BASE_URL"), QString(), {QStringLiteral("COHERE_API_KEY")}, "/v2/chat"};
    if (name == QLatin1String("ollama"))
        return {QStringLiteral("ollama/llama3.2"), QStringLiteral("OLLAMA_HOST"), QString(), {}, "/api/chat"};
    return {QStringLiteral("bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0"), QStringLiteral("BEDROCK_BASE_URL"), QString(),
            {QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AWS_SECRET_ACCESS_KEY")},
            "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse"};
}

ScriptedResponse answer(const QString &fixtureName)
{
    const QByteArray bytes = fixture(fixtureName);
    if (fixtureName.endsWith(QLatin1String(".sse")))
        return ScriptedResponse::sseBytes(bytes, 41, 1);
    return ScriptedResponse::json(200, bytes);
}
}

// The tool-call loop against every provider family's fake server and a real
// MCP server process: the model asks, the call runs (or is denied), the
// result goes back as the family's own tool-result shape, the model answers.
class TestToolLoop : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<McpSession> session;

    std::unique_ptr<Client> clientFor(const QStringList &families)
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), QDir::tempPath());
        env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("us-west-2"));
        for (const QString &name : families) {
            const Family f = family(name);
            env.insert(f.baseUrlVariable, name == QLatin1String("ollama") ? QStringLiteral("127.0.0.1:%1").arg(server->port())
                                                                          : server->url(f.basePath).toString());
            for (const QString &variable : f.keyVariables)
                env.insert(variable, canaryKey);
        }
        return clientWithoutRetries(builtinRegistry(), env);
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        session = std::make_unique<McpSession>(scriptedServer(QStringLiteral("weather")));
        QVERIFY2(session->waitForReady(), qPrintable(session->failure().toString()));
    }

    void cleanup()
    {
        session->waitForClosed();
        session.reset();
        server.reset();
    }

    void everyFamily_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("toolAnswer");
        QTest::addColumn<QString>("textAnswer");
        QTest::addColumn<bool>("stream");
        QTest::addColumn<QStringList>("results");
        const QString sunny = QStringLiteral("Sunny, 21 °C in Paris");
        const QString clock = QStringLiteral("Error: clock unavailable");
        QTest::newRow("openai") << "openai" << "openai/chat-tool-calls.json" << "openai/chat-completion.json" << false << QStringList{sunny};
        QTest::newRow("openai streaming") << "openai" << "openai/chat-stream-tools.sse" << "openai/chat-stream-usage.sse" << true
                                          << QStringList{sunny, clock};
        QTest::newRow("anthropic") << "anthropic" << "anthropic/messages-tool-use.json" << "anthropic/messages-text.json" << false
                                   << QStringList{sunny, clock};
        QTest::newRow("anthropic streaming") << "anthropic" << "anthropic/stream-tool.sse" << "anthropic/stream-text.sse" << true
                                             << QStringList{sunny, clock};
        QTest::newRow("gemini") << "gemini" << "gemini/generate-function-call.json" << "gemini/generate-text.json" << false
                                << QStringList{sunny, clock};
        QTest::newRow("cohere") << "cohere" << "cohere/chat-tool-call.json" << "cohere/chat.json" << false << QStringList{sunny, clock};
        QTest::newRow("ollama") << "ollama" << "ollama/chat-tool-call.json" << "ollama/chat.json" << false
                                << QStringList{QStringLiteral("Cloudy in Paris, FR"), clock};
        QTest::newRow("bedrock") << "bedrock" << "bedrock/converse-tool-use.json" << "bedrock/converse-text.json" << false
                                 << QStringList{sunny, clock};
    }

    void everyFamily()
    {
        QFETCH(QString, name);
        QFETCH(QString, toolAnswer);
        QFETCH(QString, textAnswer);
        QFETCH(bool, stream);
        QFETCH(QStringList, results);
        Family f = family(name);
        if (name == QLatin1String("gemini") && stream)
            f.path.replace(":generateContent", ":streamGenerateContent");
        server->script("POST", f.path, {answer(toolAnswer), answer(textAnswer)});
        auto client = clientFor({name});

        ToolLoop loop(client.get());
        loop.addSession(session.get());
        loop.setApproval(ToolLoop::Approval::ApproveAll);
        QSignalSpy started(&loop, &ToolLoop::callStarted);
        QSignalSpy finished(&loop, &ToolLoop::callFinished);
        QSignalSpy deltas(&loop, &ToolLoop::delta);
        loop.start(briefChat(f.model, QStringLiteral("Weather in Paris?"), stream));
        loop.waitForFinished();
        QVERIFY2(!loop.hasError(), qPrintable(loop.failure().toString()));
        QCOMPARE(server->count(f.path), 2);
        QCOMPARE(started.count(), results.size());
        QCOMPARE(finished.count(), results.size());
        QCOMPARE(loop.steps(), 1);
        QVERIFY(!loop.lastCompletion().text().isEmpty());
        if (stream)
            QVERIFY(deltas.count() > 0);

        // The first request offered the MCP tools as functions.
        const RecordedRequest first = server->requests().first();
        QVERIFY(first.body.contains("get_weather"));
        QVERIFY(first.body.contains("Current weather in a city"));
        // The second carries each result in the family's tool-result shape.
        const QString second = QString::fromUtf8(server->requests().last().body);
        for (const QString &result : std::as_const(results))
            QVERIFY2(second.contains(result), qPrintable(second.left(1500)));
        QVERIFY(!second.contains(QLatin1String("declined")));

        // The history keeps each call and its result.
        const QList<Message> messages = loop.messages();
        QCOMPARE(messages.size(), 2 + 1 + results.size() + 1);
        QCOMPARE(messages.at(2).role, Message::Role::Assistant);
        QCOMPARE(messages.at(2).toolCalls.size(), results.size());
        QCOMPARE(messages.at(3).role, Message::Role::Tool);
        QCOMPARE(messages.at(3).text(), results.first());
    }

    void deniedCall_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("toolAnswer");
        QTest::addColumn<QString>("textAnswer");
        QTest::newRow("openai") << "openai" << "openai/chat-tool-calls.json" << "openai/chat-completion.json";
        QTest::newRow("anthropic") << "anthropic" << "anthropic/messages-tool-use.json" << "anthropic/messages-text.json";
        QTest::newRow("gemini") << "gemini" << "gemini/generate-function-call.json" << "gemini/generate-text.json";
        QTest::newRow("cohere") << "cohere" << "cohere/chat-tool-call.json" << "cohere/chat.json";
        QTest::newRow("ollama") << "ollama" << "ollama/chat-tool-call.json" << "ollama/chat.json";
        QTest::newRow("bedrock") << "bedrock" << "bedrock/converse-tool-use.json" << "bedrock/converse-text.json";
    }

    // The user denies the weather and allows the clock: one call runs, one does not.
    void deniedCall()
    {
        QFETCH(QString, name);
        QFETCH(QString, toolAnswer);
        QFETCH(QString, textAnswer);
        const Family f = family(name);
        server->script("POST", f.path, {answer(toolAnswer), answer(textAnswer)});
        auto client = clientFor({name});
        ToolLoop loop(client.get());
        loop.addSession(session.get());
        QStringList asked;
        connect(&loop, &ToolLoop::approvalNeeded, &loop, [&](const ToolInvocation &invocation) {
            asked.append(invocation.toolName);
            QCOMPARE(invocation.serverName, QStringLiteral("scripted-weather"));
            if (invocation.toolName.contains(QLatin1String("weather")))
                loop.deny(invocation.callId);
            else
                loop.approve(invocation.callId);
        });
        QSignalSpy denied(&loop, &ToolLoop::callDenied);
        QSignalSpy ran(&loop, &ToolLoop::callFinished);
        loop.start(briefChat(f.model, QStringLiteral("Weather in Paris?"), false));
        loop.waitForFinished();
        QVERIFY2(!loop.hasError(), qPrintable(loop.failure().toString()));
        QCOMPARE(denied.count(), 1);
        QCOMPARE(ran.count(), asked.size() - 1);
        const QString second = QString::fromUtf8(server->requests().last().body);
        QVERIFY2(second.contains(QLatin1String("The user declined to run this tool call.")), qPrintable(second.left(1500)));
        QVERIFY(!second.contains(QLatin1String("Sunny")));
        QVERIFY(!second.contains(QLatin1String("Cloudy")));
    }

    // The first model fails; the fallback's tool call runs and its answer ends the loop.
    void throughAFallback()
    {
        server->script("POST", family(QStringLiteral("openai")).path, {ScriptedResponse::json(500, fixture(QStringLiteral("openai/error-500.json")))});
        server->script("POST", family(QStringLiteral("anthropic")).path,
                       {answer(QStringLiteral("anthropic/messages-tool-use.json")), answer(QStringLiteral("anthropic/messages-text.json"))});
        auto client = clientFor({QStringLiteral("openai"), QStringLiteral("anthropic")});
        ToolLoop loop(client.get());
        loop.addSession(session.get());
        loop.setApproval(ToolLoop::Approval::ApproveAll);
        ChatRequest request = briefChat(QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("Weather in Paris?"), false);
        request.fallbackModels = {QStringLiteral("anthropic/claude-sonnet-4-5")};
        loop.start(request);
        loop.waitForFinished();
        QVERIFY2(!loop.hasError(), qPrintable(loop.failure().toString()));
        QCOMPARE(loop.answeredBy(), QStringLiteral("anthropic/claude-sonnet-4-5"));
        QCOMPARE(server->count("/v1/messages"), 2);
        QVERIFY(server->requests().last().body.contains("Sunny, 21"));
    }

    void toolFilterAndStepLimit()
    {
        server->script("POST", family(QStringLiteral("openai")).path, {answer(QStringLiteral("openai/chat-tool-calls.json"))});
        auto client = clientFor({QStringLiteral("openai")});
        ToolLoop loop(client.get());
        loop.addSession(session.get());
        loop.setAllowedTools({QStringLiteral("get_weather"), QStringLiteral("no_such_tool")});
        QCOMPARE(loop.offeredTools().size(), 1);
        QCOMPARE(loop.unknownAllowedTools(), QStringList{QStringLiteral("no_such_tool")});
        loop.setApproval(ToolLoop::Approval::ApproveAll);
        loop.setMaxSteps(2);
        loop.start(briefChat(QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("Weather?"), false));
        loop.waitForFinished();
        QVERIFY(loop.hasError());
        QCOMPARE(loop.failure().code, QStringLiteral("tool_step_limit"));
        QCOMPARE(loop.steps(), 2);
        QCOMPARE(server->count("/v1/chat/completions"), 3);
        QVERIFY(!server->requests().first().body.contains("get_time"));
    }

    void stopWhileWaitingForApproval()
    {
        server->script("POST", family(QStringLiteral("openai")).path, {answer(QStringLiteral("openai/chat-tool-calls.json"))});
        auto client = clientFor({QStringLiteral("openai")});
        ToolLoop loop(client.get());
        loop.addSession(session.get());
        connect(&loop, &ToolLoop::approvalNeeded, &loop, [&loop] { QMetaObject::invokeMethod(&loop, &ToolLoop::stop, Qt::QueuedConnection); });
        loop.start(briefChat(QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("Weather?"), false));
        loop.waitForFinished();
        QCOMPARE(loop.failure().kind, Error::Kind::Cancelled);
        QCOMPARE(server->count("/v1/chat/completions"), 1);
    }
};

QTEST_GUILESS_MAIN(TestToolLoop)
#include "tst_toolloop.moc"
