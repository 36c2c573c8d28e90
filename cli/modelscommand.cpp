#include "modelscommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace muxi::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::cli::ModelsCommand", text);
}

QString statusText(const ProviderInfo &info)
{
    switch (info.status) {
    case ProviderInfo::Status::Live:
        return tr("live");
    case ProviderInfo::Status::Discontinued:
        return tr("discontinued");
    case ProviderInfo::Status::Disabled:
        return tr("disabled");
    }
    return {};
}

// Where an adapter that finds its own credentials (AWS) would take them from; empty for key-based providers.
QString credentialSource(const Client &client, const ProviderInfo &info)
{
    const ProviderAdapter *adapter = client.registry().adapter(info.family);
    const Expected<Target> target = client.resolve(info.id + QLatin1String("/-"));
    if (!adapter || !target)
        return {};
    return adapter->credentialSource(*target);
}
}

int ModelsCommand::run(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List providers, or the models one provider offers."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print JSON."));
    const QCommandLineOption remoteOption(QStringLiteral("remote"), tr("Ask this provider for its models."), tr("provider"));
    parser.addOptions({jsonOption, remoteOption});
    if (const std::optional<int> done = context.parse(parser))
        return *done;
    const bool json = parser.isSet(jsonOption);
    const Configuration &config = context.client.configuration();

    if (parser.isSet(remoteOption)) {
        const Expected<ModelList> models = context.client.listModelsBlocking(parser.value(remoteOption));
        if (!models)
            return context.fail(models.error());
        if (json) {
            QJsonArray data;
            for (const ModelInfo &model : *models)
                data.append(model.toJson());
            context.out << QJsonDocument(QJsonObject{{QLatin1String("object"), QLatin1String("list")}, {QLatin1String("data"), data}})
                               .toJson(QJsonDocument::Indented);
        } else {
            for (const ModelInfo &model : *models)
                context.out << model.provider << '/' << model.id << Qt::endl;
        }
        return 0;
    }

    const QList<ProviderInfo> providers = context.client.providers();
    if (json) {
        QJsonArray list;
        for (const ProviderInfo &info : providers) {
            QJsonObject object = info.toJson();
            object.insert(QLatin1String("base_url"), config.baseUrl(info).toString());
            object.insert(QLatin1String("key_configured"), !config.apiKey(info).isEmpty());
            object.insert(QLatin1String("key_source"), config.apiKeySource(info));
            object.insert(QLatin1String("enabled"), config.isEnabled(info.id));
            if (const QString credentials = credentialSource(context.client, info); !credentials.isEmpty())
                object.insert(QLatin1String("credentials"), credentials);
            object.remove(QLatin1String("options"));
            list.append(object);
        }
        context.out << QJsonDocument(QJsonObject{{QLatin1String("providers"), list}}).toJson(QJsonDocument::Indented);
        return 0;
    }
    for (const ProviderInfo &info : providers) {
        const QString credentials = credentialSource(context.client, info);
        const QString key = !config.apiKey(info).isEmpty() ? tr("key from %1").arg(config.apiKeySource(info))
            : info.requiresKey                             ? tr("no key (set %1)").arg(info.allKeyVariables().first())
            : !credentials.isEmpty()                       ? credentials
                                                           : tr("no key needed");
        const QString url = config.baseUrl(info).toString();
        context.out << info.id.leftJustified(14) << ' ' << statusText(info).leftJustified(12) << ' '
                    << (url.isEmpty() ? tr("(set %1)").arg(info.allBaseUrlVariables().first()) : url) << Qt::endl
                    << QString(15, QLatin1Char(' ')) << key << "; " << capabilityNames(info.capabilities).join(QLatin1String(", "))
                    << Qt::endl;
    }
    return 0;
}

} // namespace muxi::cli
