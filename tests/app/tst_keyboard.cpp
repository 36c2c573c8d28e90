#include "sse.h"
#include "workbenchwindow.h"

#include <chatcontroller.h>
#include <comparecontroller.h>
#include <conversationlistmodel.h>
#include <fixtures.h>
#include <messagemodel.h>
#include <workbench.h>

#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeySequence>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

// The helpers fail with QVERIFY, which returns from the helper only.
#define CHECKED(call) \
    do { \
        call; \
        if (QTest::currentTestFailed()) \
            return; \
    } while (false)

// The workbench driven with the keyboard alone: every key goes to the window
// as a user's would (QTest::keyClick, keySequence), against a loopback
// OpenAI-compatible provider. Each window shortcut is pressed at least once;
// the last test fails if one on the shortcut sheet never was.
class TestKeyboard : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<WorkbenchWindow> app;
    // The answers so far, so each one differs ("Answer 3.").
    int m_answers = 0;
    QSet<QString> m_pressed;

    QQuickWindow *window() { return app->window(); }
    ChatController *chat() { return app->workbench()->chat(); }
    QQuickItem *item(const QString &name, QQuickItem *below = nullptr) { return app->item(name, below); }
    QQuickItem *chatInput() { return item(QStringLiteral("composerInput"), item(QStringLiteral("composer"))); }
    QQuickItem *focused() { return window()->activeFocusItem(); }
    QString page() { return window()->property("page").toString(); }

    // Presses a window shortcut, noting it as tried.
    void shortcut(const QString &keys)
    {
        m_pressed.insert(QKeySequence(keys).toString(QKeySequence::PortableText));
        QTest::keySequence(window(), QKeySequence(keys));
        QTest::qWait(20);
    }

    void type(const QString &text)
    {
        for (const QChar c : text)
            QTest::keyClick(window(), c.toLatin1());
    }

    QString lastText(const QString &role)
    {
        MessageModel *messages = chat()->messages();
        for (int row = messages->rowCount() - 1; row >= 0; --row) {
            if (muxi::Message::roleName(messages->message(row).role) == role)
                return messages->message(row).text;
        }
        return {};
    }

    void shoot(const QString &name)
    {
        QTest::qWait(100);
        QDir().mkpath(QStringLiteral(MUXI_SCREENSHOT_DIR));
        window()->grabWindow().save(QStringLiteral(MUXI_SCREENSHOT_DIR "/keyboard-") + name + QLatin1String(".png"));
    }

    // Sends what is in the chat's message field with Enter and waits for the answer.
    void sendTyped(const QString &text)
    {
        QCOMPARE(focused(), chatInput());
        type(text);
        QSignalSpy finished(chat(), &ChatController::answerFinished);
        QTest::keyClick(window(), Qt::Key_Return);
        QVERIFY(finished.wait(10'000));
        QCOMPARE(lastText(QStringLiteral("user")), text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("canary-openai-123456"));
        app = std::make_unique<WorkbenchWindow>(env);
        app->server().script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("workbench/models.json")))});
        // "slow" in the prompt: 100 pieces 100 ms apart, to be stopped; otherwise a short numbered answer.
        app->server().route("POST", "/v1/chat/completions", [this](const RecordedRequest &request) {
            const QJsonObject body = QJsonDocument::fromJson(request.body).object();
            const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
            const QString prompt = messages.last().toObject().value(QLatin1String("content")).toVariant().toString();
            const QString model = body.value(QLatin1String("model")).toString();
            if (prompt.contains(QLatin1String("slow"))) {
                QStringList pieces;
                for (int i = 0; i < 100; ++i)
                    pieces.append(QStringLiteral("word%1 ").arg(i));
                return ScriptedResponse::sse(openAiStream(model, pieces, 10, 100), 100);
            }
            ++m_answers;
            return ScriptedResponse::sse(openAiStream(model, {QStringLiteral("Answer "), QStringLiteral("%1.").arg(m_answers)}, 10, 2), 5);
        });
        QVERIFY(app->show());
        chat()->setModel(QStringLiteral("openai/gpt-4o-mini"));
        window()->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(window()));
    }

    void sendAndSwitchConversations()
    {
        shortcut(QStringLiteral("Ctrl+L"));
        CHECKED(sendTyped(QStringLiteral("First question")));
        const QString first = chat()->conversationId();
        QVERIFY(!first.isEmpty());
        QCOMPARE(lastText(QStringLiteral("assistant")), QStringLiteral("Answer 1."));

        // Ctrl+N: a new, empty conversation with the focus in its message field.
        shortcut(QStringLiteral("Ctrl+N"));
        QCOMPARE(chat()->messages()->rowCount(), 0);
        QCOMPARE(focused(), chatInput());
        CHECKED(sendTyped(QStringLiteral("Second question")));
        const QString second = chat()->conversationId();
        QVERIFY(second != first);
        QTRY_COMPARE(app->workbench()->conversations()->rowCount(), 2);

        // Ctrl+PgDown and Ctrl+PgUp walk the sidebar's list, newest first.
        const int row = app->workbench()->conversations()->rowOf(second);
        const QString below = app->workbench()->conversations()->idAt(row + 1);
        QCOMPARE(below, first);
        shortcut(QStringLiteral("Ctrl+PgDown"));
        QTRY_COMPARE(chat()->conversationId(), first);
        QTRY_COMPARE(lastText(QStringLiteral("user")), QStringLiteral("First question"));
        QCOMPARE(focused(), chatInput());
        shortcut(QStringLiteral("Ctrl+PgUp"));
        QTRY_COMPARE(chat()->conversationId(), second);
        // At the top, Ctrl+PgUp stays.
        shortcut(QStringLiteral("Ctrl+PgUp"));
        QCOMPARE(chat()->conversationId(), second);
    }

    void regenerateCopyAndEdit()
    {
        const QString before = lastText(QStringLiteral("assistant"));
        QSignalSpy finished(chat(), &ChatController::answerFinished);
        shortcut(QStringLiteral("Ctrl+R"));
        QVERIFY(finished.wait(10'000));
        QCOMPARE(chat()->messages()->rowCount(), 2);
        const QString after = lastText(QStringLiteral("assistant"));
        QVERIFY2(after != before && after.startsWith(QLatin1String("Answer ")), qPrintable(after));

        QGuiApplication::clipboard()->clear();
        shortcut(QStringLiteral("Ctrl+Shift+C"));
        QTRY_COMPARE(QGuiApplication::clipboard()->text(), after);

        // Up in the empty message field opens the last message for editing; Escape closes it.
        shortcut(QStringLiteral("Ctrl+L"));
        QTest::keyClick(window(), Qt::Key_Up);
        QQuickItem *editor = focused();
        QVERIFY(editor);
        QCOMPARE(editor->objectName(), QStringLiteral("editArea"));
        QCOMPARE(editor->property("text").toString(), QStringLiteral("Second question"));
        shoot(QStringLiteral("edit-last-message"));
        QTest::keyClick(window(), Qt::Key_Escape);
        QTRY_VERIFY(!editor->isVisible());
        QCOMPARE(chat()->messages()->rowCount(), 2);

        // Edited and sent again with the keyboard: Tab to "Send", Space.
        shortcut(QStringLiteral("Ctrl+L"));
        QTest::keyClick(window(), Qt::Key_Up);
        QCOMPARE(focused(), editor);
        QTest::keyClick(window(), Qt::Key_A, Qt::ControlModifier);
        type(QStringLiteral("Second question, edited"));
        QTest::keyClick(window(), Qt::Key_Tab);
        QTest::keyClick(window(), Qt::Key_Tab);
        QCOMPARE(focused()->objectName(), QStringLiteral("resendButton"));
        QVERIFY(finished.count() == 1);
        QTest::keyClick(window(), Qt::Key_Space);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10'000);
        QCOMPARE(lastText(QStringLiteral("user")), QStringLiteral("Second question, edited"));
    }

    void stopWithEscape()
    {
        shortcut(QStringLiteral("Esc"));
        QCOMPARE(focused(), chatInput());
        type(QStringLiteral("Tell me something slow"));
        QTest::keyClick(window(), Qt::Key_Return);
        QTRY_VERIFY(chat()->isStreaming());
        QTRY_VERIFY_WITH_TIMEOUT(lastText(QStringLiteral("assistant")).contains(QLatin1String("word2")), 10'000);
        QSignalSpy finished(chat(), &ChatController::answerFinished);
        shortcut(QStringLiteral("Esc"));
        QVERIFY(finished.count() == 1 || finished.wait(5'000));
        QVERIFY(!chat()->isStreaming());
        MessageModel *messages = chat()->messages();
        QCOMPARE(messages->message(messages->rowCount() - 1).status, ChatMessage::Status::Stopped);
        QVERIFY(!lastText(QStringLiteral("assistant")).contains(QLatin1String("word99")));
        QObject *announcer = window()->property("announcer").value<QObject *>();
        QVERIFY(announcer->property("message").toString().contains(QLatin1String("stopped")));
    }

    void modelPickerSearchAndMenus()
    {
        // Ctrl+K: the model picker opens with its search in focus; typing filters, Enter chooses.
        shortcut(QStringLiteral("Ctrl+K"));
        QQuickItem *picker = item(QStringLiteral("modelPicker"));
        QVERIFY(picker);
        QObject *popup = picker->property("popup").value<QObject *>();
        QTRY_VERIFY(popup->property("opened").toBool());
        QTRY_COMPARE(focused()->objectName(), QStringLiteral("modelSearch"));
        type(QStringLiteral("gpt-4o"));
        shoot(QStringLiteral("model-picker"));
        QTest::keyClick(window(), Qt::Key_Return);
        QTRY_VERIFY(!popup->property("visible").toBool());
        QVERIFY2(chat()->model().contains(QLatin1String("gpt-4o")), qPrintable(chat()->model()));

        // Ctrl+F: the search field; Tab: the list, where the Menu key opens the conversation's actions.
        shortcut(QStringLiteral("Ctrl+F"));
        QCOMPARE(focused()->objectName(), QStringLiteral("searchField"));
        QTest::keyClick(window(), Qt::Key_Tab);
        QQuickItem *list = item(QStringLiteral("conversationList"));
        QVERIFY(list->hasActiveFocus());
        // The row itself holds the focus, so a screen reader reads its title.
        QCOMPARE(focused()->objectName(), QStringLiteral("conversationRow"));
        QTest::keyClick(window(), Qt::Key_Down);
        QCOMPARE(list->property("currentIndex").toInt(), 1);
        QTest::keyClick(window(), Qt::Key_Up);
        QQuickItem *row = list->property("currentItem").value<QQuickItem *>();
        QVERIFY(row);
        QObject *menu = row->findChild<QObject *>(QStringLiteral("conversationMenu"));
        QVERIFY(menu);
        QTest::keyClick(window(), Qt::Key_Menu);
        QTRY_VERIFY(menu->property("opened").toBool());
        shoot(QStringLiteral("conversation-menu"));
        QTest::keyClick(window(), Qt::Key_Escape);
        QTRY_VERIFY(!menu->property("visible").toBool());
        QTest::keyClick(window(), Qt::Key_F10, Qt::ShiftModifier);
        QTRY_VERIFY(menu->property("opened").toBool());
        QTest::keyClick(window(), Qt::Key_Escape);
        QTRY_VERIFY(!menu->property("visible").toBool());

        // Tab on from the list reaches the messages; Shift+F10 opens a message's actions.
        QQuickItem *messages = item(QStringLiteral("messageList"));
        for (int i = 0; i < 30 && !messages->hasActiveFocus(); ++i)
            QTest::keyClick(window(), Qt::Key_Tab);
        QVERIFY(messages->hasActiveFocus());
        QTest::keyClick(window(), Qt::Key_End);
        shoot(QStringLiteral("message-focus"));
        QQuickItem *bubble = messages->property("currentItem").value<QQuickItem *>();
        QVERIFY(bubble);
        QCOMPARE(focused(), bubble);
        QObject *messageMenu = bubble->findChild<QObject *>(QStringLiteral("messageMenu"));
        QTest::keyClick(window(), Qt::Key_F10, Qt::ShiftModifier);
        QTRY_VERIFY(messageMenu->property("opened").toBool());
        shoot(QStringLiteral("message-menu"));
        // The first item, Copy, with Enter.
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(window(), Qt::Key_Down);
        QTest::keyClick(window(), Qt::Key_Return);
        QTRY_VERIFY(!messageMenu->property("visible").toBool());
        const int current = messages->property("currentIndex").toInt();
        QCOMPARE(QGuiApplication::clipboard()->text(), chat()->messages()->message(current).text);
    }

    void attachSettingsAndCompare()
    {
        // Ctrl+O: the file dialog of the chat's composer.
        shortcut(QStringLiteral("Ctrl+O"));
        QObject *dialog = item(QStringLiteral("composer"))->property("attachDialog").value<QObject *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->property("visible").toBool());
        QMetaObject::invokeMethod(dialog, "reject");
        QTRY_VERIFY(!dialog->property("visible").toBool());

        // Ctrl+,: settings with the tab bar in focus; Escape: back to the message field.
        shortcut(QStringLiteral("Ctrl+,"));
        QCOMPARE(page(), QStringLiteral("settings"));
        QVERIFY(item(QStringLiteral("settingsTabs"))->hasActiveFocus());
        QTest::keyClick(window(), Qt::Key_Right);
        QCOMPARE(item(QStringLiteral("settingsTabs"))->property("currentIndex").toInt(), 1);
        shoot(QStringLiteral("settings-tabs"));
        shortcut(QStringLiteral("Esc"));
        QCOMPARE(page(), QStringLiteral("chat"));
        QCOMPARE(focused(), chatInput());

        // Ctrl+Shift+M: compare, in the model field; two models added with Tab and Space.
        shortcut(QStringLiteral("Ctrl+Shift+M"));
        QCOMPARE(page(), QStringLiteral("compare"));
        QQuickItem *modelField = item(QStringLiteral("compareModelField"));
        QVERIFY(modelField->hasActiveFocus());
        CompareController *compare = app->workbench()->compare();
        for (const QString &model : {QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("openai/gpt-4o")}) {
            QTest::keyClick(window(), Qt::Key_A, Qt::ControlModifier);
            type(model);
            QTest::keyClick(window(), Qt::Key_Tab);
            QCOMPARE(focused()->objectName(), QStringLiteral("addColumnButton"));
            QTest::keyClick(window(), Qt::Key_Space);
            QTRY_COMPARE(compare->models().constLast(), model);
            QCOMPARE(focused(), modelField->property("contentItem").value<QQuickItem *>());
        }
        QCOMPARE(compare->models().size(), 2);
        shortcut(QStringLiteral("Ctrl+L"));
        QQuickItem *compareInput = item(QStringLiteral("composerInput"), item(QStringLiteral("compareComposer")));
        QCOMPARE(focused(), compareInput);
        QSignalSpy columnFinished(compare, &CompareController::columnFinished);
        type(QStringLiteral("Race"));
        QTest::keyClick(window(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(columnFinished.count(), 2, 10'000);
        shoot(QStringLiteral("compare"));
        // Ctrl+R in a comparison runs every column again.
        const int requests = app->server().count("/v1/chat/completions");
        shortcut(QStringLiteral("Ctrl+R"));
        QTRY_COMPARE_WITH_TIMEOUT(columnFinished.count(), 4, 10'000);
        QCOMPARE(app->server().count("/v1/chat/completions"), requests + 2);

        // A slow comparison stopped with Escape.
        type(QStringLiteral("Something slow"));
        QTest::keyClick(window(), Qt::Key_Return);
        QTRY_VERIFY(compare->isStreaming());
        shortcut(QStringLiteral("Esc"));
        QTRY_VERIFY(!compare->isStreaming());
    }

    void shortcutSheetListsEveryShortcut()
    {
        shortcut(QStringLiteral("Ctrl+/"));
        QObject *sheet = window()->property("shortcutSheet").value<QObject *>();
        QTRY_VERIFY(sheet->property("opened").toBool());
        shoot(QStringLiteral("shortcut-sheet"));

        QObject *shortcuts = window()->property("shortcuts").value<QObject *>();
        const QVariantList entries = shortcuts->property("entries").toList();
        const QVariantList local = shortcuts->property("localEntries").toList();
        QVERIFY(entries.size() >= 13);
        QQuickItem *list = item(QStringLiteral("shortcutList"));
        QVERIFY(list);
        QTRY_COMPARE(list->property("count").toInt(), int(entries.size() + local.size()));

        // Each entry is bound by an enabled Shortcut, shown with its keys, and was pressed above.
        QStringList neverPressed;
        for (int i = 0; i < entries.size(); ++i) {
            QVariant result;
            QVERIFY(QMetaObject::invokeMethod(shortcuts, "shortcutAt", Q_RETURN_ARG(QVariant, result), Q_ARG(QVariant, i)));
            QObject *bound = result.value<QObject *>();
            QVERIFY(bound);
            QVERIFY(bound->property("enabled").toBool());
            const QString keys = bound->property("portableText").toString();
            QVERIFY2(!keys.isEmpty(), qPrintable(entries.at(i).toMap().value(QStringLiteral("action")).toString()));
            QQuickItem *row = nullptr;
            QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, row), Q_ARG(int, i));
            QVERIFY(row);
            QCOMPARE(row->property("keys").toString(), bound->property("nativeText").toString());
            QCOMPARE(row->property("description").toString(), entries.at(i).toMap().value(QStringLiteral("text")).toString());
            if (!m_pressed.contains(keys))
                neverPressed.append(keys);
        }
        QVERIFY2(neverPressed.isEmpty(), qPrintable(QLatin1String("not tried: ") + neverPressed.join(QLatin1String(", "))));

        // While the sheet is open the window's shortcuts wait; Escape closes it.
        const QString conversation = app->workbench()->chat()->conversationId();
        QTest::keySequence(window(), QKeySequence(QStringLiteral("Ctrl+N")));
        QCOMPARE(app->workbench()->chat()->conversationId(), conversation);
        QTest::keyClick(window(), Qt::Key_Escape);
        QTRY_VERIFY(!sheet->property("visible").toBool());
    }

    void cleanupTestCase()
    {
        app.reset();
    }
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
