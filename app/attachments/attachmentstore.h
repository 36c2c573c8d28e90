#pragma once

#include <muxi/contentpart.h>
#include <muxi/expected.h>

#include <QString>

namespace muxi {

// Attachments kept in the app data directory under the SHA-256 of their
// bytes, so history rows name them by reference ("<hash>.<suffix>") and the
// same photo attached twice is stored once.
class AttachmentStore
{
public:
    explicit AttachmentStore(const QString &directory);

    QString directory() const { return m_directory; }
    // Copies `file` in; the reference names the copy.
    Expected<QString> addFile(const QString &file, qint64 maxBytes) const;
    Expected<QString> addBytes(const QByteArray &bytes, const QString &suffix) const;
    QString path(const QString &reference) const;
    // The stored bytes as the content part a request carries.
    Expected<ContentPart> part(const QString &reference) const;

private:
    QString m_directory;
};

} // namespace muxi
