#pragma once

#include <muxi/capability.h>

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace muxi {

class AppSettings;
class Client;
class ModelCatalogue;
class ModelInfo;
class ProviderListModel;

// The models the picker offers, one row per "provider/model": every
// provider's models from the core's ModelCatalogue (its cached listing, or the
// curated table for a provider never listed), plus names the user typed. Each
// row says what the model can do, its context window and prices when known,
// whether it runs locally, whether it can be used now (and if not, why), and
// whether the user starred it or used it lately (both kept in the settings).
class ModelPickerModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        ProviderRole,
        ProviderNameRole,
        ModelRole,
        CapabilitiesRole,
        SourceRole,
        DisplayNameRole,
        ContextWindowRole,
        InputPriceRole,
        OutputPriceRole,
        LocalRole,
        AvailableRole,
        UnavailableReasonRole,
        FavouriteRole,
        RecentRankRole,
        SectionRole,
    };
    Q_ENUM(Role)

    ModelPickerModel(Client *client, ModelCatalogue *catalogue, ProviderListModel *providers, AppSettings *settings,
                     QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool loading() const { return m_loading; }

    // Asks every usable provider with a model listing for its models, unless
    // the catalogue's cached listing is recent enough (or `force`).
    Q_INVOKABLE void refresh(bool force = false);
    // Adds a name the user typed; returns false for one that names no known provider.
    Q_INVOKABLE bool addModel(const QString &name);
    Q_INVOKABLE int indexOf(const QString &name) const;
    // What the model can do, as the words the picker shows: "vision", "audio",
    // "tools", "json", "reasoning", "local".
    Q_INVOKABLE QStringList capabilitiesOf(const QString &name) const;
    // "provider/model" of the first model listed for `providerId`, or empty.
    Q_INVOKABLE QString firstModelOf(const QString &providerId) const;
    // In tokens; 0 when unknown.
    Q_INVOKABLE qint64 contextWindowOf(const QString &name) const;
    // Why the model cannot be used now ("needs OPENAI_API_KEY or a key in Settings"); empty when it can.
    Q_INVOKABLE QString unavailableReason(const QString &name) const;
    Q_INVOKABLE void setFavourite(const QString &name, bool favourite);
    Q_INVOKABLE bool isFavourite(const QString &name) const;
    // The model was chosen: it goes to the top of the recently used.
    Q_INVOKABLE void noteUsed(const QString &name);

Q_SIGNALS:
    void loadingChanged();

private:
    struct Entry {
        QString provider;
        QString model;
        QString source;
        QString displayName;
        std::optional<qint64> contextWindow;
        std::optional<double> inputPrice;
        std::optional<double> outputPrice;
        Capabilities capabilities;
        bool reasoning = false;
    };
    Entry entryFor(const ModelInfo &info, const QString &source) const;
    // Adds the entry, or updates the row already holding its name.
    void insert(const Entry &entry);
    void addProviderModels(const QString &providerId, const QString &source);
    void announce(const QStringList &names, const QList<int> &roles);
    void announceAll(const QList<int> &roles);
    static QString nameOf(const Entry &entry);

    Client *m_client;
    ModelCatalogue *m_catalogue;
    ProviderListModel *m_providers;
    AppSettings *m_settings;
    QList<Entry> m_entries;
    bool m_loading = false;
};

} // namespace muxi
