#pragma once

#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

namespace muxi {

class AppSettings;
class AttachmentStore;
class AudioRecorder;
class ComposerAttachments;
class ChatController;
class Client;
class CompareController;
class FallbackSettings;
class Configuration;
class ConversationListModel;
class HistoryStore;
class KeyStore;
class LocalServer;
class LocalServerProbe;
class ModelCatalogue;
class ModelPickerModel;
class PresetStore;
class PriceTable;
class ProviderListModel;
class ToolServers;

// Everything the QML front end works with, wired together once: the core
// Client, settings, keychain, history and the models over them.
class Workbench : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_MOC_INCLUDE("appsettings.h")
    Q_MOC_INCLUDE("chatcontroller.h")
    Q_MOC_INCLUDE("audiorecorder.h")
    Q_MOC_INCLUDE("comparecontroller.h")
    Q_MOC_INCLUDE("composerattachments.h")
    Q_MOC_INCLUDE("fallbacksettings.h")
    Q_MOC_INCLUDE("conversationlistmodel.h")
    Q_MOC_INCLUDE("keystore.h")
    Q_MOC_INCLUDE("localserver.h")
    Q_MOC_INCLUDE("modelpickermodel.h")
    Q_MOC_INCLUDE("presetstore.h")
    Q_MOC_INCLUDE("providerlistmodel.h")
    Q_MOC_INCLUDE("toolservers.h")
    Q_PROPERTY(muxi::AppSettings *settings READ settings CONSTANT)
    Q_PROPERTY(muxi::KeyStore *keys READ keys CONSTANT)
    Q_PROPERTY(muxi::ProviderListModel *providers READ providers CONSTANT)
    Q_PROPERTY(muxi::ModelPickerModel *models READ models CONSTANT)
    Q_PROPERTY(muxi::PresetStore *presets READ presets CONSTANT)
    Q_PROPERTY(muxi::ConversationListModel *conversations READ conversations CONSTANT)
    Q_PROPERTY(muxi::ChatController *chat READ chat CONSTANT)
    Q_PROPERTY(muxi::CompareController *compare READ compare CONSTANT)
    Q_PROPERTY(muxi::FallbackSettings *fallbacks READ fallbacks CONSTANT)
    Q_PROPERTY(muxi::LocalServer *server READ server CONSTANT)
    Q_PROPERTY(muxi::ToolServers *tools READ tools CONSTANT)
    Q_PROPERTY(QString pricesFile READ pricesFile CONSTANT)
    Q_PROPERTY(muxi::ComposerAttachments *chatAttachments READ chatAttachments CONSTANT)
    Q_PROPERTY(muxi::ComposerAttachments *compareAttachments READ compareAttachments CONSTANT)
    Q_PROPERTY(muxi::AudioRecorder *recorder READ recorder CONSTANT)
    Q_PROPERTY(QString historyError READ historyError CONSTANT)
    Q_PROPERTY(bool probing READ probing NOTIFY probingChanged)
    Q_PROPERTY(QString markdownStyleLight READ markdownStyleLight CONSTANT)
    Q_PROPERTY(QString markdownStyleDark READ markdownStyleDark CONSTANT)

public:
    // Where the workbench keeps its files; the defaults are the platform's per-user directories.
    class Paths
    {
    public:
        QString dataDir;
        QString settingsFile;
        // Entries are named after providers under this service in the secret store.
        QString keychainService = QStringLiteral("muxi");
        // The model catalogue's cache, shared with the command line; empty: none.
        QString catalogueCacheFile;
        static Paths standard();
    };

    Workbench(const Configuration &configuration, const Paths &paths, QObject *parent = nullptr);
    ~Workbench() override;

    // The instance QML gets; created from the system configuration when main() set none.
    static Workbench *create(QQmlEngine *engine, QJSEngine *scriptEngine);
    static void setInstance(Workbench *workbench);

    Client *client() const { return m_client.get(); }
    AppSettings *settings() const { return m_settings; }
    KeyStore *keys() const { return m_keys; }
    HistoryStore *history() const { return m_history; }
    ProviderListModel *providers() const { return m_providers; }
    ModelPickerModel *models() const { return m_models; }
    ModelCatalogue *catalogue() const { return m_catalogue; }
    PresetStore *presets() const { return m_presets; }
    ConversationListModel *conversations() const { return m_conversations; }
    ChatController *chat() const { return m_chat; }
    CompareController *compare() const { return m_compare; }
    FallbackSettings *fallbacks() const { return m_fallbacks; }
    LocalServer *server() const { return m_server; }
    ToolServers *tools() const { return m_tools; }
    const AttachmentStore *attachments() const { return m_attachments.get(); }
    const PriceTable *prices() const { return m_prices.get(); }
    QString pricesFile() const;
    ComposerAttachments *chatAttachments() const { return m_chatAttachments; }
    ComposerAttachments *compareAttachments() const { return m_compareAttachments; }
    AudioRecorder *recorder() const { return m_recorder; }
    QString historyError() const;
    bool probing() const { return m_probing; }
    QString markdownStyleLight() const;
    QString markdownStyleDark() const;

    // Reads keys from the keychain, looks for local servers, loads the sidebar, starts the MCP servers.
    Q_INVOKABLE void start();
    Q_INVOKABLE void probeLocalServers();
    // Where a message's attachment is kept, for previews.
    Q_INVOKABLE QUrl attachmentUrl(const QString &reference) const;
    // "image" or "audio".
    Q_INVOKABLE QString attachmentKind(const QString &reference) const;

Q_SIGNALS:
    void probingChanged();

private:
    Paths m_paths;
    std::unique_ptr<Client> m_client;
    AppSettings *m_settings;
    KeyStore *m_keys;
    HistoryStore *m_history;
    ProviderListModel *m_providers;
    ModelCatalogue *m_catalogue;
    ModelPickerModel *m_models;
    PresetStore *m_presets;
    ConversationListModel *m_conversations;
    std::unique_ptr<AttachmentStore> m_attachments;
    std::unique_ptr<PriceTable> m_prices;
    ChatController *m_chat;
    CompareController *m_compare;
    FallbackSettings *m_fallbacks;
    LocalServer *m_server;
    ToolServers *m_tools;
    ComposerAttachments *m_chatAttachments;
    ComposerAttachments *m_compareAttachments;
    AudioRecorder *m_recorder;
    LocalServerProbe *m_probe;
    bool m_probing = false;
    bool m_started = false;
};

} // namespace muxi
