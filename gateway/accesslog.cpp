#include "accesslog.h"

#include <QJsonDocument>

#include <cstdio>

namespace muxi::gateway {

bool AccessLog::open(const QString &path)
{
    if (path.isEmpty())
        return m_file.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    m_file.setFileName(path);
    return m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered);
}

void AccessLog::write(const QJsonObject &entry)
{
    if (!m_file.isOpen())
        return;
    m_file.write(QJsonDocument(entry).toJson(QJsonDocument::Compact) + '\n');
}

} // namespace muxi::gateway
