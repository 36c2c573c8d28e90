#pragma once

#include <oauthtokens.h>

#include <QHash>

namespace muxi::test {

// Tokens kept for the life of one process, for the conformance client and tests.
class MemoryTokenStore : public mcp::TokenStore
{
public:
    mcp::OAuthTokens load(const QUrl &server) override { return m_tokens.value(server.toString()); }
    void save(const QUrl &server, const mcp::OAuthTokens &tokens) override { m_tokens.insert(server.toString(), tokens); }

private:
    QHash<QString, mcp::OAuthTokens> m_tokens;
};

} // namespace muxi::test
