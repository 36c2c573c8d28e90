#include "workbenchwindow.h"

#include <appsettings.h>
#include <chatcontroller.h>
#include <fixtures.h>
#include <historydatabase.h>
#include <mcpcall.h>
#include <mcpsession.h>
#include <mcptoolresult.h>
#include <messagemodel.h>
#include <toolservers.h>
#include <workbench.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QQmlContext>
#include <QQmlProperty>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
const QByteArray completions = "/v1/chat/completions";

ScriptedResponse stream(const QString &fixtureName)
{
    return ScriptedResponse::sseBytes(fixture(fixtureName), 41, 1);
}

QVariantMap weatherServer()
{
    return {{QStringLiteral("name"), QStringLiteral("weather")},
            {QStringLiteral("command"), QStringLiteral("node \"%1\" weather").arg(QStringLiteral(MUXI_MCP_SCRIPTED_SERVER))}};
}

void collect(QQuickItem *root, const QString &objectName, QList<QQuickItem *> &found)
{
    const QList<QQuickItem *> children = root->childItems();
    for (QQuickItem *child : children) {
        if (child->objectName() == objectName)
            found.append(child);
        collect(child, objectName, found);
    }
}

bool effectivelyVisible(QQuickItem *item)
{
    for (QQuickItem *at = item; at; at = at->parentItem()) {
        if (!at->isVisible())
            return false;
    }
    return true;
}
}

// The tool-call loop in the workbench, QML included: the scripted stdio MCP
// server of tests/mcp configured in Settings → Tools, the in-tree fake
// OpenAI server answering with tool calls, approval cards in the
// conversation, results back to the provider, the history after a restart,
// "always" remembered, a failing server's status, import, and screenshots.
class TestToolChat : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<WorkbenchWindow> app;

    ChatController *chat() const { return app->workbench()->chat(); }
    ToolServers *tools() const { return app->workbench()->tools(); }
    MessageModel *rows() const { return chat()->messages(); }

    QString toolState(int row) const
    {
        return row < 0 ? QString() : rows()->message(row).tool.value(QLatin1String("state")).toString();
    }

    // The row of the call to `function` that was made last.
    int callRow(const QString &function) const
    {
        for (int row = rows()->rowCount() - 1; row >= 0; --row) {
            if (rows()->message(row).tool.value(QLatin1String("function")).toString() == function)
                return row;
        }
        return -1;
    }

    QQuickItem *visibleItem(const QString &objectName) const
    {
        QList<QQuickItem *> found;
        collect(app->window()->contentItem(), objectName, found);
        for (QQuickItem *item : std::as_const(found)) {
            if (effectivelyVisible(item) && item->isEnabled())
                return item;
        }
        return nullptr;
    }

    bool showWithServer()
    {
        if (!app->show())
            return false;
        chat()->setModel(QStringLiteral("openai/gpt-4o-mini"));
        app->workbench()->settings()->setTheme(QStringLiteral("light"));
        if (tools()->rowOfName(QStringLiteral("weather")) < 0)
            tools()->addServer(weatherServer());
        const int row = tools()->rowOfName(QStringLiteral("weather"));
        QDeadlineTimer deadline(20000);
        while (tools()->data(tools()->index(row), ToolServers::StateRole).toString() != QLatin1String("ready") && !deadline.hasExpired())
            QTest::qWait(20);
        return tools()->data(tools()->index(row), ToolServers::StateRole).toString() == QLatin1String("ready");
    }

    void shoot(const QString &name)
    {
        QTest::qWait(200);
        const QImage image = app->window()->grabWindow();
        QDir().mkpath(QStringLiteral(MUXI_SCREENSHOT_DIR));
        QVERIFY(image.save(QStringLiteral(MUXI_SCREENSHOT_DIR "/") + name + QLatin1String(".png")));
    }

private Q_SLOTS:
    void init()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("canary-openai-123456"));
        app = std::make_unique<WorkbenchWindow>(env, QStringLiteral("muxi-test-toolchat"));
        app->server().script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("workbench/models.json")))});
    }

    void cleanup()
    {
        app.reset();
    }

    // Allow the weather, deny the clock: the provider gets one result and one
    // denial, the answer follows, and all of it is there after a restart.
    void allowAndDeny()
    {
        QVERIFY(showWithServer());
        app->server().script("POST", completions, {stream(QStringLiteral("openai/chat-stream-tools.sse")), stream(QStringLiteral("openai/chat-stream-usage.sse"))});
        QSignalSpy finished(chat(), &ChatController::answerFinished);
        QVERIFY(chat()->send(QStringLiteral("Weather in Paris, and the time?")));

        QTRY_VERIFY_WITH_TIMEOUT(callRow(QStringLiteral("get_weather")) >= 0 && toolState(callRow(QStringLiteral("get_weather"))) == QLatin1String("approval"), 10000);
        // The first request offered the server's tools.
        QVERIFY(app->server().requests().last().body.contains("get_weather"));
        const int weather = callRow(QStringLiteral("get_weather"));
        QCOMPARE(rows()->message(weather).tool.value(QLatin1String("server")).toString(), QStringLiteral("weather"));
        QCOMPARE(rows()->message(weather).tool.value(QLatin1String("arguments")).toString(), QStringLiteral("{\"city\":\"Paris\"}"));
        QVERIFY(chat()->isStreaming());

        // The card is on screen with the call's arguments.
        QQuickItem *allow = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((allow = visibleItem(QStringLiteral("allowOnceButton"))) != nullptr, 5000);
        QQuickItem *arguments = visibleItem(QStringLiteral("toolCallArguments"));
        QVERIFY(arguments);
        QVERIFY(arguments->property("text").toString().contains(QLatin1String("Paris")));
        shoot(QStringLiteral("tool-approval-light"));
        QVERIFY(app->click(allow));

        QTRY_COMPARE_WITH_TIMEOUT(toolState(weather), QStringLiteral("done"), 10000);
        QCOMPARE(rows()->message(weather).text, QStringLiteral("Sunny, 21 °C in Paris"));
        const int time = callRow(QStringLiteral("get_time"));
        QTRY_COMPARE_WITH_TIMEOUT(toolState(time), QStringLiteral("approval"), 10000);
        QQuickItem *deny = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((deny = visibleItem(QStringLiteral("denyButton"))) != nullptr, 5000);
        QVERIFY(app->click(deny));

        QVERIFY(finished.wait(10000));
        QVERIFY(!chat()->isStreaming());
        QCOMPARE(toolState(time), QStringLiteral("denied"));
        QCOMPARE(app->server().count(completions), 2);
        const QString second = QString::fromUtf8(app->server().requests().last().body);
        QVERIFY2(second.contains(QStringLiteral("Sunny, 21 °C in Paris")), qPrintable(second));
        QVERIFY2(second.contains(QLatin1String("The user declined to run this tool call.")), qPrintable(second));
        QVERIFY(second.contains(QLatin1String("\"tool_call_id\":\"call_2\"")));
        // user, the answer asking for tools, two calls, the final answer.
        QCOMPARE(rows()->rowCount(), 5);
        QCOMPARE(rows()->message(1).toolCalls.size(), 2);
        QCOMPARE(rows()->message(4).role, QStringLiteral("assistant"));
        QCOMPARE(rows()->message(4).text, QStringLiteral("Hello"));
        QCOMPARE(rows()->message(4).status, ChatMessage::Status::Done);

        // Folded: the result shows once the card is opened.
        QVERIFY(!visibleItem(QStringLiteral("toolCallResult")));
        QQuickItem *toggle = visibleItem(QStringLiteral("toolCallToggle"));
        QVERIFY(toggle);
        QVERIFY(app->click(toggle));
        QTRY_VERIFY(visibleItem(QStringLiteral("toolCallResult")) != nullptr);

        // After a restart the conversation keeps the calls and their results.
        const QString id = chat()->conversationId();
        app->close();
        {
            HistoryDatabase db;
            QVERIFY(db.open(QDir(app->dataDir()).filePath(QStringLiteral("history.sqlite"))));
            QCOMPARE(db.schemaVersion(), HistoryDatabase::currentVersion);
        }
        QVERIFY(app->show());
        chat()->openConversation(id);
        QTRY_VERIFY(!chat()->isLoading());
        QCOMPARE(rows()->rowCount(), 5);
        QCOMPARE(rows()->message(1).toolCalls.size(), 2);
        QCOMPARE(rows()->message(2).tool.value(QLatin1String("state")).toString(), QStringLiteral("done"));
        QCOMPARE(rows()->message(2).text, QStringLiteral("Sunny, 21 °C in Paris"));
        QCOMPARE(rows()->message(3).tool.value(QLatin1String("state")).toString(), QStringLiteral("denied"));
        QCOMPARE(rows()->message(4).text, QStringLiteral("Hello"));
    }

    // "Always for this tool" is kept: after a restart the weather runs without asking.
    void alwaysIsRemembered()
    {
        QVERIFY(showWithServer());
        app->server().script("POST", completions, {stream(QStringLiteral("openai/chat-stream-tools.sse")), stream(QStringLiteral("openai/chat-stream-usage.sse"))});
        QSignalSpy finished(chat(), &ChatController::answerFinished);
        QVERIFY(chat()->send(QStringLiteral("Weather?")));
        QTRY_VERIFY_WITH_TIMEOUT(callRow(QStringLiteral("get_weather")) >= 0 && toolState(callRow(QStringLiteral("get_weather"))) == QLatin1String("approval"), 10000);
        QQuickItem *always = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((always = visibleItem(QStringLiteral("allowAlwaysButton"))) != nullptr, 5000);
        QVERIFY(app->click(always));
        QTRY_COMPARE_WITH_TIMEOUT(toolState(callRow(QStringLiteral("get_time"))), QStringLiteral("approval"), 10000);
        chat()->denyToolCall(rows()->message(callRow(QStringLiteral("get_time"))).tool.value(QLatin1String("callId")).toString());
        QVERIFY(finished.wait(10000));
        QVERIFY(tools()->isAlwaysAllowed(QStringLiteral("weather"), QStringLiteral("get_weather")));

        app->close();
        QVERIFY(showWithServer());
        QVERIFY(tools()->isAlwaysAllowed(QStringLiteral("weather"), QStringLiteral("get_weather")));
        app->server().clear();
        app->server().script("POST", completions, {stream(QStringLiteral("openai/chat-stream-tools.sse")), stream(QStringLiteral("openai/chat-stream-usage.sse"))});
        chat()->newConversation();
        QSignalSpy again(chat(), &ChatController::answerFinished);
        QVERIFY(chat()->send(QStringLiteral("Weather again?")));
        // The clock still asks; by then the weather has run on its own.
        QTRY_COMPARE_WITH_TIMEOUT(toolState(callRow(QStringLiteral("get_time"))), QStringLiteral("approval"), 10000);
        QCOMPARE(toolState(callRow(QStringLiteral("get_weather"))), QStringLiteral("done"));
        chat()->approveToolCall(rows()->message(callRow(QStringLiteral("get_time"))).tool.value(QLatin1String("callId")).toString(), false);
        QVERIFY(again.wait(10000));
        QCOMPARE(toolState(callRow(QStringLiteral("get_time"))), QStringLiteral("error"));
        QCOMPARE(rows()->message(callRow(QStringLiteral("get_time"))).text, QStringLiteral("clock unavailable"));
        const QString second = QString::fromUtf8(app->server().requests().last().body);
        QVERIFY2(second.contains(QLatin1String("Error: clock unavailable")), qPrintable(second));
    }

    // Stop while a call waits: the loop ends, the calls are marked as not run
    // and the next request still answers every call the model made.
    void stopWhileAsking()
    {
        QVERIFY(showWithServer());
        app->server().script("POST", completions, {stream(QStringLiteral("openai/chat-stream-tools.sse")), stream(QStringLiteral("openai/chat-stream-usage.sse"))});
        QVERIFY(chat()->send(QStringLiteral("Weather?")));
        QTRY_VERIFY_WITH_TIMEOUT(callRow(QStringLiteral("get_weather")) >= 0 && toolState(callRow(QStringLiteral("get_weather"))) == QLatin1String("approval"), 10000);
        chat()->stop();
        QVERIFY(!chat()->isStreaming());
        QCOMPARE(toolState(callRow(QStringLiteral("get_weather"))), QStringLiteral("stopped"));
        QCOMPARE(toolState(callRow(QStringLiteral("get_time"))), QStringLiteral("stopped"));
        QCOMPARE(app->server().count(completions), 1);

        // A step limit of one round: a model that keeps asking is stopped with the limit named.
        tools()->setMaxSteps(1);
        tools()->setToolEnabled(tools()->rowOfName(QStringLiteral("weather")), QStringLiteral("get_time"), false);
        tools()->setAlwaysAllowed(QStringLiteral("weather"), QStringLiteral("get_weather"));
        app->server().clear();
        app->server().script("POST", completions, {stream(QStringLiteral("openai/chat-stream-tools.sse"))});
        QSignalSpy finished(chat(), &ChatController::answerFinished);
        QVERIFY(chat()->send(QStringLiteral("Keep asking")));
        QVERIFY(finished.wait(10000));
        const QString first = QString::fromUtf8(app->server().requests().first().body);
        // The stopped calls of the turn before were answered, and the switched-off tool was not offered.
        QVERIFY2(first.contains(QLatin1String("The call was stopped before it finished.")), qPrintable(first));
        QVERIFY(!first.contains(QLatin1String("\"name\":\"get_time\",\"description\"")) && !first.contains(QLatin1String("Current time")));
        const ChatMessage last = rows()->message(rows()->rowCount() - 1);
        QCOMPARE(last.status, ChatMessage::Status::Failed);
        QVERIFY2(last.error.contains(QLatin1String("limit")), qPrintable(last.error));
        QVERIFY(!last.error.contains(QLatin1String("canary")));
    }

    // A server asking for input while its tool runs: the form over the composer, answered from it.
    void elicitationCard()
    {
        QVERIFY(showWithServer());
        tools()->addServer({{QStringLiteral("name"), QStringLiteral("booking")},
                            {QStringLiteral("command"), QStringLiteral("node \"%1\" elicit").arg(QStringLiteral(MUXI_MCP_SCRIPTED_SERVER))}});
        const int row = tools()->rowOfName(QStringLiteral("booking"));
        QTRY_COMPARE_WITH_TIMEOUT(tools()->data(tools()->index(row), ToolServers::StateRole).toString(), QStringLiteral("ready"), 20000);
        mcp::McpSession *booking = nullptr;
        for (mcp::McpSession *session : tools()->readySessions()) {
            if (session->name() == QLatin1String("booking"))
                booking = session;
        }
        QVERIFY(booking);
        std::unique_ptr<mcp::McpCall> call(booking->callTool(QStringLiteral("book_table"), {}));
        QQuickItem *name = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((name = visibleItem(QStringLiteral("elicitationField_name"))) != nullptr, 10000);
        QVERIFY(visibleItem(QStringLiteral("elicitationMessage"))->property("text").toString().contains(QLatin1String("Details for the booking")));
        QVERIFY(app->click(name));
        // The card may still be sliding in when it first shows: type only once the field has the focus.
        if (!name->hasActiveFocus())
            name->forceActiveFocus();
        QTRY_VERIFY(name->hasActiveFocus());
        for (const char key : {'A', 'd', 'a'})
            QTest::keyClick(app->window(), key);
        QTRY_COMPARE(name->property("text").toString(), QStringLiteral("Ada"));
        QVERIFY(app->click(visibleItem(QStringLiteral("elicitationCheck_terrace"))));
        shoot(QStringLiteral("elicitation-light"));
        QVERIFY(app->click(visibleItem(QStringLiteral("elicitationAccept"))));
        QTRY_VERIFY_WITH_TIMEOUT(call->isFinished(), 10000);
        const QString text = mcp::McpToolResult::fromJson(call->result()).text();
        QVERIFY2(text.contains(QLatin1String("\"name\":\"Ada\"")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("\"terrace\":true")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("\"guests\":2")), qPrintable(text));
        QTRY_VERIFY(!visibleItem(QStringLiteral("elicitationAccept")));
    }

    // Settings → Tools: a failing server shows its error, JSON is imported through the page.
    void settingsPage()
    {
        QVERIFY(showWithServer());
        tools()->addServer({{QStringLiteral("name"), QStringLiteral("broken")},
                            {QStringLiteral("command"), QStringLiteral("node \"%1\" exit").arg(QStringLiteral(MUXI_MCP_SCRIPTED_SERVER))}});
        app->window()->setProperty("page", QStringLiteral("settings"));
        // The Tools tab wherever the tab bar puts it.
        QQuickItem *toolsTab = app->item(QStringLiteral("toolsTab"));
        QVERIFY(toolsTab);
        app->window()->setProperty("settingsTab", QQmlProperty::read(toolsTab, QStringLiteral("TabBar.index"), qmlContext(toolsTab)).toInt());
        QQuickItem *brokenCard = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((brokenCard = app->item(QStringLiteral("serverCard_broken"))) != nullptr, 5000);
        QQuickItem *status = app->item(QStringLiteral("serverStatus"), brokenCard);
        QVERIFY(status);
        QTRY_VERIFY_WITH_TIMEOUT(status->property("text").toString().contains(QLatin1String("missing configuration, giving up")), 20000);
        QVERIFY(status->property("text").toString().startsWith(QLatin1String("Failed: ")));

        QQuickItem *importButton = visibleItem(QStringLiteral("importServersButton"));
        QVERIFY(importButton);
        QVERIFY(app->click(importButton));
        QQuickItem *area = nullptr;
        QTRY_VERIFY((area = visibleItem(QStringLiteral("importArea"))) != nullptr);
        area->setProperty("text", QStringLiteral("{\"mcpServers\": {\"docs\": {\"url\": \"http://127.0.0.1:9/mcp\", \"headers\": {\"X-Team\": \"blue\"}}}}"));
        // The form just opened: click once it is laid out and drawn, where a person sees the button.
        QSignalSpy drawn(app->window(), &QQuickWindow::frameSwapped);
        app->window()->update();
        QVERIFY(drawn.wait(5000));
        QVERIFY(app->click(visibleItem(QStringLiteral("importConfirmButton"))));

        QTRY_VERIFY(tools()->rowOfName(QStringLiteral("docs")) >= 0);
        QQuickItem *importStatus = visibleItem(QStringLiteral("importStatus"));
        QVERIFY(importStatus);
        QVERIFY(importStatus->property("text").toString().startsWith(QLatin1String("Imported 1 server")));
        QVERIFY(app->click(visibleItem(QStringLiteral("importServersButton"))));

        // The weather server's tools, unfolded, for the picture.
        QQuickItem *weatherCard = app->item(QStringLiteral("serverCard_weather"));
        QVERIFY(weatherCard);
        QVERIFY(app->click(app->item(QStringLiteral("serverToolsButton"), weatherCard)));
        QTRY_VERIFY(app->item(QStringLiteral("toolEnabled_get_weather"), weatherCard) != nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(tools()->data(tools()->index(tools()->rowOfName(QStringLiteral("docs"))), ToolServers::StateRole).toString()
                                     == QLatin1String("failed"), 20000);
        shoot(QStringLiteral("settings-tools-light"));
        app->workbench()->settings()->setTheme(QStringLiteral("dark"));
        shoot(QStringLiteral("settings-tools-dark"));
    }
};

QTEST_MAIN(TestToolChat)
#include "tst_toolchat.moc"
