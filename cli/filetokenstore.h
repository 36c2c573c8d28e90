#pragma once

#include <oauthtokens.h>

#include <QString>

namespace muxi::cli {

// The command line's OAuth tokens for remote MCP servers: one JSON file in
// the user's data directory, readable by the user alone (mode 0600).
class FileTokenStore : public mcp::TokenStore
{
public:
    explicit FileTokenStore(QString path = defaultPath());

    static QString defaultPath();
    QString path() const { return m_path; }

    mcp::OAuthTokens load(const QUrl &server) override;
    void save(const QUrl &server, const mcp::OAuthTokens &tokens) override;

private:
    QString m_path;
};

} // namespace muxi::cli
