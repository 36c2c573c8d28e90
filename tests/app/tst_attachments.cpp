#include "media.h"
#include "sse.h"
#include "workbenchwindow.h"

#include <attachmentstore.h>
#include <audiorecorder.h>
#include <chatcontroller.h>
#include <composerattachments.h>
#include <fixtures.h>
#include <messagemodel.h>
#include <workbench.h>

#include <QBuffer>
#include <QClipboard>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
QByteArray pngBytes()
{
    QImage image(48, 32, QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(x, y, qRgb(x * 5, y * 7, 128));
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(bytes);
    return path;
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}
} // namespace

// Files attached in the workbench's composer reach the provider byte for
// byte, in OpenAI's shape and in Gemini's native one; they are kept by
// content hash and referenced from the history.
class TestAttachments : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<WorkbenchWindow> app;
    QTemporaryDir files;
    QByteArray png;
    QByteArray wav;
    QString pngPath;
    QString wavPath;

    QQuickItem *composer() const { return app->item(QStringLiteral("composer")); }
    ComposerAttachments *attachments() const { return app->workbench()->chatAttachments(); }

    void attachInComposer(const QList<QUrl> &urls)
    {
        QVariant ok;
        QVERIFY(QMetaObject::invokeMethod(composer(), "attachFiles", Q_RETURN_ARG(QVariant, ok), Q_ARG(QVariant, QVariant::fromValue(urls))));
        QVERIFY2(ok.toBool(), qPrintable(attachments()->errorString()));
    }

    QList<RecordedRequest> requestsTo(const QByteArray &path) const
    {
        QList<RecordedRequest> found;
        const QList<RecordedRequest> all = app->server().requests();
        for (const RecordedRequest &r : all) {
            if (r.path() == path)
                found.append(r);
        }
        return found;
    }

    void typeAndSend(const QString &text)
    {
        QQuickItem *input = app->item(QStringLiteral("composerInput"), composer());
        QVERIFY(input);
        input->setProperty("text", text);
        QSignalSpy finished(app->workbench()->chat(), &ChatController::answerFinished);
        QTRY_VERIFY(app->item(QStringLiteral("sendButton"), composer()) && app->item(QStringLiteral("sendButton"), composer())->isEnabled());
        QVERIFY(app->click(app->item(QStringLiteral("sendButton"), composer())));
        QVERIFY(finished.wait(10'000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        png = pngBytes();
        wav = wavTone(2000);
        pngPath = writeFile(files, QStringLiteral("photo.png"), png);
        wavPath = writeFile(files, QStringLiteral("memo.wav"), wav);
        QProcessEnvironment env;
        env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("canary-openai-123456"));
        env.insert(QStringLiteral("GEMINI_API_KEY"), QStringLiteral("canary-gemini-123456"));
        env.insert(QStringLiteral("GEMINI_BASE_URL"), QStringLiteral("@SERVER@/gemini"));
        app = std::make_unique<WorkbenchWindow>(env);
        QVERIFY(app->show());
    }

    void cleanupTestCase()
    {
        app.reset();
    }

    void imageAndAudioReachOpenAiByteIdentical()
    {
        app->server().script("POST", "/v1/chat/completions",
                             {ScriptedResponse::sse(openAiStream(QStringLiteral("test-omni"), {QStringLiteral("A tone and a gradient.")}, 90, 6))});
        // A model the model table does not know: OpenAI's protocol carries both parts.
        app->workbench()->chat()->setModel(QStringLiteral("openai/test-omni"));
        attachInComposer({QUrl::fromLocalFile(pngPath), QUrl::fromLocalFile(wavPath)});

        // Previews: a thumbnail, and the recording with its length.
        QTRY_VERIFY(app->item(QStringLiteral("imageThumbnail"), composer()) && app->item(QStringLiteral("imageThumbnail"), composer())->isVisible());
        QQuickItem *duration = app->item(QStringLiteral("audioDuration"), composer());
        QVERIFY(duration);
        QCOMPARE(duration->property("text").toString(), QStringLiteral("0:02"));
        QCOMPARE(attachments()->count(), 2);
        QCOMPARE(attachments()->index(1).data(ComposerAttachments::DurationMsRole).toLongLong(), 2000);
        // OpenAI's model takes both: no warning.
        QCOMPARE(app->item(QStringLiteral("capabilityWarning"), composer())->isVisible(), false);

        typeAndSend(QStringLiteral("What is in these?"));
        QCOMPARE(attachments()->count(), 0);

        const QList<RecordedRequest> sent = requestsTo("/v1/chat/completions");
        QCOMPARE(sent.size(), 1);
        const QJsonArray content = sent.first().json().value(QLatin1String("messages")).toArray().last().toObject()
                                       .value(QLatin1String("content")).toArray();
        QCOMPARE(content.size(), 3);
        QCOMPARE(content.at(0).toObject().value(QLatin1String("text")).toString(), QStringLiteral("What is in these?"));
        const QString imageUrl = content.at(1).toObject().value(QLatin1String("image_url")).toObject().value(QLatin1String("url")).toString();
        QVERIFY(imageUrl.startsWith(QLatin1String("data:image/png;base64,")));
        QCOMPARE(QByteArray::fromBase64(imageUrl.mid(imageUrl.indexOf(QLatin1Char(',')) + 1).toLatin1()), png);
        const QJsonObject audio = content.at(2).toObject().value(QLatin1String("input_audio")).toObject();
        QCOMPARE(audio.value(QLatin1String("format")).toString(), QStringLiteral("wav"));
        QCOMPARE(QByteArray::fromBase64(audio.value(QLatin1String("data")).toString().toLatin1()), wav);

        // Kept by content hash in the data directory, referenced from the message.
        const ChatMessage user = app->workbench()->chat()->messages()->message(0);
        QCOMPARE(user.attachments, (QStringList{sha256(png) + QLatin1String(".png"), sha256(wav) + QLatin1String(".wav")}));
        QFile stored(QDir(app->dataDir()).filePath(QStringLiteral("attachments/") + user.attachments.first()));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), png);
        // The sent message shows its attachments.
        QTRY_VERIFY(app->item(QStringLiteral("messageAttachments")) && app->item(QStringLiteral("messageAttachments"))->isVisible());
    }

    void imageAndAudioReachGeminiByteIdentical()
    {
        app->workbench()->chat()->newConversation();
        app->server().clear();
        app->server().script("POST", "/gemini/models/gemini-2.5-flash:streamGenerateContent",
                             {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("gemini/stream-text.sse"))))});
        app->workbench()->chat()->setModel(QStringLiteral("gemini/gemini-2.5-flash"));
        attachInComposer({QUrl::fromLocalFile(wavPath), QUrl::fromLocalFile(pngPath)});
        typeAndSend(QStringLiteral("Describe both"));

        const QList<RecordedRequest> sent = requestsTo("/gemini/models/gemini-2.5-flash:streamGenerateContent");
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().header("x-goog-api-key"), QByteArray("canary-gemini-123456"));
        const QJsonArray parts = sent.first().json().value(QLatin1String("contents")).toArray().last().toObject()
                                     .value(QLatin1String("parts")).toArray();
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts.at(0).toObject().value(QLatin1String("text")).toString(), QStringLiteral("Describe both"));
        const QJsonObject audio = parts.at(1).toObject().value(QLatin1String("inlineData")).toObject();
        QVERIFY2(audio.value(QLatin1String("mimeType")).toString().startsWith(QLatin1String("audio/")),
                 qPrintable(audio.value(QLatin1String("mimeType")).toString()));
        QCOMPARE(QByteArray::fromBase64(audio.value(QLatin1String("data")).toString().toLatin1()), wav);
        const QJsonObject image = parts.at(2).toObject().value(QLatin1String("inlineData")).toObject();
        QCOMPARE(image.value(QLatin1String("mimeType")).toString(), QStringLiteral("image/png"));
        QCOMPARE(QByteArray::fromBase64(image.value(QLatin1String("data")).toString().toLatin1()), png);
        QCOMPARE(app->workbench()->chat()->messages()->message(1).text, QStringLiteral("Hello world!"));
    }

    void pastedImageIsAttached()
    {
        QImage image(20, 10, QImage::Format_RGB32);
        image.fill(Qt::red);
        QGuiApplication::clipboard()->setImage(image);
        QQuickItem *input = app->item(QStringLiteral("composerInput"), composer());
        input->forceActiveFocus();
        QTRY_VERIFY(input->hasActiveFocus());
        QTest::keySequence(app->window(), QKeySequence::Paste);
        QTRY_COMPARE(attachments()->count(), 1);
        QCOMPARE(attachments()->index(0).data(ComposerAttachments::KindRole).toString(), QStringLiteral("image"));
        QFile stored(app->workbench()->attachments()->path(attachments()->references().first()));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(QImage::fromData(stored.readAll()).convertToFormat(QImage::Format_RGB32), image);
        // Text on the clipboard pastes as text, as before.
        QGuiApplication::clipboard()->setText(QStringLiteral("plain"));
        QTest::keySequence(app->window(), QKeySequence::Paste);
        QTRY_COMPARE(input->property("text").toString(), QStringLiteral("plain"));
        QCOMPARE(attachments()->count(), 1);
        attachments()->clear();
        input->setProperty("text", QString());
    }

    void limitsAndDownscaling()
    {
        ComposerAttachments *a = attachments();
        a->setMaxBytes(1000);
        QVERIFY(!a->addFile(QUrl::fromLocalFile(wavPath)));
        QVERIFY2(a->errorString().contains(QLatin1String("memo.wav")), qPrintable(a->errorString()));
        QTRY_VERIFY(app->item(QStringLiteral("attachmentError"), composer()) && app->item(QStringLiteral("attachmentError"), composer())->isVisible());
        a->setMaxBytes(20 * 1024 * 1024);
        QVERIFY(!a->addFile(QUrl::fromLocalFile(writeFile(files, QStringLiteral("notes.txt"), "just text"))));
        QCOMPARE(a->count(), 0);

        a->setMaxImageEdge(16);
        QVERIFY(a->addFile(QUrl::fromLocalFile(pngPath)));
        const QImage scaled(app->workbench()->attachments()->path(a->references().first()));
        QCOMPARE(scaled.size(), QSize(16, 10));
        a->setMaxImageEdge(0);
        a->clear();
    }

    void warningsForModelsThatCannotTakeAttachments()
    {
        app->workbench()->chat()->setModel(QStringLiteral("anthropic/claude-3-5-haiku-20241022"));
        attachInComposer({QUrl::fromLocalFile(wavPath)});
        QQuickItem *warning = app->item(QStringLiteral("capabilityWarning"), composer());
        QTRY_VERIFY2(warning->isVisible(), qPrintable(warning->property("text").toString() + attachments()->warningFor(QStringLiteral("anthropic/claude-3-5-haiku-20241022"))));
        QVERIFY2(warning->property("text").toString().contains(QLatin1String("cannot take audio")), qPrintable(warning->property("text").toString()));
        // Decided per model: OpenAI's protocol carries audio, but gpt-4o-mini does not hear it.
        app->workbench()->chat()->setModel(QStringLiteral("openai/gpt-4o-mini"));
        QTRY_VERIFY2(warning->property("text").toString().contains(QLatin1String("openai/gpt-4o-mini cannot take audio")),
                     qPrintable(warning->property("text").toString()));
        app->workbench()->chat()->setModel(QStringLiteral("openai/gpt-4o-audio-preview"));
        QTRY_VERIFY(!warning->isVisible());
        attachments()->clear();
    }

    void recordingWithoutAMicrophoneSaysSo()
    {
        AudioRecorder *recorder = app->workbench()->recorder();
        if (recorder->isAvailable())
            QSKIP("this machine has an audio input device; the no-device path is not reachable here");
        QVERIFY(app->click(app->item(QStringLiteral("recordButton"), composer())));
        QVERIFY(!recorder->isRecording());
        QQuickItem *error = app->item(QStringLiteral("recorderError"), composer());
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->property("text").toString().contains(QLatin1String("No microphone")), qPrintable(error->property("text").toString()));
    }
};

QTEST_MAIN(TestAttachments)
#include "tst_attachments.moc"
