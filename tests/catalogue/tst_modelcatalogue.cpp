#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>
#include <muxi/modelcatalogue.h>
#include <chattesthelpers.h>
#include <fakehttpserver.h>
#include <fixtures.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("sk-canary-catalogue-5b1e");

QByteArray listing(const QStringList &ids)
{
    QJsonArray data;
    for (const QString &id : ids)
        data.append(QJsonObject{{QLatin1String("id"), id}, {QLatin1String("object"), QLatin1String("model")}, {QLatin1String("owned_by"), QLatin1String("system")}});
    return QJsonDocument(QJsonObject{{QLatin1String("object"), QLatin1String("list")}, {QLatin1String("data"), data}}).toJson(QJsonDocument::Compact);
}

const ModelInfo *find(const ModelList &models, const QString &id)
{
    for (const ModelInfo &model : models) {
        if (model.id == id)
            return &model;
    }
    return nullptr;
}
}

// The model catalogue against loopback listings: the curated table completes
// what a listing leaves out, rich listings speak for themselves, the cache
// spares a request within the refresh interval, and capability adaptation
// decides per model.
class TestModelCatalogue : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<Client> client;
    QTemporaryDir cacheDir;

    QString cacheFile() const { return cacheDir.filePath(QStringLiteral("model-catalogue.json")); }

    void refresh(ModelCatalogue &catalogue, const QStringList &providers, bool force = false)
    {
        QSignalSpy finished(&catalogue, &ModelCatalogue::refreshFinished);
        catalogue.refresh(providers, force);
        if (finished.isEmpty())
            QVERIFY(finished.wait(5000));
        QCOMPARE(finished.size(), 1);
    }

private Q_SLOTS:
    void init()
    {
        QFile::remove(cacheFile());
        server = std::make_unique<FakeHttpServer>();
        QProcessEnvironment env;
        env.insert(QStringLiteral("OPENAI_API_KEY"), canaryKey);
        env.insert(QStringLiteral("OPENAI_BASE_URL"), server->url(QStringLiteral("/v1")).toString());
        env.insert(QStringLiteral("OPENROUTER_API_KEY"), canaryKey);
        env.insert(QStringLiteral("OPENROUTER_BASE_URL"), server->url(QStringLiteral("/openrouter/v1")).toString());
        client = clientWithoutRetries(builtinRegistry(), env);
    }

    void tableCompletesTheListing()
    {
        server->script("GET", "/v1/models", {ScriptedResponse::json(200, listing({QStringLiteral("gpt-4o-mini"), QStringLiteral("ft:gpt-4o-mini:acme")}))});
        ModelCatalogue catalogue(client.get());
        catalogue.setCacheFile(cacheFile());
        refresh(catalogue, {QStringLiteral("openai")});
        QVERIFY(!catalogue.lastError(QStringLiteral("openai")));

        const ModelList models = catalogue.models(QStringLiteral("openai"));
        QCOMPARE(models.size(), 2);
        const ModelInfo *known = find(models, QStringLiteral("gpt-4o-mini"));
        QVERIFY(known);
        QCOMPARE(known->contextWindow, std::optional<qint64>(128000));
        QCOMPARE(known->inputPrice, std::optional<double>(0.15));
        QCOMPARE(known->ownedBy, QStringLiteral("system"));
        QVERIFY(catalogue.capabilities(*known).testFlag(Capability::Vision));
        QVERIFY(!catalogue.capabilities(*known).testFlag(Capability::Audio));
        QVERIFY(catalogue.capabilities(*known).testFlag(Capability::Streaming));

        // A model the table does not know keeps unknowns unknown and the provider's capabilities.
        const ModelInfo *unknown = find(models, QStringLiteral("ft:gpt-4o-mini:acme"));
        QVERIFY(unknown);
        QVERIFY(!unknown->contextWindow);
        QVERIFY(!unknown->inputPrice);
        QCOMPARE(catalogue.capabilities(*unknown), client->provider(QStringLiteral("openai"))->capabilities);
    }

    void richListingSpeaksForItself()
    {
        server->script("GET", "/openrouter/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/openrouter-models.json")))});
        ModelCatalogue catalogue(client.get());
        catalogue.setCacheFile(cacheFile());
        refresh(catalogue, {QStringLiteral("openrouter")});
        const ModelList models = catalogue.models(QStringLiteral("openrouter"));
        QCOMPARE(models.size(), 2);

        const ModelInfo *sonnet = find(models, QStringLiteral("anthropic/claude-sonnet-4.5"));
        QVERIFY(sonnet);
        QCOMPARE(sonnet->name(), QStringLiteral("openrouter/anthropic/claude-sonnet-4.5"));
        QCOMPARE(sonnet->contextWindow, std::optional<qint64>(1000000));
        QCOMPARE(sonnet->maxOutputTokens, std::optional<qint64>(64000));
        QVERIFY(sonnet->inputPrice && qFuzzyCompare(*sonnet->inputPrice, 3.0));
        QVERIFY(sonnet->outputPrice && qFuzzyCompare(*sonnet->outputPrice, 15.0));
        const Capabilities sonnetCan = catalogue.capabilities(*sonnet);
        QVERIFY(sonnetCan.testFlag(Capability::Vision));
        QVERIFY(sonnetCan.testFlag(Capability::Tools));
        QVERIFY(sonnetCan.testFlag(Capability::JsonSchema));

        const ModelInfo *mistral = find(models, QStringLiteral("mistralai/mistral-7b-instruct"));
        QVERIFY(mistral);
        const Capabilities mistralCan = catalogue.capabilities(*mistral);
        QVERIFY(mistralCan.testFlag(Capability::Chat));
        QVERIFY(!mistralCan.testFlag(Capability::Vision));
        QVERIFY(!mistralCan.testFlag(Capability::Tools));
        QVERIFY(!mistralCan.testFlag(Capability::JsonMode));
    }

    void cacheSparesRequestsWithinTheInterval()
    {
        server->script("GET", "/v1/models", {ScriptedResponse::json(200, listing({QStringLiteral("gpt-4o")})),
                                             ScriptedResponse::json(200, listing({QStringLiteral("gpt-4o"), QStringLiteral("gpt-4.1")}))});
        {
            ModelCatalogue first(client.get());
            first.setCacheFile(cacheFile());
            refresh(first, {QStringLiteral("openai")});
        }
        QCOMPARE(server->requests().size(), 1);
        QFile cache(cacheFile());
        QVERIFY(cache.open(QIODevice::ReadOnly));
        QVERIFY(!cache.readAll().contains(canaryKey.toUtf8()));

        ModelCatalogue second(client.get());
        second.setCacheFile(cacheFile());
        QVERIFY(second.listedAt(QStringLiteral("openai")));
        QCOMPARE(second.models(QStringLiteral("openai")).size(), 1);
        QCOMPARE(second.models(QStringLiteral("openai")).first().contextWindow, std::optional<qint64>(128000));
        refresh(second, {QStringLiteral("openai")});
        QCOMPARE(server->requests().size(), 1);

        refresh(second, {QStringLiteral("openai")}, true);
        QCOMPARE(server->requests().size(), 2);
        QCOMPARE(second.models(QStringLiteral("openai")).size(), 2);

        second.setMaxAge(std::chrono::seconds(0));
        refresh(second, {QStringLiteral("openai")});
        QCOMPARE(server->requests().size(), 3);
    }

    void failedRefreshKeepsTheLastListing()
    {
        server->script("GET", "/v1/models",
                       {ScriptedResponse::json(200, listing({QStringLiteral("gpt-4o")})),
                        ScriptedResponse::json(503, QByteArray(R"({"error":{"message":"listing is down","type":"server_error"}})"))});
        ModelCatalogue catalogue(client.get());
        catalogue.setCacheFile(cacheFile());
        refresh(catalogue, {QStringLiteral("openai")});
        QSignalSpy failed(&catalogue, &ModelCatalogue::providerFailed);
        refresh(catalogue, {QStringLiteral("openai")}, true);
        QCOMPARE(failed.size(), 1);
        const std::optional<Error> error = catalogue.lastError(QStringLiteral("openai"));
        QVERIFY(error);
        QCOMPARE(error->httpStatus, 503);
        QCOMPARE(error->message, QStringLiteral("listing is down"));
        QVERIFY(!error->toString().contains(canaryKey));
        QCOMPARE(catalogue.models(QStringLiteral("openai")).size(), 1);
    }

    void neverListedProviderShowsTheTable()
    {
        ModelCatalogue catalogue(client.get());
        catalogue.setCacheFile(cacheFile());
        QVERIFY(!catalogue.listableProviders().contains(QStringLiteral("anthropic")));
        QVERIFY(catalogue.listableProviders().contains(QStringLiteral("openai")));
        const ModelList models = catalogue.models(QStringLiteral("anthropic"));
        const ModelInfo *sonnet = find(models, QStringLiteral("claude-sonnet-4-5-20250929"));
        QVERIFY(sonnet);
        QCOMPARE(sonnet->provider, QStringLiteral("anthropic"));
        QCOMPARE(sonnet->maxOutputTokens, std::optional<qint64>(64000));
        // Patterns describe models but are not models of their own.
        QVERIFY(!find(models, QStringLiteral("claude-*")));
        QCOMPARE(catalogue.model(QStringLiteral("anthropic"), QStringLiteral("claude-future-9")).contextWindow, std::optional<qint64>(200000));
    }

    void adaptationDecidesPerModel()
    {
        server->script("POST", "/v1/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        ChatRequest request;
        request.model = QStringLiteral("openai/o3-mini");
        request.messages = {Message::user({ContentPart::fromText(QStringLiteral("What is this?")),
                                           ContentPart::fromImageData(QByteArray(64, '\x01'), QStringLiteral("image/png"))})};

        // o3-mini reads no images although OpenAI's protocol carries them: refused before any request.
        const Expected<ChatCompletion> refused = client->chatBlocking(request);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Unsupported);
        QVERIFY2(refused.error().message.contains(QLatin1String("openai/o3-mini")), qPrintable(refused.error().message));
        QCOMPARE(server->requests().size(), 0);

        // With a fallback that sees images, the image goes there.
        request.fallbackModels = {QStringLiteral("openai/gpt-4o-mini")};
        QList<AttemptRecord> attempts;
        const Expected<ChatCompletion> answered = client->chatBlocking(request, &attempts);
        QVERIFY2(answered, qPrintable(answered ? QString() : answered.error().toString()));
        QCOMPARE(server->requests().size(), 1);
        QCOMPARE(server->requests().first().json().value(QLatin1String("model")).toString(), QStringLiteral("gpt-4o-mini"));
        QCOMPARE(attempts.first().outcome, AttemptRecord::Outcome::Skipped);
    }
};

QTEST_GUILESS_MAIN(TestModelCatalogue)
#include "tst_modelcatalogue.moc"
