#include "media.h"
#include "sse.h"
#include "workbenchwindow.h"

#include <appsettings.h>
#include <chatcontroller.h>
#include <composerattachments.h>
#include <comparecontroller.h>
#include <fallbacksettings.h>
#include <fixtures.h>
#include <localserver.h>
#include <messagemodel.h>
#include <workbench.h>

#include <QAccessible>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQuickItem>
#include <QQuickWindow>
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

namespace {

// The controls a screen reader user acts on. The parts inside a combo box or
// spin box (their text field, indicators) are read as the control itself.
bool isInteractive(QQuickItem *item)
{
    static const char *const classes[] = {"QQuickAbstractButton", "QQuickTextField", "QQuickTextArea",
                                          "QQuickComboBox", "QQuickSlider", "QQuickSpinBox", "QQuickRangeSlider",
                                          "QQuickDial"};
    for (const char *name : classes) {
        if (item->inherits(name))
            return true;
    }
    return false;
}

bool insideCompoundControl(QQuickItem *item)
{
    for (QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
        if (p->inherits("QQuickComboBox") || p->inherits("QQuickSpinBox"))
            return true;
    }
    return false;
}

// The name a screen reader gets. Qt Quick Controls name a button after its
// text once the platform's accessibility is active, which it never is on the
// offscreen platform (no QPlatformAccessibility); the same rule stands in
// for it here. Text fields, combo boxes, sliders and spin boxes get no name
// from Qt: theirs must be given.
QString accessibleName(QQuickItem *item)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(item);
    const QString name = iface ? iface->text(QAccessible::Name).trimmed() : QString();
    if (!name.isEmpty() || !item->inherits("QQuickAbstractButton"))
        return name;
    return item->property("text").toString().remove(QLatin1Char('&')).trimmed();
}

QString describe(QQuickItem *item)
{
    QStringList path;
    for (QQuickItem *p = item; p; p = p->parentItem()) {
        QString part = QString::fromLatin1(p->metaObject()->className());
        if (!p->objectName().isEmpty())
            part += QLatin1Char('#') + p->objectName();
        path.prepend(part);
        if (path.size() == 5)
            break;
    }
    return path.join(QLatin1String(" > "));
}

} // namespace

// Walks every page of the workbench, with its popups and dialogs open, and
// fails on any control that is visible and enabled but has no accessible
// name: what Orca reads over AT-SPI comes from the same QAccessibleInterface
// this test asks. Checks that buttons answer the AT-SPI "Press" action, and
// that finished answers reach assistive technology as an alert.
class TestAccessibility : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<WorkbenchWindow> app;
    QStringList m_visited;

    QQuickItem *item(const QString &name, QQuickItem *below = nullptr) { return app->item(name, below); }

    void collect(QQuickItem *root, QList<QQuickItem *> &out)
    {
        const QList<QQuickItem *> children = root->childItems();
        for (QQuickItem *child : children) {
            if (!child->isVisible())
                continue;
            if (isInteractive(child) && child->isEnabled() && !insideCompoundControl(child))
                out.append(child);
            collect(child, out);
        }
    }

    // The controls of the page in front without a name; `where` names the state in failures.
    void checkNames(const QString &where)
    {
        QTest::qWait(100);
        QList<QQuickItem *> controls;
        collect(app->window()->contentItem(), controls);
        QVERIFY2(!controls.isEmpty(), qPrintable(where));
        QStringList unnamed;
        for (QQuickItem *control : std::as_const(controls)) {
            if (accessibleName(control).isEmpty())
                unnamed.append(describe(control));
        }
        m_visited.append(QStringLiteral("%1 (%2 controls)").arg(where).arg(controls.size()));
        QVERIFY2(unnamed.isEmpty(), qPrintable(where + QLatin1String(": no accessible name on\n  ") + unnamed.join(QLatin1String("\n  "))));
    }

    void setPage(const QString &page, int settingsTab = 0)
    {
        app->window()->setProperty("page", page);
        app->window()->setProperty("settingsTab", settingsTab);
        QTest::qWait(50);
    }

    // Presses `button` the way AT-SPI's Press action does and checks it acted.
    void press(QQuickItem *button)
    {
        QVERIFY(button);
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(button);
        QVERIFY(iface && iface->actionInterface());
        QVERIFY(iface->actionInterface()->actionNames().contains(QAccessibleActionInterface::pressAction()));
        QSignalSpy clicked(button, SIGNAL(clicked()));
        iface->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
        QVERIFY2(clicked.count() == 1, qPrintable(describe(button)));
    }

    void openPopup(QObject *popup)
    {
        QVERIFY(popup);
        QMetaObject::invokeMethod(popup, "open");
        QTRY_VERIFY(popup->property("opened").toBool());
    }

    void closePopup(QObject *popup)
    {
        QMetaObject::invokeMethod(popup, "close");
        QTRY_VERIFY(!popup->property("visible").toBool());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("canary-openai-123456"));
        app = std::make_unique<WorkbenchWindow>(env);
        app->server().script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("workbench/models.json")))});
        app->server().route("POST", "/v1/chat/completions", [](const RecordedRequest &request) {
            const QString model = QJsonDocument::fromJson(request.body).object().value(QLatin1String("model")).toString();
            return ScriptedResponse::sse(openAiStream(model, {QStringLiteral("Rivers "), QStringLiteral("run "), QStringLiteral("to the sea.")}, 12, 5), 5);
        });
        QVERIFY(app->show());
        app->workbench()->chat()->setModel(QStringLiteral("openai/gpt-4o-mini"));
    }

    void chatPage()
    {
        setPage(QStringLiteral("chat"));
        CHECKED(checkNames(QStringLiteral("empty chat")));

        QObject *announcer = app->window()->property("announcer").value<QObject *>();
        QVERIFY(announcer);
        QSignalSpy announcerShown(announcer, SIGNAL(visibleChanged()));
        QSignalSpy finished(app->workbench()->chat(), &ChatController::answerFinished);
        QVERIFY(app->workbench()->chat()->send(QStringLiteral("Where do rivers go?")));
        QVERIFY(finished.wait(10'000));
        QTRY_COMPARE(item(QStringLiteral("messageList"))->property("count").toInt(), 2);
        CHECKED(checkNames(QStringLiteral("chat with an answer")));

        // The finished answer is announced: the alert is hidden, renamed and shown
        // again, which Qt passes to AT-SPI as a name change and ObjectShow (the
        // offscreen platform has no accessibility bridge to watch them arrive).
        const QString said = announcer->property("message").toString();
        QVERIFY2(said.contains(QLatin1String("gpt-4o-mini")), qPrintable(said));
        QAccessibleInterface *alert = QAccessible::queryAccessibleInterface(announcer);
        QCOMPARE(alert->role(), QAccessible::AlertMessage);
        QCOMPARE(alert->text(QAccessible::Name), said);
        QCOMPARE(announcerShown.count(), 2);
        QVERIFY(qobject_cast<QQuickItem *>(announcer)->isVisible());

        // Messages are list items a screen reader names by who wrote them and how they begin.
        QQuickItem *list = item(QStringLiteral("messageList"));
        QQuickItem *question = nullptr;
        QQuickItem *answer = nullptr;
        QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, question), Q_ARG(int, 0));
        QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, answer), Q_ARG(int, 1));
        QVERIFY(question && answer);
        QCOMPARE(QAccessible::queryAccessibleInterface(question)->role(), QAccessible::ListItem);
        QVERIFY(QAccessible::queryAccessibleInterface(question)->text(QAccessible::Name).contains(QLatin1String("Where do rivers go?")));
        QVERIFY(QAccessible::queryAccessibleInterface(answer)->text(QAccessible::Name).contains(QLatin1String("Rivers run to the sea.")));

        // The press action of the answer's Copy button copies it.
        QGuiApplication::clipboard()->clear();
        CHECKED(press(item(QStringLiteral("copyMessageButton"), answer)));
        QTRY_COMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("Rivers run to the sea."));

        // The message's context menu.
        QMetaObject::invokeMethod(answer, "showMenu", Q_ARG(QVariant, 10), Q_ARG(QVariant, 10));
        QObject *menu = answer->findChild<QObject *>(QStringLiteral("messageMenu"));
        QVERIFY(menu);
        QTRY_VERIFY(menu->property("opened").toBool());
        CHECKED(checkNames(QStringLiteral("message menu")));
        // Its items answer Press too: Copy copies and closes the menu.
        QQuickItem *copyItem = nullptr;
        const QList<QQuickItem *> menuItems = menu->findChildren<QQuickItem *>();
        for (QQuickItem *menuItem : menuItems) {
            if (menuItem->inherits("QQuickMenuItem") && menuItem->property("text").toString() == QLatin1String("Copy"))
                copyItem = menuItem;
        }
        QVERIFY(copyItem);
        QGuiApplication::clipboard()->clear();
        QAccessible::queryAccessibleInterface(copyItem)->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
        QTRY_COMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("Rivers run to the sea."));
        QTRY_VERIFY(!menu->property("visible").toBool());

        // The conversation's menu.
        QQuickItem *row = item(QStringLiteral("conversationRow"));
        QVERIFY(row);
        QObject *rowMenu = row->findChild<QObject *>(QStringLiteral("conversationMenu"));
        CHECKED(openPopup(rowMenu));
        CHECKED(checkNames(QStringLiteral("conversation menu")));
        CHECKED(closePopup(rowMenu));

        // The model picker's list.
        QQuickItem *picker = item(QStringLiteral("modelPicker"));
        QVERIFY(picker);
        QObject *popup = picker->property("popup").value<QObject *>();
        CHECKED(openPopup(popup));
        CHECKED(checkNames(QStringLiteral("model picker open")));
        CHECKED(closePopup(popup));

        // Attachments waiting in the composer: an image and a recording, each with its remove button.
        QTemporaryDir files;
        QImage image(64, 48, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QVERIFY(image.save(files.filePath(QStringLiteral("chart.png"))));
        QFile wav(files.filePath(QStringLiteral("note.wav")));
        QVERIFY(wav.open(QIODevice::WriteOnly));
        wav.write(wavTone(800));
        wav.close();
        ComposerAttachments *attachments = app->workbench()->chatAttachments();
        QVERIFY(attachments->addFile(QUrl::fromLocalFile(files.filePath(QStringLiteral("chart.png")))));
        QVERIFY(attachments->addFile(QUrl::fromLocalFile(wav.fileName())));
        QTRY_VERIFY(item(QStringLiteral("attachmentStrip"))->isVisible());
        CHECKED(checkNames(QStringLiteral("composer with attachments")));
        QQuickItem *remove = item(QStringLiteral("removeAttachmentButton"), item(QStringLiteral("attachmentStrip")));
        QVERIFY(accessibleName(remove).contains(QLatin1String("chart.png")));
        CHECKED(press(remove));
        QTRY_COMPARE(attachments->count(), 1);
        attachments->clear();

        // The sidebar's buttons answer Press.
        CHECKED(press(item(QStringLiteral("compareButton"))));
        QCOMPARE(app->window()->property("page").toString(), QStringLiteral("compare"));
        CHECKED(press(item(QStringLiteral("settingsButton"))));
        QCOMPARE(app->window()->property("page").toString(), QStringLiteral("settings"));
        CHECKED(press(item(QStringLiteral("settingsBackButton"))));
        QCOMPARE(app->window()->property("page").toString(), QStringLiteral("chat"));
        CHECKED(press(item(QStringLiteral("newConversationButton"))));
        QCOMPARE(item(QStringLiteral("messageList"))->property("count").toInt(), 0);
    }

    void comparePage()
    {
        setPage(QStringLiteral("compare"));
        CompareController *compare = app->workbench()->compare();
        CHECKED(checkNames(QStringLiteral("compare, no models")));
        QVERIFY(compare->addColumn(QStringLiteral("openai/gpt-4o-mini")));
        QVERIFY(compare->addColumn(QStringLiteral("openai/gpt-4o")));
        QVERIFY(compare->addColumn(QStringLiteral("openai/o3-mini")));
        CHECKED(checkNames(QStringLiteral("compare, three models chosen")));
        // A chosen model's remove button answers Press.
        CHECKED(press(item(QStringLiteral("removeModelButton"))));
        QCOMPARE(compare->models().size(), 2);

        QSignalSpy finished(compare, &CompareController::columnFinished);
        QVERIFY(compare->send(QStringLiteral("Where do rivers go?")));
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 10'000);
        CHECKED(checkNames(QStringLiteral("compare, answered")));

        // Each column is a group named after its model.
        QQuickItem *column = item(QStringLiteral("compareColumn"));
        QVERIFY(column);
        QAccessibleInterface *group = QAccessible::queryAccessibleInterface(column);
        QCOMPARE(group->role(), QAccessible::Grouping);
        QVERIFY(group->text(QAccessible::Name).contains(compare->models().constFirst()));
        QObject *announcer = app->window()->property("announcer").value<QObject *>();
        QVERIFY(announcer->property("message").toString().contains(QLatin1String("finished")));

        QQuickItem *saved = item(QStringLiteral("savedComparisons"));
        QVERIFY(saved);
        CHECKED(openPopup(saved->property("popup").value<QObject *>()));
        CHECKED(checkNames(QStringLiteral("saved comparisons open")));
        CHECKED(closePopup(saved->property("popup").value<QObject *>()));
    }

    void settingsPages()
    {
        const QStringList tabs = {QStringLiteral("providers"), QStringLiteral("defaults"), QStringLiteral("fallbacks"),
                                  QStringLiteral("appearance"), QStringLiteral("local server"), QStringLiteral("tools")};
        for (int i = 0; i < tabs.size(); ++i) {
            setPage(QStringLiteral("settings"), i);
            CHECKED(checkNames(QStringLiteral("settings: ") + tabs.at(i)));
        }

        // Providers: the key can be shown by Press.
        setPage(QStringLiteral("settings"), 0);
        QQuickItem *show = item(QStringLiteral("showKeyButton"));
        QVERIFY(show);
        CHECKED(press(show));
        QVERIFY(show->property("checked").toBool());

        // Appearance: a theme chosen by Press.
        setPage(QStringLiteral("settings"), 3);
        CHECKED(press(item(QStringLiteral("themeDark"))));
        QCOMPARE(app->workbench()->settings()->theme(), QStringLiteral("dark"));
        CHECKED(press(item(QStringLiteral("themeLight"))));

        // Fallbacks with a chain, so its rows and buttons are there.
        setPage(QStringLiteral("settings"), 2);
        QVERIFY(app->workbench()->fallbacks()->addFallback(QStringLiteral("openai/gpt-4o"), QStringLiteral("openai/gpt-4o-mini")));
        QTRY_VERIFY(item(QStringLiteral("fallbackChain")));
        CHECKED(checkNames(QStringLiteral("settings: fallbacks with a chain")));

        // Tools: the editor and the import panel open.
        setPage(QStringLiteral("settings"), 5);
        QTRY_VERIFY(item(QStringLiteral("addServerButton")));
        CHECKED(press(item(QStringLiteral("addServerButton"))));
        QTRY_VERIFY(item(QStringLiteral("serverEditor"))->isVisible());
        CHECKED(checkNames(QStringLiteral("settings: tools, server editor")));
        CHECKED(press(item(QStringLiteral("importServersButton"))));
        QTRY_VERIFY(item(QStringLiteral("importPanel"))->isVisible());
        CHECKED(checkNames(QStringLiteral("settings: tools, import")));

        // Local server: running, so Copy URL is enabled too.
        setPage(QStringLiteral("settings"), 4);
        QQuickItem *serverSwitch = item(QStringLiteral("localServerSwitch"));
        QVERIFY(serverSwitch);
        LocalServer *server = app->workbench()->server();
        server->setPort(0);
        QAccessible::queryAccessibleInterface(serverSwitch)->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
        QTRY_VERIFY(server->running());
        CHECKED(checkNames(QStringLiteral("settings: local server running")));
        CHECKED(press(item(QStringLiteral("localServerCopyUrl"))));
        QTRY_COMPARE(QGuiApplication::clipboard()->text(), server->url());
        server->setRunning(false);
    }

    void firstRunAndShortcutSheet()
    {
        setPage(QStringLiteral("firstrun"));
        CHECKED(checkNames(QStringLiteral("first run")));
        CHECKED(press(item(QStringLiteral("skipButton"))));
        QCOMPARE(app->window()->property("page").toString(), QStringLiteral("chat"));

        QObject *sheet = app->window()->property("shortcutSheet").value<QObject *>();
        CHECKED(openPopup(sheet));
        CHECKED(checkNames(QStringLiteral("shortcut sheet")));
        CHECKED(closePopup(sheet));
    }

    void cleanupTestCase()
    {
        qInfo("Walked: %s", qPrintable(m_visited.join(QLatin1String("; "))));
        app.reset();
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
