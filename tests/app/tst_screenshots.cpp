#include "sse.h"

#include <appsettings.h>
#include <builtinproviders.h>
#include <chatcontroller.h>
#include <client.h>
#include <fakehttpserver.h>
#include <fixtures.h>
#include <messagemodel.h>
#include <workbench.h>

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
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
    QTemporaryDir dir;
    FakeHttpServer server;
    std::unique_ptr<Workbench> workbench;
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow *window = nullptr;

    QImage shoot(const QString &name)
    {
        // Let layouts settle and the scene graph render twice.
        QTest::qWait(150);
        QImage image = window->grabWindow();
        const QString path = QStringLiteral(MUXI_SCREENSHOT_DIR "/") + name + QLatin1String(".png");
        QDir().mkpath(QStringLiteral(MUXI_SCREENSHOT_DIR));
        image.save(path);
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
        workbench->settings()->setTheme(theme);
        QTest::qWait(50);
    }

    void setPage(const QString &page, int settingsTab = 0)
    {
        window->setProperty("page", page);
        window->setProperty("settingsTab", settingsTab);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
        QProcessEnvironment env;
        env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("canary-openai-123456"));
        env.insert(QStringLiteral("OPENAI_BASE_URL"), server.url(QStringLiteral("/v1")).toString());
        Configuration configuration(env);
        // Local servers are looked for on the fake server, which has none, whatever runs on this machine.
        for (const ProviderInfo &p : builtinRegistry()->providers()) {
            if (p.local)
                configuration.setBaseUrl(p.id, server.url(QLatin1Char('/') + p.id + QLatin1String("/v1")));
        }
        server.script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("workbench/models.json")))});
        Workbench::Paths paths;
        paths.dataDir = dir.filePath(QStringLiteral("data"));
        paths.settingsFile = dir.filePath(QStringLiteral("workbench.conf"));
        workbench = std::make_unique<Workbench>(configuration, paths);
        workbench->settings()->setDefaultModel(QStringLiteral("openai/gpt-4o-mini"));
        workbench->chat()->setModel(QStringLiteral("openai/gpt-4o-mini"));
        Workbench::setInstance(workbench.get());
        workbench->start();

        engine = std::make_unique<QQmlApplicationEngine>();
        engine->load(QUrl(QStringLiteral("qrc:/Muxi/Workbench/Ui/Main.qml")));
        QCOMPARE(engine->rootObjects().size(), 1);
        window = qobject_cast<QQuickWindow *>(engine->rootObjects().first());
        QVERIFY(window);
        window->resize(1120, 760);
        QVERIFY(QTest::qWaitForWindowExposed(window));
    }

    void firstRunAndEmptyState()
    {
        QCOMPARE(window->property("page").toString(), QStringLiteral("chat"));
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
        server.script("POST", "/v1/chat/completions",
                      {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-markdown.sse"))), 5)});
        setTheme(QStringLiteral("light"));
        QSignalSpy finished(workbench->chat(), &ChatController::answerFinished);
        QVERIFY(workbench->chat()->send(QStringLiteral("Compare two providers in a table, then show a C++ hello world.")));
        QVERIFY(finished.wait(10'000));
        QCOMPARE(workbench->chat()->messages()->rowCount(), 2);
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
        engine.reset();
        Workbench::setInstance(nullptr);
        workbench.reset();
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
