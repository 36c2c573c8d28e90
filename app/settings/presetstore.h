#pragma once

#include "conversationsettings.h"

#include <QAbstractListModel>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace muxi {

// Named conversation settings (system prompt, model, parameters) to start a
// chat with. Kept as one JSON file, presets.json in the workbench's config
// directory: {"presets": [{"id", "name", "system_prompt", "model",
// "temperature", "top_p", "max_tokens", "json_mode"}]}. Every change is
// written at once (atomically, through QSaveFile).
class PresetStore : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        SystemPromptRole,
        ModelRole,
        TemperatureRole,
        TopPRole,
        MaxTokensRole,
        JsonModeRole,
    };
    Q_ENUM(Role)

    class Preset
    {
    public:
        QString id;
        QString name;
        ConversationSettings settings;
    };

    // Reads `fileName` (a missing file is no presets).
    explicit PresetStore(const QString &fileName, QObject *parent = nullptr);

    QString fileName() const { return m_fileName; }
    int count() const { return int(m_presets.size()); }
    QString errorString() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    std::optional<Preset> preset(const QString &id) const;
    QString add(const QString &name, const ConversationSettings &settings);
    bool update(const QString &id, const QString &name, const ConversationSettings &settings);

    // From QML: `values` holds name, systemPrompt, model, temperature and topP
    // (negative: unset), maxTokens (0: unset) and jsonMode. Returns the new id.
    Q_INVOKABLE QString addPreset(const QVariantMap &values);
    Q_INVOKABLE bool updatePreset(const QString &id, const QVariantMap &values);
    Q_INVOKABLE bool remove(const QString &id);
    // A copy named "<name> (copy)" right after the original; returns its id.
    Q_INVOKABLE QString duplicate(const QString &id);
    // The preset in addPreset()'s shape, plus its id; empty for an unknown id.
    Q_INVOKABLE QVariantMap get(const QString &id) const;
    Q_INVOKABLE int rowOf(const QString &id) const;

    static QVariantMap toMap(const QString &name, const ConversationSettings &settings);
    static ConversationSettings settingsFromMap(const QVariantMap &values);

Q_SIGNALS:
    void countChanged();
    void errorStringChanged();

private:
    void load();
    bool save();
    QString uniqueName(const QString &name, const QString &exceptId = {}) const;

    QString m_fileName;
    QList<Preset> m_presets;
    QString m_error;
};

} // namespace muxi
