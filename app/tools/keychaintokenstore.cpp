#include "keychaintokenstore.h"

#include "keystore.h"

#include <QJsonDocument>

namespace muxi {

namespace {
QString entry(const QUrl &server)
{
    return QStringLiteral("mcp-oauth/") + server.toString();
}
}

KeychainTokenStore::KeychainTokenStore(KeyStore *keys)
    : m_keys(keys)
{
}

void KeychainTokenStore::preload(const QUrl &server, std::function<void(bool ok)> done)
{
    const QString key = server.toString();
    m_keys->read(entry(server), [this, key, done](bool ok, const QString &json) {
        // Without a keychain the server still starts: a sign-in then lasts until the workbench quits.
        m_loaded.insert(key);
        if (ok && !json.isEmpty())
            m_tokens.insert(key, mcp::OAuthTokens::fromJson(QJsonDocument::fromJson(json.toUtf8()).object()));
        done(ok);
    });
}

mcp::OAuthTokens KeychainTokenStore::load(const QUrl &server)
{
    return m_tokens.value(server.toString());
}

void KeychainTokenStore::save(const QUrl &server, const mcp::OAuthTokens &tokens)
{
    m_tokens.insert(server.toString(), tokens);
    m_loaded.insert(server.toString());
    m_keys->write(entry(server), QString::fromUtf8(QJsonDocument(tokens.toJson()).toJson(QJsonDocument::Compact)),
                  [](bool, const QString &) {});
}

} // namespace muxi
