#pragma once

#include <oauthtokens.h>

#include <QHash>
#include <QSet>

#include <functional>

namespace muxi {

class KeyStore;

// OAuth tokens of remote MCP servers in the keychain (entry
// "mcp-oauth/<server URL>", the tokens as JSON). TokenStore is synchronous,
// so a server's entry is read ahead with preload() before its session starts,
// and saving writes in the background.
class KeychainTokenStore : public mcp::TokenStore
{
public:
    explicit KeychainTokenStore(KeyStore *keys);

    // Reads the server's entry; `done(ok)` follows, ok false when the keychain failed
    // (the server then counts as having no tokens).
    void preload(const QUrl &server, std::function<void(bool ok)> done);
    bool isLoaded(const QUrl &server) const { return m_loaded.contains(server.toString()); }

    mcp::OAuthTokens load(const QUrl &server) override;
    void save(const QUrl &server, const mcp::OAuthTokens &tokens) override;

private:
    KeyStore *m_keys;
    QHash<QString, mcp::OAuthTokens> m_tokens;
    QSet<QString> m_loaded;
};

} // namespace muxi
