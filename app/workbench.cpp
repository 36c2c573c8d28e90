#include "workbench.h"

#include "appsettings.h"
#include "attachmentstore.h"
#include "audiorecorder.h"
#include "chatcontroller.h"
#include "comparecontroller.h"
#include "composerattachments.h"
#include "fallbacksettings.h"
#include "conversationlistmodel.h"
#include "historystore.h"
#include "keystore.h"
#include "localserver.h"
#include "localserverprobe.h"
#include "markdownrenderer.h"
#include "modelpickermodel.h"
#include "presetstore.h"
#include "pricetable.h"
#include "providerlistmodel.h"
#include "toolservers.h"

#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>
#include <muxi/modelcatalogue.h>

#include <QDir>
#include <QFileInfo>
#include <QJSEngine>
#include <QMimeDatabase>
#include <QPointer>
#include <QStandardPaths>

namespace muxi {

namespace {
QPointer<Workbench> &instanceSlot()
{
    static QPointer<Workbench> instance;
    return instance;
}
} // namespace

Workbench::Paths Workbench::Paths::standard()
{
    Paths paths;
    paths.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    paths.settingsFile = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QLatin1String("/workbench.conf");
    paths.catalogueCacheFile = ModelCatalogue::defaultCacheFile();
    return paths;
}

Workbench::Workbench(const Configuration &configuration, const Paths &paths, QObject *parent)
    : QObject(parent)
    , m_paths(paths)
    , m_client(std::make_unique<Client>(builtinRegistry(), configuration))
    , m_settings(new AppSettings(paths.settingsFile, this))
    , m_keys(new KeyStore(paths.keychainService, this))
    , m_history(new HistoryStore(QDir(paths.dataDir).filePath(QStringLiteral("history.sqlite")), this))
{
    m_settings->applyTo(m_client->configuration());
    m_providers = new ProviderListModel(m_client.get(), m_settings, m_keys, this);
    m_catalogue = new ModelCatalogue(m_client.get(), this);
    // Empty (tests): no cache at all rather than the user's.
    m_catalogue->setCacheFile(paths.catalogueCacheFile);
    m_models = new ModelPickerModel(m_client.get(), m_catalogue, m_providers, m_settings, this);
    // Beside the settings file: the application's config directory.
    m_presets = new PresetStore(QFileInfo(paths.settingsFile).dir().filePath(QStringLiteral("presets.json")), this);
    m_conversations = new ConversationListModel(m_history, this);
    m_attachments = std::make_unique<AttachmentStore>(QDir(paths.dataDir).filePath(QStringLiteral("attachments")));
    m_prices = std::make_unique<PriceTable>(PriceTable::load(PriceTable::installUserCopy(paths.dataDir)));
    m_tools = new ToolServers(paths.settingsFile, m_keys, this);
    m_chat = new ChatController(m_client.get(), m_history, m_settings, m_conversations, this);
    m_chat->setToolServers(m_tools);
    m_chat->setPresets(m_presets);
    m_chat->setAttachmentStore(m_attachments.get());
    m_compare = new CompareController(m_client.get(), m_history, m_settings, m_attachments.get(), m_prices.get(), this);
    m_fallbacks = new FallbackSettings(m_client.get(), this);
    m_server = new LocalServer(m_client.get(), m_paths.settingsFile, this);
    m_chatAttachments = new ComposerAttachments(m_attachments.get(), m_client.get(), this);
    m_compareAttachments = new ComposerAttachments(m_attachments.get(), m_client.get(), this);
    m_recorder = new AudioRecorder(QDir(paths.dataDir).filePath(QStringLiteral("recordings")), this);
    m_probe = new LocalServerProbe(m_client.get(), this);
    connect(m_probe, &LocalServerProbe::detected, m_providers, &ProviderListModel::setLocalServerDetected);
    connect(m_probe, &LocalServerProbe::finished, this, [this] {
        m_probing = false;
        Q_EMIT probingChanged();
    });
    // A provider that became usable (key entered, server found) contributes its models.
    connect(m_providers, &ProviderListModel::providersChanged, m_models, [this] {
        m_models->refresh();
    });
    connect(m_conversations, &ConversationListModel::removed, this, [this](const QString &id) {
        if (m_chat->conversationId() == id)
            m_chat->newConversation();
    });
}

Workbench::~Workbench()
{
    // The controller saves a cut-off answer while the history store still exists.
    delete m_chat;
    m_chat = nullptr;
    delete m_compare;
    m_compare = nullptr;
}

Workbench *Workbench::create(QQmlEngine *, QJSEngine *)
{
    QPointer<Workbench> &instance = instanceSlot();
    if (!instance) {
        instance = new Workbench(Configuration::fromSystem(), Paths::standard());
        instance->start();
    }
    QJSEngine::setObjectOwnership(instance, QJSEngine::CppOwnership);
    return instance;
}

void Workbench::setInstance(Workbench *workbench)
{
    instanceSlot() = workbench;
}

QString Workbench::historyError() const
{
    return m_history->errorString();
}

QString Workbench::pricesFile() const
{
    return QDir(m_paths.dataDir).filePath(QStringLiteral("prices.json"));
}

QString Workbench::markdownStyleLight() const
{
    return MarkdownRenderer::styleSheet(false);
}

QString Workbench::markdownStyleDark() const
{
    return MarkdownRenderer::styleSheet(true);
}

void Workbench::start()
{
    if (m_started)
        return;
    m_started = true;
    // Conversations deleted in an earlier session are past undo.
    m_history->purgeDeleted();
    m_conversations->reload();
    m_compare->reloadSaved();
    m_providers->loadKeys();
    probeLocalServers();
    m_models->refresh();
    m_server->restore();
    m_tools->start();
}

QUrl Workbench::attachmentUrl(const QString &reference) const
{
    return QUrl::fromLocalFile(m_attachments->path(reference));
}

QString Workbench::attachmentKind(const QString &reference) const
{
    return QMimeDatabase().mimeTypeForFile(reference, QMimeDatabase::MatchExtension).name().startsWith(QLatin1String("audio/"))
        ? QStringLiteral("audio")
        : QStringLiteral("image");
}

void Workbench::probeLocalServers()
{
    if (m_probing)
        return;
    m_probing = true;
    Q_EMIT probingChanged();
    m_probe->probe();
}

} // namespace muxi
