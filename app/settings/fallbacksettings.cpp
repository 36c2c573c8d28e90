#include "fallbacksettings.h"

#include <muxi/client.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace muxi {

namespace {
const QLatin1String fallbacksKey("fallbacks");
const QLatin1String retryKey("retry");
const QLatin1String fallbackOnKey("fallback_on");
const QLatin1String defaultChainsKey("default_chains");

bool isChainKind(const QString &kind)
{
    return kind == QLatin1String("chat") || kind == QLatin1String("embedding");
}

QStringList toList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array)
        list.append(v.toString());
    return list;
}
} // namespace

FallbackSettings::FallbackSettings(Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &FallbackSettings::onConfigFileTouched);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &FallbackSettings::onConfigFileTouched);
    watchConfigFile();
}

void FallbackSettings::watchConfigFile()
{
    const QString path = configPath();
    if (path.isEmpty())
        return;
    const QString folder = QFileInfo(path).absolutePath();
    if (QFileInfo::exists(folder) && !m_watcher.directories().contains(folder))
        m_watcher.addPath(folder);
    if (QFileInfo::exists(path) && !m_watcher.files().contains(path))
        m_watcher.addPath(path);
}

void FallbackSettings::onConfigFileTouched()
{
    watchConfigFile();
    QFile disk(configPath());
    if (!disk.open(QIODevice::ReadOnly))
        return;
    // Our own saves land here too; only a change someone else made needs a reload.
    const QJsonDocument onDisk = QJsonDocument::fromJson(disk.readAll());
    if (onDisk.isObject() && onDisk.object() == file())
        return;
    reload();
}

QJsonObject FallbackSettings::file() const
{
    return m_client->configuration().fileContents();
}

QVariantList FallbackSettings::chains() const
{
    QVariantList list;
    const QJsonObject fallbacks = file().value(fallbacksKey).toObject();
    for (auto it = fallbacks.begin(); it != fallbacks.end(); ++it)
        list.append(QVariantMap{{QStringLiteral("model"), it.key()}, {QStringLiteral("chain"), toList(it.value())}});
    return list;
}

QStringList FallbackSettings::chain(const QString &model) const
{
    return toList(file().value(fallbacksKey).toObject().value(model));
}

int FallbackSettings::maxRetries() const
{
    return m_client->configuration().retryPolicy().maxRetries;
}

int FallbackSettings::baseDelayMs() const
{
    return int(m_client->configuration().retryPolicy().baseDelay.count());
}

QStringList FallbackSettings::fallbackOn() const
{
    QStringList names;
    for (Error::Kind kind : m_client->configuration().retryPolicy().fallbackOn)
        names.append(Error::kindName(kind));
    return names;
}

QStringList FallbackSettings::errorKinds() const
{
    QStringList names;
    for (int k = int(Error::Kind::Authentication); k <= int(Error::Kind::InvalidResponse); ++k) {
        // Cancelling is the user's own doing, never a reason to try another model.
        if (Error::Kind(k) != Error::Kind::Cancelled)
            names.append(Error::kindName(Error::Kind(k)));
    }
    return names;
}

QString FallbackSettings::configPath() const
{
    // Empty for a configuration that loaded no file, which saving then refuses.
    return m_client->configuration().filePath();
}

bool FallbackSettings::write(const QJsonObject &contents)
{
    const Expected<bool> saved = m_client->configuration().saveFile(contents);
    m_error = saved ? QString() : saved.error().message;
    Q_EMIT changed();
    return bool(saved);
}

bool FallbackSettings::writeChains(const QJsonObject &fallbacks)
{
    QJsonObject contents = file();
    if (fallbacks.isEmpty())
        contents.remove(fallbacksKey);
    else
        contents.insert(fallbacksKey, fallbacks);
    return write(contents);
}

bool FallbackSettings::writeRetry(const QJsonObject &retry)
{
    QJsonObject contents = file();
    contents.insert(retryKey, retry);
    return write(contents);
}

QStringList FallbackSettings::defaultChain(const QString &kind) const
{
    return toList(file().value(defaultChainsKey).toObject().value(kind));
}

bool FallbackSettings::writeDefaultChain(const QString &kind, const QStringList &chain)
{
    QJsonObject contents = file();
    QJsonObject chains = contents.value(defaultChainsKey).toObject();
    if (chain.isEmpty())
        chains.remove(kind);
    else
        chains.insert(kind, QJsonArray::fromStringList(chain));
    if (chains.isEmpty())
        contents.remove(defaultChainsKey);
    else
        contents.insert(defaultChainsKey, chains);
    return write(contents);
}

bool FallbackSettings::addDefaultFallback(const QString &kind, const QString &model)
{
    QStringList list = defaultChain(kind);
    if (!isChainKind(kind) || model.trimmed().isEmpty() || list.contains(model.trimmed()))
        return false;
    list.append(model.trimmed());
    return writeDefaultChain(kind, list);
}

bool FallbackSettings::moveDefaultFallback(const QString &kind, int from, int to)
{
    QStringList list = defaultChain(kind);
    if (from < 0 || from >= list.size() || to < 0 || to >= list.size() || from == to)
        return false;
    list.move(from, to);
    return writeDefaultChain(kind, list);
}

bool FallbackSettings::removeDefaultFallback(const QString &kind, int index)
{
    QStringList list = defaultChain(kind);
    if (index < 0 || index >= list.size())
        return false;
    list.removeAt(index);
    return writeDefaultChain(kind, list);
}

bool FallbackSettings::setChain(const QString &model, const QStringList &chain)
{
    if (model.trimmed().isEmpty() || chain.contains(model))
        return false;
    QJsonObject fallbacks = file().value(fallbacksKey).toObject();
    fallbacks.insert(model, QJsonArray::fromStringList(chain));
    return writeChains(fallbacks);
}

bool FallbackSettings::addFallback(const QString &model, const QString &fallback)
{
    QStringList list = chain(model);
    if (fallback.trimmed().isEmpty() || fallback == model || list.contains(fallback))
        return false;
    list.append(fallback);
    return setChain(model, list);
}

bool FallbackSettings::moveFallback(const QString &model, int from, int to)
{
    QStringList list = chain(model);
    if (from < 0 || from >= list.size() || to < 0 || to >= list.size() || from == to)
        return false;
    list.move(from, to);
    return setChain(model, list);
}

bool FallbackSettings::removeFallback(const QString &model, int index)
{
    QStringList list = chain(model);
    if (index < 0 || index >= list.size())
        return false;
    list.removeAt(index);
    return setChain(model, list);
}

bool FallbackSettings::removeModel(const QString &model)
{
    QJsonObject fallbacks = file().value(fallbacksKey).toObject();
    if (!fallbacks.contains(model))
        return false;
    fallbacks.remove(model);
    return writeChains(fallbacks);
}

void FallbackSettings::setMaxRetries(int retries)
{
    if (retries < 0 || retries == maxRetries())
        return;
    QJsonObject retry = file().value(retryKey).toObject();
    retry.insert(QLatin1String("max_retries"), retries);
    writeRetry(retry);
}

void FallbackSettings::setBaseDelayMs(int ms)
{
    if (ms < 0 || ms == baseDelayMs())
        return;
    QJsonObject retry = file().value(retryKey).toObject();
    retry.insert(QLatin1String("base_delay_ms"), ms);
    writeRetry(retry);
}

bool FallbackSettings::setFallbackOn(const QString &kind, bool enabled)
{
    if (!Error::kindFromName(kind))
        return false;
    QStringList kinds = fallbackOn();
    if (kinds.contains(kind) == enabled)
        return true;
    if (enabled)
        kinds.append(kind);
    else
        kinds.removeAll(kind);
    QJsonObject retry = file().value(retryKey).toObject();
    retry.insert(fallbackOnKey, QJsonArray::fromStringList(kinds));
    return writeRetry(retry);
}

void FallbackSettings::reload()
{
    const Expected<bool> loaded = m_client->configuration().reload();
    m_error = loaded ? QString() : loaded.error().message;
    Q_EMIT changed();
}

} // namespace muxi
