#include "filetokenstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace muxi::cli {

FileTokenStore::FileTokenStore(QString path)
    : m_path(std::move(path))
{
}

QString FileTokenStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).filePath(QStringLiteral("muxi/mcp-tokens.json"));
}

namespace {
QJsonObject readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}
}

mcp::OAuthTokens FileTokenStore::load(const QUrl &server)
{
    return mcp::OAuthTokens::fromJson(readAll(m_path).value(server.toString()).toObject());
}

void FileTokenStore::save(const QUrl &server, const mcp::OAuthTokens &tokens)
{
    QJsonObject all = readAll(m_path);
    all.insert(server.toString(), tokens.toJson());
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    // Private before a single byte of a token is written.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(all).toJson(QJsonDocument::Indented));
    file.commit();
}

} // namespace muxi::cli
