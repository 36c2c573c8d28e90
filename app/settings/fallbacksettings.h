#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace muxi {

class Client;

// The fallback settings panel's model: per model an ordered fallback chain,
// the default chains for models without one (per kind: chat, embedding),
// and the retry policy (count, base delay, which error kinds move on to the
// next model). Every edit is written at once to the config file the CLI
// reads ("fallbacks", "default_chains" and "retry" in docs/configuration.md), and the client
// reloads it, so the next request uses it.
class FallbackSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    // [{model, chain: [..]}] in the file's order.
    Q_PROPERTY(QVariantList chains READ chains NOTIFY changed)
    Q_PROPERTY(QStringList defaultChatChain READ defaultChatChain NOTIFY changed)
    Q_PROPERTY(QStringList defaultEmbeddingChain READ defaultEmbeddingChain NOTIFY changed)
    Q_PROPERTY(int maxRetries READ maxRetries WRITE setMaxRetries NOTIFY changed)
    Q_PROPERTY(int baseDelayMs READ baseDelayMs WRITE setBaseDelayMs NOTIFY changed)
    Q_PROPERTY(QStringList fallbackOn READ fallbackOn NOTIFY changed)
    Q_PROPERTY(QStringList errorKinds READ errorKinds CONSTANT)
    Q_PROPERTY(QString configPath READ configPath NOTIFY changed)
    Q_PROPERTY(QString errorString READ errorString NOTIFY changed)

public:
    explicit FallbackSettings(Client *client, QObject *parent = nullptr);

    QVariantList chains() const;
    Q_INVOKABLE QStringList chain(const QString &model) const;
    QStringList defaultChatChain() const { return defaultChain(QStringLiteral("chat")); }
    QStringList defaultEmbeddingChain() const { return defaultChain(QStringLiteral("embedding")); }
    // `kind` is "chat" or "embedding".
    Q_INVOKABLE QStringList defaultChain(const QString &kind) const;
    int maxRetries() const;
    void setMaxRetries(int retries);
    int baseDelayMs() const;
    void setBaseDelayMs(int ms);
    QStringList fallbackOn() const;
    QStringList errorKinds() const;
    QString configPath() const;
    QString errorString() const { return m_error; }

    Q_INVOKABLE bool setChain(const QString &model, const QStringList &chain);
    Q_INVOKABLE bool addFallback(const QString &model, const QString &fallback);
    Q_INVOKABLE bool moveFallback(const QString &model, int from, int to);
    Q_INVOKABLE bool removeFallback(const QString &model, int index);
    Q_INVOKABLE bool removeModel(const QString &model);
    Q_INVOKABLE bool setFallbackOn(const QString &kind, bool enabled);
    Q_INVOKABLE bool addDefaultFallback(const QString &kind, const QString &model);
    Q_INVOKABLE bool moveDefaultFallback(const QString &kind, int from, int to);
    Q_INVOKABLE bool removeDefaultFallback(const QString &kind, int index);
    // Reads the file again (edited by hand or by the CLI meanwhile).
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void changed();

private:
    QJsonObject file() const;
    bool write(const QJsonObject &contents);
    bool writeChains(const QJsonObject &fallbacks);
    bool writeRetry(const QJsonObject &retry);
    bool writeDefaultChain(const QString &kind, const QStringList &chain);

    void watchConfigFile();
    void onConfigFileTouched();

    Client *m_client;
    QString m_error;
    // The CLI, an editor or another window may change the file: follow it
    // without a restart. The folder is watched too, because saving by
    // rename (QSaveFile, most editors) replaces the file being watched.
    QFileSystemWatcher m_watcher;
};

} // namespace muxi
