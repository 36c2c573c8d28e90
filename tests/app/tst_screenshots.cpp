#include "media.h"
#include "sse.h"
#include "workbenchwindow.h"

#include <appsettings.h>
#include <chatcontroller.h>
#include <comparecolumn.h>
#include <comparecontroller.h>
#include <composerattachments.h>
#include <fallbacksettings.h>
#include <fixtures.h>
#include <messagemodel.h>
#include <workbench.h>

#include <QDir>
#include <QPainter>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
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
            setPage(QStringLiteral("settings"), 3);
            const QImage appearance = shoot(QStringLiteral("settings-appearance-") + theme);
            QVERIFY(distinctColours(appearance) > 10);
        }
        setPage(QStringLiteral("chat"));
    }

    void compareThreeColumnsMidStream()
    {
        const QStringList words = QStringLiteral(
            "Server-sent events keep one **HTTP response** open and push `data:` lines as the model writes. "
            "Each event is a JSON chunk with a small delta of text, so the client can show tokens as they arrive.\n\n"
            "The stream ends with a marker, and a cut connection without it must never look complete. "
            "Compared with WebSockets, SSE is one-way, works through most proxies and needs no upgrade handshake.")
                                      .split(QLatin1Char(' '));
        QStringList pieces;
        for (const QString &w : words)
            pieces.append(w + QLatin1Char(' '));
        app->server().route("POST", "/v1/chat/completions", [pieces](const RecordedRequest &request) {
            const QString model = request.json().value(QLatin1String("model")).toString();
            // Three speeds, so the columns are at different points when the picture is taken.
            const int interval = model == QLatin1String("gpt-4o-mini") ? 40 : model == QLatin1String("gpt-4.1-mini") ? 70 : 110;
            return ScriptedResponse::sse(openAiStream(model, pieces, 31, int(pieces.size())), interval);
        });
        CompareController *compare = app->workbench()->compare();
        QVERIFY(compare->setModels({QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("openai/gpt-4.1-mini"), QStringLiteral("openai/gpt-4o")}));
        setTheme(QStringLiteral("light"));
        setPage(QStringLiteral("compare"));
        QVERIFY(compare->send(QStringLiteral("Explain server-sent events in two short paragraphs.")));
        QTRY_VERIFY_WITH_TIMEOUT(compare->column(2)->completionTokens() >= 8, 10'000);
        for (CompareColumn *c : compare->columns())
            QVERIFY(c->isStreaming());
        const QImage light = shoot(QStringLiteral("compare-midstream-light"));
        setTheme(QStringLiteral("dark"));
        const QImage dark = shoot(QStringLiteral("compare-midstream-dark"));
        QVERIFY(compare->isStreaming());
        QVERIFY(distinctColours(light) > 50);
        QVERIFY(meanLightness(dark) < meanLightness(light));
        QTRY_VERIFY_WITH_TIMEOUT(!compare->isStreaming(), 20'000);
        setTheme(QStringLiteral("light"));
        shoot(QStringLiteral("compare-done-light"));
        setPage(QStringLiteral("chat"));
    }

    void attachmentPreviews()
    {
        QTemporaryDir dir;
        QImage photo(640, 400, QImage::Format_RGB32);
        QPainter painter(&photo);
        QLinearGradient sky(0, 0, 0, 400);
        sky.setColorAt(0, QColor(0x4a, 0x90, 0xd9));
        sky.setColorAt(1, QColor(0xf6, 0xd3, 0x65));
        painter.fillRect(photo.rect(), sky);
        painter.setBrush(QColor(0xff, 0xf2, 0xa8));
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(QPoint(460, 150), 70, 70);
        painter.setBrush(QColor(0x2e, 0x5e, 0x3a));
        painter.drawRect(0, 300, 640, 100);
        painter.end();
        const QString photoPath = dir.filePath(QStringLiteral("sunset.png"));
        QVERIFY(photo.save(photoPath));
        const QByteArray wav = wavTone(3000, 220);
        const QString wavPath = dir.filePath(QStringLiteral("voice-note.wav"));
        QFile file(wavPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(wav);
        file.close();

        ComposerAttachments *attachments = app->workbench()->chatAttachments();
        QVERIFY(attachments->addFile(QUrl::fromLocalFile(photoPath)));
        QVERIFY(attachments->addFile(QUrl::fromLocalFile(wavPath)));
        // A model without audio input: the composer warns before sending.
        app->workbench()->chat()->setModel(QStringLiteral("anthropic/claude-3-5-haiku-20241022"));
        app->workbench()->chat()->newConversation();
        setPage(QStringLiteral("chat"));
        for (const QString &theme : {QStringLiteral("light"), QStringLiteral("dark")}) {
            setTheme(theme);
            const QImage image = shoot(QStringLiteral("attachments-") + theme);
            QVERIFY(distinctColours(image) > 50);
        }
        QQuickItem *composer = app->item(QStringLiteral("composer"));
        QVERIFY(app->item(QStringLiteral("capabilityWarning"), composer)->isVisible());
        QCOMPARE(app->item(QStringLiteral("audioDuration"), composer)->property("text").toString(), QStringLiteral("0:03"));
        attachments->clear();
        app->workbench()->chat()->setModel(QStringLiteral("openai/gpt-4o-mini"));
    }

    void fallbackPanelAndAttempts()
    {
        FallbackSettings *fallbacks = app->workbench()->fallbacks();
        QVERIFY(fallbacks->setChain(QStringLiteral("openai/gpt-4o"), {QStringLiteral("anthropic/claude-3-5-haiku-20241022"), QStringLiteral("openai/gpt-4o-mini")}));
        QVERIFY(fallbacks->setChain(QStringLiteral("gemini/gemini-2.5-flash"), {QStringLiteral("openai/gpt-4o-mini")}));
        fallbacks->setMaxRetries(0);
        fallbacks->setBaseDelayMs(400);
        for (const QString &theme : {QStringLiteral("light"), QStringLiteral("dark")}) {
            setTheme(theme);
            setPage(QStringLiteral("settings"), 2);
            const QImage panel = shoot(QStringLiteral("settings-fallbacks-") + theme);
            QVERIFY(distinctColours(panel) > 10);
        }

        // gpt-4o is overloaded, Anthropic has no key here (skipped), gpt-4o-mini answers.
        app->server().route("POST", "/v1/chat/completions", [](const RecordedRequest &request) {
            const QString model = request.json().value(QLatin1String("model")).toString();
            if (model == QLatin1String("gpt-4o"))
                return ScriptedResponse::json(503, fixture(QStringLiteral("openai/error-500.json")));
            return ScriptedResponse::sse(openAiStream(model, {QStringLiteral("The fallback answered: "), QStringLiteral("**gpt-4o-mini**.")}, 12, 6));
        });
        setTheme(QStringLiteral("light"));
        setPage(QStringLiteral("chat"));
        ChatController *chat = app->workbench()->chat();
        chat->newConversation();
        chat->setModel(QStringLiteral("openai/gpt-4o"));
        QSignalSpy finished(chat, &ChatController::answerFinished);
        QVERIFY(chat->send(QStringLiteral("Which model answers when gpt-4o is overloaded?")));
        QVERIFY(finished.wait(10'000));
        QCOMPARE(chat->messages()->message(1).model, QStringLiteral("openai/gpt-4o-mini"));
        QCOMPARE(chat->messages()->message(1).attempts.size(), 3);
        // The answer's current delegate, by row: items found by name may belong to delegates the ListView is replacing.
        QQuickItem *list = app->item(QStringLiteral("messageList"));
        const auto answerItem = [list] {
            QQuickItem *item = nullptr;
            QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, item), Q_ARG(int, 1));
            return item;
        };
        QTRY_VERIFY(answerItem() && app->item(QStringLiteral("attemptsButton"), answerItem())->width() > 0);
        QQuickItem *button = app->item(QStringLiteral("attemptsButton"), answerItem());
        QCOMPARE(button->property("text").toString(), QStringLiteral("3 attempts"));
        // Through the button's signal: a synthesized click at its position can land on a delegate being replaced.
        QVERIFY(QMetaObject::invokeMethod(button, "clicked"));
        QTRY_VERIFY(answerItem() && app->item(QStringLiteral("attemptsPanel"), answerItem())->isVisible());
        QVERIFY(app->item(QStringLiteral("fallbackBadge"), answerItem())->isVisible());
        shoot(QStringLiteral("chat-attempts-light"));
        chat->setModel(QStringLiteral("openai/gpt-4o-mini"));
    }

    void cleanupTestCase()
    {
        app.reset();
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
