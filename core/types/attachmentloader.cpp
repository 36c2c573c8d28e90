#include <muxi/attachmentloader.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QUrl>

namespace muxi {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::AttachmentLoader", text);
}

Expected<QByteArray> readFile(const QString &path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(Error::Kind::BadRequest, tr("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > maxBytes)
        return Error(Error::Kind::BadRequest, tr("%1 is %2 bytes, more than the limit of %3").arg(path).arg(file.size()).arg(maxBytes));
    return file.readAll();
}
}

Expected<ContentPart> AttachmentLoader::image(const QString &fileOrUrl, qint64 maxBytes)
{
    if (fileOrUrl.startsWith(QLatin1String("http://")) || fileOrUrl.startsWith(QLatin1String("https://")))
        return ContentPart::fromImageUrl(QUrl(fileOrUrl));
    const Expected<QByteArray> bytes = readFile(fileOrUrl, maxBytes);
    if (!bytes)
        return bytes.error();
    const QMimeType type = QMimeDatabase().mimeTypeForFileNameAndData(fileOrUrl, *bytes);
    if (!type.name().startsWith(QLatin1String("image/")))
        return Error(Error::Kind::BadRequest, tr("%1 is not an image (%2)").arg(fileOrUrl, type.name()));
    return ContentPart::fromImageData(*bytes, type.name());
}

Expected<ContentPart> AttachmentLoader::audio(const QString &file, qint64 maxBytes)
{
    const Expected<QByteArray> bytes = readFile(file, maxBytes);
    if (!bytes)
        return bytes.error();
    const QMimeType type = QMimeDatabase().mimeTypeForFileNameAndData(file, *bytes);
    QString format;
    if (type.inherits(QStringLiteral("audio/x-wav")) || type.name() == QLatin1String("audio/vnd.wave"))
        format = QStringLiteral("wav");
    else if (type.inherits(QStringLiteral("audio/mpeg")))
        format = QStringLiteral("mp3");
    else
        return Error(Error::Kind::BadRequest, tr("%1 is %2; audio must be WAV or MP3").arg(file, type.name()));
    return ContentPart::fromAudio(*bytes, format);
}

Expected<ContentPart> AttachmentLoader::any(const QString &file, qint64 maxBytes)
{
    const QMimeType type = QMimeDatabase().mimeTypeForFile(file);
    if (type.name().startsWith(QLatin1String("audio/")))
        return audio(file, maxBytes);
    return image(file, maxBytes);
}

} // namespace muxi
