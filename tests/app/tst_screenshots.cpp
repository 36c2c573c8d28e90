#include "sse.h"
#include "workbenchwindow.h"

#include <appsettings.h>
#include <chatcontroller.h>
#include <fixtures.h>
#include <messagemodel.h>
#include <workbench.h>

#include <QDir>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

// Renders the main window in its main states, light and dark, to PNG files
// under <build>/screenshots for a reviewer to look at, and checks that each
// rendering holds a real picture of the expected theme.
class TestScreenshots : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<WorkbenchWindow> app;

    QImage shoot(const QString &name)
    {
        // Let layouts settle and the scene graph render.
        QTest::qWait(150);
        QImage image = app->window()->grabWindow();
        QDir().mkpath(QStringLiteral(MUXI_SCREENSHOT_DIR));
        image.save(QStringLiteral(MUXI_SCREENSHOT_DIR "/") + name + QLatin1String(".png"));
        return image;
    }

    static double meanLightness(const QImage &image)
    {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7) {
                sum += QColor(image.pixel(x, y)).lightnessF();
                ++n;
            }
        }
        return sum / n;
    }

    static int distinctColours(const QImage &image)
    {
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        }
        return int(colours.size());
    }

    void setTheme(const QString &theme)
    {
        app->workbench()->settings()->setTheme(theme);
        QTest::qWait(50);
    }

    void setPage(const QString &page, int settingsTab = 0)
    {
        app->window()->setProperty("page", page);
        app->window()->setProperty("settingsTab", settingsTab);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("canary-openai-123456"));
        app = std::make_unique<WorkbenchWindow>(env);
        app->server().script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("workbench/models.json")))});
        QVERIFY(app->show());
        app->workbench()->chat()->setModel(QStringLiteral("openai/gpt-4o-mini"));
    }

    void firstRunAndEmptyState()
    {
        // A key is configured, so the first-run page is not where the window opens.
        QCOMPARE(app->window()->property("page").toString(), QStringLiteral("chat"));
        setTheme(QStringLiteral("light"));
        setPage(QStringLiteral("firstrun"));
        const QImage firstRun = shoot(QStringLiteral("firstrun-light"));
        QVERIFY(distinctColours(firstRun) > 20);
        setPage(QStringLiteral("chat"));
        const QImage light = shoot(QStringLiteral("empty-light"));
        setTheme(QStringLiteral("dark"));
        const QImage dark = shoot(QStringLiteral("empty-dark"));
        QCOMPARE(light.size(), dark.size());
        QVERIFY(meanLightness(light) > 0.8);
        QVERIFY(meanLightness(dark) < 0.25);
    }

    void conversationWithTableAndCode()
    {
        app->server().script("POST", "/v1/chat/completions",
                             {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-markdown.sse"))), 5)});
        setTheme(QStringLiteral("light"));
        QSignalSpy finished(app->workbench()->chat(), &ChatController::answerFinished);
        QVERIFY(app->workbench()->chat()->send(QStringLiteral("Compare two providers in a table, then show a C++ hello world.")));
        QVERIFY(finished.wait(10'000));
        QCOMPARE(app->workbench()->chat()->messages()->rowCount(), 2);
        const QImage light = shoot(QStringLiteral("conversation-light"));
        setTheme(QStringLiteral("dark"));
        const QImage dark = shoot(QStringLiteral("conversation-dark"));
        QVERIFY(distinctColours(light) > 50);
        QVERIFY(meanLightness(dark) < meanLightness(light));
    }

    void settingsPages()
    {
        for (const QString &theme : {QStringLiteral("light"), QStringLiteral("dark")}) {
            setTheme(theme);
            setPage(QStringLiteral("settings"), 0);
            shoot(QStringLiteral("settings-providers-") + theme);
            setPage(QStringLiteral("settings"), 1);
            shoot(QStringLiteral("settings-defaults-") + theme);
            setPage(QStringLiteral("settings"), 2);
            const QImage appearance = shoot(QStringLiteral("settings-appearance-") + theme);
            QVERIFY(distinctColours(appearance) > 10);
        }
        setPage(QStringLiteral("chat"));
    }

    void cleanupTestCase()
    {
        app.reset();
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
