#include <muxi/providerinfo.h>

#include <muxi/jsonfields.h>

#include <QJsonArray>

#include <utility>

namespace muxi {

namespace {
QString variablePrefix(const QString &id)
{
    QString prefix = id.toUpper();
    prefix.replace(QLatin1Char('-'), QLatin1Char('_'));
    prefix.replace(QLatin1Char('.'), QLatin1Char('_'));
    return prefix;
}

void appendUnique(QStringList &list, const QStringList &more)
{
    for (const QString &item : more) {
        if (!list.contains(item))
            list.append(item);
    }
}
}

QStringList ProviderInfo::allKeyVariables() const
{
    QStringList names{variablePrefix(id) + QLatin1String("_API_KEY")};
    appendUnique(names, keyVariables);
    return names;
}

QStringList ProviderInfo::allBaseUrlVariables() const
{
    QStringList names{variablePrefix(id) + QLatin1String("_BASE_URL")};
    appendUnique(names, baseUrlVariables);
    return names;
}

Capabilities ProviderInfo::capabilitiesFor(const std::optional<Capabilities> &model) const
{
    if (!model)
        return capabilities;
    return (capabilities & ~modelCapabilityMask) | (*model & capabilities & modelCapabilityMask);
}

ProviderInfo ProviderInfo::fromJson(const QJsonObject &object)
{
    ProviderInfo info;
    info.id = object.value(QLatin1String("id")).toString();
    info.displayName = object.value(QLatin1String("name")).toString(info.id);
    info.family = object.value(QLatin1String("family")).toString(QStringLiteral("openai"));
    info.defaultBaseUrl = QUrl(object.value(QLatin1String("base_url")).toString());
    info.keyVariables = json::stringList(object.value(QLatin1String("key_variables")));
    info.baseUrlVariables = json::stringList(object.value(QLatin1String("base_url_variables")));
    const QJsonObject settingVariables = object.value(QLatin1String("setting_variables")).toObject();
    for (auto it = settingVariables.begin(); it != settingVariables.end(); ++it)
        info.settingVariables.insert(it.key(), json::stringList(it.value()));
    info.requiresKey = object.value(QLatin1String("requires_key")).toBool(true);
    info.requiresBaseUrl = object.value(QLatin1String("requires_base_url")).toBool(false);
    info.local = object.value(QLatin1String("local")).toBool(false);
    info.capabilities = capabilitiesFromNames(json::stringList(object.value(QLatin1String("capabilities"))));
    const QString status = object.value(QLatin1String("status")).toString();
    if (status == QLatin1String("discontinued"))
        info.status = Status::Discontinued;
    else if (status == QLatin1String("disabled"))
        info.status = Status::Disabled;
    info.statusNote = object.value(QLatin1String("status_note")).toString();
    info.options = object.value(QLatin1String("options")).toObject();
    return info;
}

QJsonObject ProviderInfo::toJson() const
{
    static const char *const statusNames[] = {"live", "discontinued", "disabled"};
    QJsonObject object{
        {QLatin1String("id"), id},
        {QLatin1String("name"), displayName},
        {QLatin1String("family"), family},
        {QLatin1String("base_url"), defaultBaseUrl.toString()},
        {QLatin1String("key_variables"), QJsonArray::fromStringList(allKeyVariables())},
        {QLatin1String("base_url_variables"), QJsonArray::fromStringList(allBaseUrlVariables())},
        {QLatin1String("requires_key"), requiresKey},
        {QLatin1String("requires_base_url"), requiresBaseUrl},
        {QLatin1String("local"), local},
        {QLatin1String("capabilities"), QJsonArray::fromStringList(capabilityNames(capabilities))},
        {QLatin1String("status"), QLatin1String(statusNames[int(status)])},
    };
    if (!statusNote.isEmpty())
        object.insert(QLatin1String("status_note"), statusNote);
    if (!settingVariables.isEmpty()) {
        QJsonObject variables;
        for (auto it = settingVariables.begin(); it != settingVariables.end(); ++it)
            variables.insert(it.key(), QJsonArray::fromStringList(it.value()));
        object.insert(QLatin1String("setting_variables"), variables);
    }
    if (!options.isEmpty())
        object.insert(QLatin1String("options"), options);
    return object;
}

} // namespace muxi
