#pragma once

#include <QFile>
#include <QJsonObject>

namespace muxi::gateway {

// One JSON line per answered request, to stderr or a file. Only what the
// gateway decided to put in the entry is written: never headers, never keys.
class AccessLog
{
public:
    // Empty path: stderr.
    bool open(const QString &path);
    QString errorString() const { return m_file.errorString(); }
    void write(const QJsonObject &entry);

private:
    QFile m_file;
};

} // namespace muxi::gateway
