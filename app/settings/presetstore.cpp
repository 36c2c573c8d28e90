#include "presetstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUuid>

namespace muxi {

PresetStore::PresetStore(const QString &fileName, QObject *parent)
    : QAbstractListModel(parent)
    , m_fileName(fileName)
{
    load();
}

void PresetStore::load()
{
    QFile file(m_fileName);
    if (!file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = tr("Cannot read the presets from %1: %2").arg(m_fileName, file.errorString());
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Kept aside rather than overwritten by the next save, so it can still be repaired by hand.
        file.close();
        const QString aside = m_fileName + QStringLiteral(".broken");
        QFile::remove(aside);
        QFile::rename(m_fileName, aside);
        m_error = tr("The presets in %1 were not valid JSON (%2); the file was moved to %3.").arg(m_fileName, parseError.errorString(), aside);
        return;
    }
    const QJsonArray presets = document.object().value(QLatin1String("presets")).toArray();
    for (const QJsonValue &value : presets) {
        const QJsonObject object = value.toObject();
        Preset preset;
        preset.id = object.value(QLatin1String("id")).toString();
        preset.name = object.value(QLatin1String("name")).toString();
        if (preset.id.isEmpty() || preset.name.trimmed().isEmpty())
            continue;
        preset.settings = ConversationSettings::fromJson(object);
        m_presets.append(preset);
    }
}

bool PresetStore::save()
{
    QJsonArray presets;
    for (const Preset &preset : std::as_const(m_presets)) {
        QJsonObject object = preset.settings.toJson();
        object.insert(QStringLiteral("id"), preset.id);
        object.insert(QStringLiteral("name"), preset.name);
        presets.append(object);
    }
    QDir().mkpath(QFileInfo(m_fileName).absolutePath());
    QSaveFile file(m_fileName);
    QString error;
    if (!file.open(QIODevice::WriteOnly))
        error = file.errorString();
    else if (file.write(QJsonDocument(QJsonObject{{QStringLiteral("presets"), presets}}).toJson()) < 0 || !file.commit())
        error = file.errorString();
    const QString message = error.isEmpty() ? QString() : tr("Cannot save the presets to %1: %2").arg(m_fileName, error);
    if (message != m_error) {
        m_error = message;
        Q_EMIT errorStringChanged();
    }
    return error.isEmpty();
}

int PresetStore::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_presets.size());
}

QVariant PresetStore::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Preset &p = m_presets.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return p.name;
    case IdRole:
        return p.id;
    case SystemPromptRole:
        return p.settings.systemPrompt;
    case ModelRole:
        return p.settings.model;
    case TemperatureRole:
        return p.settings.temperature.value_or(-1.0);
    case TopPRole:
        return p.settings.topP.value_or(-1.0);
    case MaxTokensRole:
        return p.settings.maxTokens.value_or(0);
    case JsonModeRole:
        return p.settings.jsonMode;
    default:
        return {};
    }
}

QHash<int, QByteArray> PresetStore::roleNames() const
{
    return {
        {IdRole, "presetId"},
        {NameRole, "name"},
        {SystemPromptRole, "systemPrompt"},
        {ModelRole, "model"},
        {TemperatureRole, "temperature"},
        {TopPRole, "topP"},
        {MaxTokensRole, "maxTokens"},
        {JsonModeRole, "jsonMode"},
    };
}

int PresetStore::rowOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_presets.size(); ++i) {
        if (m_presets.at(i).id == id)
            return int(i);
    }
    return -1;
}

std::optional<PresetStore::Preset> PresetStore::preset(const QString &id) const
{
    const int row = rowOf(id);
    if (row < 0)
        return std::nullopt;
    return m_presets.at(row);
}

QString PresetStore::uniqueName(const QString &name, const QString &exceptId) const
{
    const QString base = name.simplified().isEmpty() ? tr("Preset") : name.simplified();
    QString candidate = base;
    for (int n = 2;; ++n) {
        const bool taken = std::any_of(m_presets.cbegin(), m_presets.cend(), [&](const Preset &p) {
            return p.id != exceptId && p.name.compare(candidate, Qt::CaseInsensitive) == 0;
        });
        if (!taken)
            return candidate;
        candidate = tr("%1 %2").arg(base).arg(n);
    }
}

QString PresetStore::add(const QString &name, const ConversationSettings &settings)
{
    Preset preset;
    preset.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    preset.name = uniqueName(name);
    preset.settings = settings;
    const int row = int(m_presets.size());
    beginInsertRows({}, row, row);
    m_presets.append(preset);
    endInsertRows();
    Q_EMIT countChanged();
    save();
    return preset.id;
}

bool PresetStore::update(const QString &id, const QString &name, const ConversationSettings &settings)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    m_presets[row].name = uniqueName(name, id);
    m_presets[row].settings = settings;
    Q_EMIT dataChanged(index(row), index(row));
    return save();
}

bool PresetStore::remove(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_presets.removeAt(row);
    endRemoveRows();
    Q_EMIT countChanged();
    return save();
}

QString PresetStore::duplicate(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return {};
    Preset copy = m_presets.at(row);
    copy.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    copy.name = uniqueName(tr("%1 (copy)").arg(copy.name));
    beginInsertRows({}, row + 1, row + 1);
    m_presets.insert(row + 1, copy);
    endInsertRows();
    Q_EMIT countChanged();
    save();
    return copy.id;
}

QVariantMap PresetStore::toMap(const QString &name, const ConversationSettings &settings)
{
    return {
        {QStringLiteral("name"), name},
        {QStringLiteral("systemPrompt"), settings.systemPrompt},
        {QStringLiteral("model"), settings.model},
        {QStringLiteral("temperature"), settings.temperature.value_or(-1.0)},
        {QStringLiteral("topP"), settings.topP.value_or(-1.0)},
        {QStringLiteral("maxTokens"), settings.maxTokens.value_or(0)},
        {QStringLiteral("jsonMode"), settings.jsonMode},
    };
}

ConversationSettings PresetStore::settingsFromMap(const QVariantMap &values)
{
    // Through the JSON shape, so the same range checks apply as when reading the file.
    QJsonObject object;
    object.insert(QStringLiteral("system_prompt"), values.value(QStringLiteral("systemPrompt")).toString());
    object.insert(QStringLiteral("model"), values.value(QStringLiteral("model")).toString().trimmed());
    object.insert(QStringLiteral("temperature"), values.value(QStringLiteral("temperature"), -1.0).toDouble());
    object.insert(QStringLiteral("top_p"), values.value(QStringLiteral("topP"), -1.0).toDouble());
    object.insert(QStringLiteral("max_tokens"), values.value(QStringLiteral("maxTokens"), 0).toInt());
    object.insert(QStringLiteral("json_mode"), values.value(QStringLiteral("jsonMode")).toBool());
    return ConversationSettings::fromJson(object);
}

QString PresetStore::addPreset(const QVariantMap &values)
{
    return add(values.value(QStringLiteral("name")).toString(), settingsFromMap(values));
}

bool PresetStore::updatePreset(const QString &id, const QVariantMap &values)
{
    return update(id, values.value(QStringLiteral("name")).toString(), settingsFromMap(values));
}

QVariantMap PresetStore::get(const QString &id) const
{
    const std::optional<Preset> p = preset(id);
    if (!p)
        return {};
    QVariantMap map = toMap(p->name, p->settings);
    map.insert(QStringLiteral("id"), p->id);
    return map;
}

} // namespace muxi
