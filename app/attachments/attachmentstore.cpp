#include "attachmentstore.h"

#include <muxi/attachmentloader.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace muxi {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::AttachmentStore", text);
}
}

AttachmentStore::AttachmentStore(const QString &directory)
    : m_directory(directory)
{
}

Expected<QString> AttachmentStore::addFile(const QString &file, qint64 maxBytes) const
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return Error(Error::Kind::BadRequest, tr("cannot read %1: %2").arg(file, in.errorString()));
    if (in.size() > maxBytes) {
        return Error(Error::Kind::BadRequest,
                     tr("%1 is %2 bytes, more than the limit of %3").arg(QFileInfo(file).fileName()).arg(in.size()).arg(maxBytes));
    }
    return addBytes(in.readAll(), QFileInfo(file).suffix().toLower());
}

Expected<QString> AttachmentStore::addBytes(const QByteArray &bytes, const QString &suffix) const
{
    QString reference = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    if (!suffix.isEmpty())
        reference += QLatin1Char('.') + suffix;
    const QString target = path(reference);
    if (QFileInfo::exists(target))
        return reference;
    QDir().mkpath(m_directory);
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        return Error(Error::Kind::BadRequest, tr("cannot store attachment in %1: %2").arg(m_directory, out.errorString()));
    return reference;
}

QString AttachmentStore::path(const QString &reference) const
{
    // A reference is a bare file name; anything else never leaves the directory.
    return QDir(m_directory).filePath(QFileInfo(reference).fileName());
}

Expected<ContentPart> AttachmentStore::part(const QString &reference) const
{
    return AttachmentLoader::any(path(reference), AttachmentLoader::DefaultMaxBytes);
}

} // namespace muxi
