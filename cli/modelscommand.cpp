#include "modelscommand.h"

#include <muxi/modelcatalogue.h>

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>

namespace muxi::cli {

namespace {
QString statusText(const ProviderInfo &info)
{
    switch (info.status) {
    case ProviderInfo::Status::Live:
        return ModelsCommand::tr("live");
    case ProviderInfo::Status::Discontinued:
        return ModelsCommand::tr("discontinued");
    case ProviderInfo::Status::Disabled:
        return ModelsCommand::tr("disabled");
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

QString tokenCount(const std::optional<qint64> &tokens)
{
    if (!tokens)
        return ModelsCommand::tr("?");
    if (*tokens >= 1000 && *tokens % 1000 == 0)
        return ModelsCommand::tr("%1k").arg(*tokens / 1000);
    return QString::number(*tokens);
}

QString price(const ModelInfo &model)
{
    if (!model.inputPrice && !model.outputPrice)
        return ModelsCommand::tr("price unknown");
    auto dollars = [](const std::optional<double> &value) {
        return value ? QStringLiteral("$%1").arg(*value, 0, 'f', 2) : ModelsCommand::tr("?");
    };
    return ModelsCommand::tr("%1 in / %2 out per 1M tokens").arg(dollars(model.inputPrice), dollars(model.outputPrice));
}

// Waits for the catalogue to ask `providerId` for its listing when the cached
// one is missing or older than the refresh interval (always with `force`).
void refreshListing(ModelCatalogue &catalogue, const QString &providerId, bool force)
{
    QEventLoop loop;
    QObject::connect(&catalogue, &ModelCatalogue::refreshFinished, &loop, &QEventLoop::quit);
    catalogue.refresh({providerId}, force);
    if (catalogue.isRefreshing())
        loop.exec();
}

int listProvider(CommandContext &context, ModelCatalogue &catalogue, const ProviderInfo &provider, bool json, bool force)
{
    const bool listable = catalogue.listableProviders().contains(provider.id);
    if (listable)
        refreshListing(catalogue, provider.id, force);
    const std::optional<Error> failure = catalogue.lastError(provider.id);
    const std::optional<QDateTime> listedAt = catalogue.listedAt(provider.id);
    if (failure && !listedAt)
        return context.fail(*failure);
    if (failure)
        context.err << ModelsCommand::tr("muxi: %1; showing the listing received %2").arg(failure->toString(), listedAt->toString(Qt::ISODate))
                    << Qt::endl;
    const ModelList models = catalogue.models(provider.id);

    if (json) {
        QJsonArray list;
        for (const ModelInfo &model : models) {
            QJsonObject object = model.toCatalogueJson(catalogue.capabilities(model));
            object.insert(QLatin1String("local"), provider.local);
            list.append(object);
        }
        context.out << QJsonDocument(QJsonObject{
                                         {QLatin1String("provider"), provider.id},
                                         {QLatin1String("source"), listedAt ? QLatin1String("listing") : QLatin1String("table")},
                                         {QLatin1String("listed_at"), listedAt ? QJsonValue(listedAt->toString(Qt::ISODate)) : QJsonValue()},
                                         {QLatin1String("models"), list},
                                     })
                           .toJson(QJsonDocument::Indented);
        return 0;
    }
    if (!listedAt)
        context.err << (listable ? ModelsCommand::tr("%1 has no model listing; these are the models Muxi knows of.").arg(provider.displayName)
                                 : ModelsCommand::tr("%1 cannot be asked for its models now (no key or base URL); these are the models Muxi knows of.")
                                       .arg(provider.displayName))
                    << Qt::endl;
    for (const ModelInfo &model : models) {
        context.out << model.name() << Qt::endl
                    << QStringLiteral("    ") << ModelsCommand::tr("context %1, answers up to %2 tokens; %3")
                                                     .arg(tokenCount(model.contextWindow), tokenCount(model.maxOutputTokens), price(model))
                    << Qt::endl
                    << QStringLiteral("    ") << capabilityNames(catalogue.capabilities(model)).join(QLatin1String(", "));
        if (provider.local)
            context.out << QStringLiteral(", ") << ModelsCommand::tr("local");
        if (!model.deprecation.isEmpty())
            context.out << QStringLiteral("; ") << ModelsCommand::tr("deprecated: %1").arg(model.deprecation);
        context.out << Qt::endl;
    }
    return 0;
}
}

int ModelsCommand::run(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List providers with their model counts, or the models one provider offers."));
    parser.addPositionalArgument(QStringLiteral("provider"), tr("The provider whose models to list."), tr("[PROVIDER]"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print JSON."));
    const QCommandLineOption refreshOption(QStringLiteral("refresh"), tr("Ask the provider again even if its cached listing is recent."));
    parser.addOptions({jsonOption, refreshOption});
    if (const std::optional<int> done = context.parse(parser))
        return *done;
    if (parser.positionalArguments().size() > 1)
        return context.usage(tr("name at most one provider"));
    const bool json = parser.isSet(jsonOption);
    const Configuration &config = context.client.configuration();
    ModelCatalogue catalogue(&context.client);

    if (!parser.positionalArguments().isEmpty()) {
        const QString id = parser.positionalArguments().first();
        const std::optional<ProviderInfo> provider = context.client.provider(id);
        if (!provider)
            return context.usage(tr("unknown provider: %1 (see muxi models)").arg(id));
        return listProvider(context, catalogue, *provider, json, parser.isSet(refreshOption));
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
            object.insert(QLatin1String("model_count"), int(catalogue.models(info.id).size()));
            object.insert(QLatin1String("models_listed_at"), catalogue.listedAt(info.id) ? QJsonValue(catalogue.listedAt(info.id)->toString(Qt::ISODate))
                                                                                         : QJsonValue());
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
        const int count = int(catalogue.models(info.id).size());
        const QString models = catalogue.listedAt(info.id) ? tr("models: %1 listed").arg(count) : tr("models: %1 known").arg(count);
        context.out << info.id.leftJustified(14) << ' ' << statusText(info).leftJustified(12) << ' '
                    << (url.isEmpty() ? tr("(set %1)").arg(info.allBaseUrlVariables().first()) : url) << Qt::endl
                    << QString(15, QLatin1Char(' ')) << key << "; " << models << "; "
                    << capabilityNames(info.capabilities).join(QLatin1String(", ")) << Qt::endl;
    }
    return 0;
}

} // namespace muxi::cli
