#include <muxi/providers/builtinproviders.h>

#include <muxi/providers/anthropicadapter.h>
#include <muxi/providers/geminiadapter.h>
#include <muxi/providers/bedrockadapter.h>
#include <muxi/providers/sagemakeradapter.h>
#include <muxi/providers/openaiadapter.h>
#include <muxi/providers/replicateadapter.h>
#include <muxi/providers/voyageadapter.h>
#include <muxi/providers/azureopenaiadapter.h>
#include <muxi/providers/cohereadapter.h>
#include <muxi/providers/ollamaadapter.h>
#include <muxi/providers/openaiadapter.h>
#include <muxi/providers/tgiadapter.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace muxi {

void registerBuiltinProviders(ProviderRegistry &registry)
{
    registry.registerFamily(QStringLiteral("openai"), std::make_shared<OpenAiAdapter>());
    registry.registerFamily(QStringLiteral("anthropic"), std::make_shared<AnthropicAdapter>());
    registry.registerFamily(QStringLiteral("gemini"), std::make_shared<GeminiAdapter>());
    registry.registerFamily(QStringLiteral("bedrock"), std::make_shared<BedrockAdapter>());
    registry.registerFamily(QStringLiteral("sagemaker"), std::make_shared<SageMakerAdapter>());
    registry.registerFamily(QStringLiteral("voyage"), std::make_shared<VoyageAdapter>());
    registry.registerFamily(QStringLiteral("replicate"), std::make_shared<ReplicateAdapter>());
    registry.registerFamily(QStringLiteral("cohere"), std::make_shared<CohereAdapter>());
    registry.registerFamily(QStringLiteral("ollama"), std::make_shared<OllamaAdapter>());
    registry.registerFamily(QStringLiteral("tgi"), std::make_shared<TgiAdapter>());
    registry.registerFamily(QStringLiteral("azure"), std::make_shared<AzureOpenAiAdapter>());

    QFile table(QStringLiteral(":/muxi/providers.json"));
    if (!table.open(QIODevice::ReadOnly))
        qFatal("the built-in provider table is missing from the resources");
    const QJsonArray providers = QJsonDocument::fromJson(table.readAll()).object().value(QLatin1String("providers")).toArray();
    for (const QJsonValue &entry : providers)
        registry.registerProvider(ProviderInfo::fromJson(entry.toObject()));

    QFile models(QStringLiteral(":/muxi/models.json"));
    if (!models.open(QIODevice::ReadOnly))
        qFatal("the built-in model table is missing from the resources");
    const QJsonArray entries = QJsonDocument::fromJson(models.readAll()).object().value(QLatin1String("models")).toArray();
    for (const QJsonValue &entry : entries)
        registry.registerKnownModel(ModelInfo::fromCatalogueJson(entry.toObject()));
}

const ProviderRegistry *builtinRegistry()
{
    static const ProviderRegistry registry = [] {
        ProviderRegistry r;
        registerBuiltinProviders(r);
        return r;
    }();
    return &registry;
}

} // namespace muxi
