#pragma once

#include "elicitationform.h"
#include "keychaintokenstore.h"

#include <mcpserverconfig.h>

#include <QAbstractListModel>
#include <QPointer>
#include <QSettings>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <vector>

namespace muxi::mcp {
class McpElicitation;
class McpSession;
}

namespace muxi {

class KeyStore;

// The MCP servers the user configured, one row each, with the session that
// runs for every enabled one and its status. The configuration lives in the
// settings file under [mcp]; values that look like secrets (tokens in
// headers, keys in the environment) go to the keychain and the file only
// names them. Tool switches and "always allow" choices are kept per server.
class ToolServers : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(int maxSteps READ maxSteps WRITE setMaxSteps NOTIFY maxStepsChanged)
    Q_PROPERTY(int readyToolCount READ readyToolCount NOTIFY toolsChanged)
    Q_PROPERTY(muxi::ElicitationForm *elicitation READ elicitation NOTIFY elicitationChanged)
    Q_PROPERTY(QString keychainError READ keychainError NOTIFY keychainErrorChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        // "stdio" or "http".
        TransportRole,
        // The command line as typed: program and arguments.
        CommandRole,
        // "NAME=value" lines; secret values are shown as secretMask.
        EnvironmentRole,
        UrlRole,
        // "Name: value" lines; secret values are shown as secretMask.
        HeadersRole,
        EnabledRole,
        // "disabled", "starting", "ready" or "failed".
        StateRole,
        StatusTextRole,
        ToolCountRole,
        // One map per tool: name, title, description, enabled, always.
        ToolsRole,
    };
    Q_ENUM(Role)

    // What a secret value looks like on screen; given back unchanged, it keeps the stored value.
    static inline const QString secretMask = QStringLiteral("••••••••");

    ToolServers(const QString &settingsFile, KeyStore *keys, QObject *parent = nullptr);
    ~ToolServers() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Reads the servers' secrets from the keychain and starts the enabled ones.
    void start();

    // `spec`: name, command (a command line) or url, environment ("NAME=value"
    // lines), headers ("Name: value" lines), enabled. Returns the new row, or
    // -1 with lastError() saying why.
    Q_INVOKABLE int addServer(const QVariantMap &spec);
    Q_INVOKABLE bool updateServer(int row, const QVariantMap &spec);
    Q_INVOKABLE void removeServer(int row);
    Q_INVOKABLE void setServerEnabled(int row, bool enabled);
    Q_INVOKABLE void restartServer(int row);
    Q_INVOKABLE void setToolEnabled(int row, const QString &tool, bool enabled);
    Q_INVOKABLE void setToolAlwaysAllowed(int row, const QString &tool, bool always);
    // The {"mcpServers": {...}} JSON of Claude Desktop and Cursor; returns how
    // many servers were added, or -1 with lastError() saying why.
    Q_INVOKABLE int importJson(const QString &json);
    Q_INVOKABLE int importFile(const QUrl &file);
    Q_INVOKABLE QString lastError() const { return m_lastError; }
    Q_INVOKABLE int rowOfName(const QString &name) const;

    int maxSteps() const;
    void setMaxSteps(int steps);
    int readyToolCount() const;
    ElicitationForm *elicitation() const { return m_form; }
    QString keychainError() const { return m_keychainError; }
    // Opens an OAuth authorization URL when $BROWSER is not set; the desktop's default browser unless changed (tests).
    void setUrlOpener(std::function<void(const QUrl &url)> opener) { m_urlOpener = std::move(opener); }
    KeychainTokenStore *tokenStore() { return &m_tokens; }

    // For the chat's tool loop: the ready sessions, the names of the tools
    // the user left on (as ToolLoop::setAllowedTools takes them), and the
    // tools allowed "always".
    QList<mcp::McpSession *> readySessions() const;
    QStringList enabledToolNames() const;
    bool isAlwaysAllowed(const QString &serverName, const QString &tool) const;
    void setAlwaysAllowed(const QString &serverName, const QString &tool);

Q_SIGNALS:
    void maxStepsChanged();
    void toolsChanged();
    void elicitationChanged();
    void keychainErrorChanged();

private:
    struct Server {
        QString id;
        mcp::McpServerConfig config;
        // "env:NAME" and "header:Name" whose values live in the keychain.
        QStringList secrets;
        bool enabled = true;
        QStringList disabledTools;
        QStringList alwaysAllowed;
        QPointer<mcp::McpSession> session;
        // Keychain reads still outstanding before the session can start.
        int pendingSecrets = 0;
        QString secretError;
        // Remote servers: waiting for the user to sign in through the browser.
        bool authorizing = false;
    };

    bool fromSpec(const QVariantMap &spec, Server &server, const Server *previous);
    void load();
    void save();
    void writeSecrets(const Server &server, const QStringList &previous);
    void startSession(Server &server);
    void stopSession(Server &server);
    int rowOfId(const QString &id) const;
    void rowChanged(const QString &id, const QList<int> &roles);
    QString uniqueName(const QString &wanted, const QString &exceptId) const;
    QString stateOf(const Server &server) const;
    QString statusTextOf(const Server &server) const;
    QString secretKey(const Server &server, const QString &secret) const;
    void onElicitation(mcp::McpElicitation *elicitation);
    void showNextElicitation();
    void setKeychainError(const QString &message);

    mutable QSettings m_settings;
    KeyStore *m_keys;
    std::vector<Server> m_servers;
    QString m_lastError;
    QString m_keychainError;
    bool m_started = false;
    QList<QPointer<mcp::McpElicitation>> m_elicitations;
    ElicitationForm *m_form = nullptr;
    KeychainTokenStore m_tokens;
    std::function<void(const QUrl &url)> m_urlOpener;
};

} // namespace muxi
