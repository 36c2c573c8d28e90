#include <muxi/modelinfo.h>

#include <muxi/jsonfields.h>

#include <QJsonArray>

namespace muxi {

namespace {
template<typename T>
void fill(std::optional<T> &field, const std::optional<T> &other)
{
    if (!field)
        field = other;
}

QJsonValue orNull(const std::optional<qint64> &value)
{
    return value ? QJsonValue(double(*value)) : QJsonValue();
}
}

QString ModelInfo::name() const
{
    return provider.isEmpty() ? id : provider + QLatin1Char('/') + id;
}

void ModelInfo::fillFrom(const ModelInfo &other)
{
    if (ownedBy.isEmpty())
        ownedBy = other.ownedBy;
    if (created == 0)
        created = other.created;
    if (displayName.isEmpty())
        displayName = other.displayName;
    fill(capabilities, other.capabilities);
    fill(contextWindow, other.contextWindow);
    fill(maxOutputTokens, other.maxOutputTokens);
    fill(inputPrice, other.inputPrice);
    fill(outputPrice, other.outputPrice);
    if (deprecation.isEmpty())
        deprecation = other.deprecation;
}

QJsonObject ModelInfo::toJson() const
{
    QJsonObject object{
        {QLatin1String("id"), name()},
        {QLatin1String("object"), QLatin1String("model")},
        {QLatin1String("created"), created},
        {QLatin1String("owned_by"), ownedBy},
    };
    json::mergeUnknown(object, raw);
    return object;
}

QJsonObject ModelInfo::toCatalogueJson(std::optional<Capabilities> capabilities) const
{
    QJsonObject object{
        {QLatin1String("id"), name()},
        {QLatin1String("context_window"), orNull(contextWindow)},
        {QLatin1String("max_output_tokens"), orNull(maxOutputTokens)},
    };
    if (capabilities)
        object.insert(QLatin1String("capabilities"), QJsonArray::fromStringList(capabilityNames(*capabilities)));
    if (!displayName.isEmpty())
        object.insert(QLatin1String("display_name"), displayName);
    if (inputPrice || outputPrice) {
        QJsonObject pricing{{QLatin1String("unit"), QLatin1String("USD per million tokens")}};
        json::insertOptional(pricing, QLatin1String("input"), inputPrice);
        json::insertOptional(pricing, QLatin1String("output"), outputPrice);
        object.insert(QLatin1String("pricing"), pricing);
    }
    if (!deprecation.isEmpty())
        object.insert(QLatin1String("deprecation"), deprecation);
    if (!ownedBy.isEmpty())
        object.insert(QLatin1String("owned_by"), ownedBy);
    if (created != 0)
        object.insert(QLatin1String("created"), created);
    return object;
}

ModelInfo ModelInfo::fromCatalogueJson(const QJsonObject &object)
{
    ModelInfo info;
    const QString name = object.value(QLatin1String("id")).toString();
    const qsizetype slash = name.indexOf(QLatin1Char('/'));
    info.provider = slash > 0 ? name.left(slash) : QString();
    info.id = slash > 0 ? name.mid(slash + 1) : name;
    info.displayName = object.value(QLatin1String("display_name")).toString();
    info.ownedBy = object.value(QLatin1String("owned_by")).toString();
    info.created = qint64(object.value(QLatin1String("created")).toDouble());
    if (object.contains(QLatin1String("capabilities")))
        info.capabilities = capabilitiesFromNames(json::stringList(object.value(QLatin1String("capabilities")))) & modelCapabilityMask;
    if (const QJsonValue window = object.value(QLatin1String("context_window")); window.isDouble())
        info.contextWindow = qint64(window.toDouble());
    if (const QJsonValue output = object.value(QLatin1String("max_output_tokens")); output.isDouble())
        info.maxOutputTokens = qint64(output.toDouble());
    const QJsonObject pricing = object.value(QLatin1String("pricing")).toObject();
    info.inputPrice = json::optionalDouble(pricing, QLatin1String("input"));
    info.outputPrice = json::optionalDouble(pricing, QLatin1String("output"));
    info.deprecation = object.value(QLatin1String("deprecation")).toString();
    return info;
}

} // namespace muxi
