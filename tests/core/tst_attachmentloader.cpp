#include <muxi/attachmentloader.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;

namespace {
// The smallest headers that identify each type by content.
const QByteArray pngBytes = QByteArray::fromHex("89504e470d0a1a0a0000000d494844520000000100000001080600000000") + QByteArray(32, '\0');
const QByteArray wavBytes = QByteArray("RIFF\x24\x00\x00\x00WAVEfmt ", 16) + QByteArray(28, '\0');
const QByteArray mp3Bytes = QByteArray("ID3\x03\x00\x00\x00\x00\x00\x00", 10) + QByteArray::fromHex("fffb9064") + QByteArray(400, '\0');
}

// Files a user attaches (muxi chat --image/--audio, the workbench's composer)
// become image or audio parts, checked by content and size.
class TestAttachmentLoader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(bytes);
        return path;
    }

private Q_SLOTS:
    void imagesByContentAndUrlsByReference()
    {
        // The name says nothing; the bytes say PNG.
        const Expected<ContentPart> image = AttachmentLoader::image(write(QStringLiteral("picture.bin"), pngBytes));
        QVERIFY2(image, qPrintable(image ? QString() : image.error().message));
        QCOMPARE(image->type, ContentPart::Type::Image);
        QCOMPARE(image->mimeType, QStringLiteral("image/png"));
        QCOMPARE(image->data, pngBytes);

        const Expected<ContentPart> remote = AttachmentLoader::image(QStringLiteral("https://example.com/cat.png"));
        QVERIFY(remote);
        QCOMPARE(remote->url, QUrl(QStringLiteral("https://example.com/cat.png")));
        QVERIFY(!remote->hasInlineData());
    }

    void audioAsWavOrMp3()
    {
        const Expected<ContentPart> wav = AttachmentLoader::audio(write(QStringLiteral("note.wav"), wavBytes));
        QVERIFY2(wav, qPrintable(wav ? QString() : wav.error().message));
        QCOMPARE(wav->type, ContentPart::Type::Audio);
        QCOMPARE(wav->audioFormat, QStringLiteral("wav"));
        const Expected<ContentPart> mp3 = AttachmentLoader::audio(write(QStringLiteral("note.mp3"), mp3Bytes));
        QVERIFY2(mp3, qPrintable(mp3 ? QString() : mp3.error().message));
        QCOMPARE(mp3->audioFormat, QStringLiteral("mp3"));
        QCOMPARE(mp3->data, mp3Bytes);
    }

    void anyPicksByType()
    {
        const Expected<ContentPart> audio = AttachmentLoader::any(write(QStringLiteral("voice.wav"), wavBytes));
        QVERIFY(audio);
        QCOMPARE(audio->type, ContentPart::Type::Audio);
        const Expected<ContentPart> image = AttachmentLoader::any(write(QStringLiteral("shot.png"), pngBytes));
        QVERIFY(image);
        QCOMPARE(image->type, ContentPart::Type::Image);
    }

    void refusalsNameTheFileAndTheReason()
    {
        const QString missing = dir.filePath(QStringLiteral("gone.png"));
        const Expected<ContentPart> unreadable = AttachmentLoader::image(missing);
        QVERIFY(!unreadable);
        QCOMPARE(unreadable.error().kind, Error::Kind::BadRequest);
        QVERIFY2(unreadable.error().message.startsWith(QStringLiteral("cannot read ") + missing), qPrintable(unreadable.error().message));

        const QString big = write(QStringLiteral("big.png"), pngBytes);
        const Expected<ContentPart> tooLarge = AttachmentLoader::image(big, 16);
        QVERIFY(!tooLarge);
        QCOMPARE(tooLarge.error().message, QStringLiteral("%1 is %2 bytes, more than the limit of 16").arg(big).arg(pngBytes.size()));
        QVERIFY(!AttachmentLoader::audio(write(QStringLiteral("big.wav"), wavBytes), 8));
        QVERIFY(!AttachmentLoader::audio(missing));

        const QString text = write(QStringLiteral("notes.txt"), "just some words\n");
        const Expected<ContentPart> notImage = AttachmentLoader::image(text);
        QVERIFY(!notImage);
        QVERIFY2(notImage.error().message.contains(QStringLiteral("is not an image (text/plain)")), qPrintable(notImage.error().message));
        const Expected<ContentPart> notAudio = AttachmentLoader::audio(text);
        QVERIFY(!notAudio);
        QVERIFY2(notAudio.error().message.endsWith(QStringLiteral("is text/plain; audio must be WAV or MP3")), qPrintable(notAudio.error().message));
        // Audio of another kind is refused rather than sent under a wrong format.
        const Expected<ContentPart> ogg = AttachmentLoader::audio(write(QStringLiteral("song.ogg"), QByteArray("OggS\x00\x02", 6) + QByteArray(60, '\0')));
        QVERIFY(!ogg);
        QVERIFY2(ogg.error().message.contains(QStringLiteral("audio must be WAV or MP3")), qPrintable(ogg.error().message));
    }
};

QTEST_GUILESS_MAIN(TestAttachmentLoader)
#include "tst_attachmentloader.moc"
