#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/capability.h>

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace muxi {

// One model: what a provider's listing says of it, completed by the curated
// model table for what listings leave out (context window, prices, what it
// accepts). Unknown stays unknown: an unset field is never guessed.
class MUXI_CORE_EXPORT ModelInfo
{
public:
    QString id;
    QString provider;
    QString ownedBy;
    qint64 created = 0;
    QString displayName;
    // Only the model-dependent flags (modelCapabilityMask); unset when nothing
    // says, and then the provider's capabilities apply.
    std::optional<Capabilities> capabilities;
    std::optional<qint64> contextWindow;
    std::optional<qint64> maxOutputTokens;
    // US dollars per million tokens.
    std::optional<double> inputPrice;
    std::optional<double> outputPrice;
    // When or why the provider retires the model; empty while it is current.
    QString deprecation;
    // The provider's listing entry as received.
    QJsonObject raw;

    // "provider/model", the name every Muxi interface takes.
    QString name() const;
    // Fields unset here are taken from `other` (a listing completed by the table).
    void fillFrom(const ModelInfo &other);

    // The OpenAI listing shape (id, object, created, owned_by) plus the raw fields.
    QJsonObject toJson() const;
    // Muxi's own description: capabilities, context window, prices,
    // deprecation. `capabilities` is written when given: the effective ones for
    // people, the model's own (if known) for the cache.
    QJsonObject toCatalogueJson(std::optional<Capabilities> capabilities) const;
    // Reads a curated table entry or a cached catalogue entry (toCatalogueJson's shape).
    static ModelInfo fromCatalogueJson(const QJsonObject &object);
};

using ModelList = QList<ModelInfo>;

} // namespace muxi
