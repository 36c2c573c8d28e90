#include "apptestenvironment.h"

#include <appsettings.h>
#include <fixtures.h>
#include <keystore.h>
#include <modelpickerfilter.h>
#include <modelpickermodel.h>
#include <providerlistmodel.h>

#include <muxi/client.h>
#include <muxi/modelcatalogue.h>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

// The picker's models as people choose them: what the catalogue knows of each
// model, search, capability filters, favourites and recently used on top (kept
// in the real settings file), and why a model cannot be used.
class TestModelPicker : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AppTestEnvironment> env;
    std::unique_ptr<KeyStore> keys;
    std::unique_ptr<ProviderListModel> providers;
    std::unique_ptr<ModelCatalogue> catalogue;
    std::unique_ptr<ModelPickerModel> models;
    std::unique_ptr<ModelPickerFilter> filter;
    std::unique_ptr<QAbstractItemModelTester> modelTester;
    std::unique_ptr<QAbstractItemModelTester> filterTester;

    void build()
    {
        filterTester.reset();
        modelTester.reset();
        filter.reset();
        models.reset();
        catalogue = std::make_unique<ModelCatalogue>(env->client.get());
        // Never the user's cache, nor one left by another test.
        catalogue->setCacheFile(QDir(env->dataDir()).filePath(QStringLiteral("catalogue.json")));
        models = std::make_unique<ModelPickerModel>(env->client.get(), catalogue.get(), providers.get(), env->settings.get());
        modelTester = std::make_unique<QAbstractItemModelTester>(models.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter = std::make_unique<ModelPickerFilter>();
        filter->setModels(models.get());
        filterTester = std::make_unique<QAbstractItemModelTester>(filter.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    QStringList names() const
    {
        QStringList list;
        for (int row = 0; row < filter->rowCount(); ++row)
            list.append(filter->nameAt(row));
        return list;
    }

    QVariant role(const QString &name, int role) const
    {
        return models->index(models->indexOf(name)).data(role);
    }

private Q_SLOTS:
    void init()
    {
        env = std::make_unique<AppTestEnvironment>();
        keys = std::make_unique<KeyStore>(QStringLiteral("muxi-test-unused"));
        providers = std::make_unique<ProviderListModel>(env->client.get(), env->settings.get(), keys.get());
        build();
    }

    void cleanup()
    {
        filterTester.reset();
        modelTester.reset();
        filter.reset();
        models.reset();
        catalogue.reset();
        providers.reset();
        keys.reset();
        env.reset();
    }

    void rowsCarryWhatTheCatalogueKnows()
    {
        // Before any listing, the curated table: context window, prices, capabilities in words.
        const QString gpt41 = QStringLiteral("openai/gpt-4.1");
        QVERIFY(models->indexOf(gpt41) >= 0);
        QCOMPARE(role(gpt41, ModelPickerModel::DisplayNameRole).toString(), QStringLiteral("GPT-4.1"));
        QCOMPARE(role(gpt41, ModelPickerModel::ContextWindowRole).toLongLong(), 1047576);
        QCOMPARE(role(gpt41, ModelPickerModel::InputPriceRole).toDouble(), 2.0);
        QCOMPARE(role(gpt41, ModelPickerModel::OutputPriceRole).toDouble(), 8.0);
        QCOMPARE(role(gpt41, ModelPickerModel::CapabilitiesRole).toStringList(),
                 (QStringList{QStringLiteral("vision"), QStringLiteral("tools"), QStringLiteral("json")}));
        QCOMPARE(models->contextWindowOf(gpt41), 1047576);
        // Gemini hears audio; an unknown price is -1, not 0.
        QVERIFY(role(QStringLiteral("gemini/gemini-2.5-pro"), ModelPickerModel::CapabilitiesRole).toStringList().contains(QStringLiteral("audio")));
        QCOMPARE(role(QStringLiteral("gemini/gemini-2.5-pro"), ModelPickerModel::InputPriceRole).toDouble(), -1.0);
        // Embedding models are not offered for chat.
        QCOMPARE(models->indexOf(QStringLiteral("openai/text-embedding-3-small")), -1);

        // A local server's listing: marked local.
        providers->setLocalServerDetected(QStringLiteral("ollama"), true);
        QVERIFY(models->addModel(QStringLiteral("ollama/llama3.2")));
        QVERIFY(role(QStringLiteral("ollama/llama3.2"), ModelPickerModel::LocalRole).toBool());
        QVERIFY(role(QStringLiteral("ollama/llama3.2"), ModelPickerModel::CapabilitiesRole).toStringList().contains(QStringLiteral("local")));
        QVERIFY(!role(gpt41, ModelPickerModel::LocalRole).toBool());
    }

    void unavailableModelsSayWhy()
    {
        // OpenAI has the canary key; Groq and Anthropic have none; Ollama has no server running.
        QVERIFY(role(QStringLiteral("openai/gpt-4.1"), ModelPickerModel::AvailableRole).toBool());
        QCOMPARE(role(QStringLiteral("openai/gpt-4.1"), ModelPickerModel::UnavailableReasonRole).toString(), QString());
        const QString groq = QStringLiteral("groq/llama-3.3-70b-versatile");
        QVERIFY(!role(groq, ModelPickerModel::AvailableRole).toBool());
        QCOMPARE(role(groq, ModelPickerModel::UnavailableReasonRole).toString(), QStringLiteral("needs GROQ_API_KEY or a key in Settings"));
        QCOMPARE(models->unavailableReason(QStringLiteral("anthropic/claude-sonnet-4-20250514")),
                 QStringLiteral("needs ANTHROPIC_API_KEY or a key in Settings"));
        QVERIFY(models->addModel(QStringLiteral("ollama/llama3.2")));
        const QString ollamaReason = models->unavailableReason(QStringLiteral("ollama/llama3.2"));
        QVERIFY2(ollamaReason.startsWith(QLatin1String("no Ollama server answered at http://")), qPrintable(ollamaReason));
        providers->setEnabled(QStringLiteral("openai"), false);
        QCOMPARE(models->unavailableReason(QStringLiteral("openai/gpt-4.1")), QStringLiteral("OpenAI is turned off in Settings"));
        providers->setEnabled(QStringLiteral("openai"), true);

        // A key entered makes the provider's models usable, announced on their rows.
        QSignalSpy changed(models.get(), &QAbstractItemModel::dataChanged);
        env->client->configuration().setApiKey(QStringLiteral("groq"), QStringLiteral("canary-groq-987"));
        providers->setLocalServerDetected(QStringLiteral("ollama"), true);
        QVERIFY(changed.count() >= 1);
        QVERIFY(role(groq, ModelPickerModel::AvailableRole).toBool());
        QVERIFY(role(QStringLiteral("ollama/llama3.2"), ModelPickerModel::AvailableRole).toBool());
        // Usable models come before unusable ones.
        const QStringList order = names();
        QVERIFY(order.indexOf(groq) < order.indexOf(QStringLiteral("anthropic/claude-sonnet-4-20250514")));
        for (int r = 0; r < models->rowCount(); ++r)
            QVERIFY(!models->index(r).data(ModelPickerModel::UnavailableReasonRole).toString().contains(QLatin1String("canary")));
    }

    void searchMatchesEveryWord()
    {
        filter->setSearch(QStringLiteral("gpt 4.1"));
        QCOMPARE(names(), (QStringList{QStringLiteral("openai/gpt-4.1"), QStringLiteral("openai/gpt-4.1-mini"),
                                       QStringLiteral("openai/gpt-4.1-nano")}));
        QCOMPARE(filter->count(), 3);
        // Display names and provider names count, in any case.
        filter->setSearch(QStringLiteral("SONNET anthropic 4.5"));
        QCOMPARE(names(), QStringList{QStringLiteral("anthropic/claude-sonnet-4-5-20250929")});
        filter->setSearch(QStringLiteral("no such model"));
        QCOMPARE(filter->count(), 0);
        filter->setSearch(QString());
        QCOMPARE(filter->rowCount(), models->rowCount());
    }

    void capabilityFilterKeepsModelsWithAll()
    {
        filter->toggleCapability(QStringLiteral("audio"));
        QVERIFY(filter->count() > 0);
        for (int row = 0; row < filter->rowCount(); ++row)
            QVERIFY(filter->index(row, 0).data(ModelPickerModel::CapabilitiesRole).toStringList().contains(QStringLiteral("audio")));
        QVERIFY(names().contains(QStringLiteral("gemini/gemini-2.5-flash")));
        QVERIFY(!names().contains(QStringLiteral("openai/gpt-4.1")));
        filter->toggleCapability(QStringLiteral("vision"));
        QCOMPARE(filter->capabilities(), (QStringList{QStringLiteral("audio"), QStringLiteral("vision")}));
        for (int row = 0; row < filter->rowCount(); ++row)
            QVERIFY(filter->index(row, 0).data(ModelPickerModel::CapabilitiesRole).toStringList().contains(QStringLiteral("vision")));
        filter->setSearch(QStringLiteral("flash"));
        QCOMPARE(names(), (QStringList{QStringLiteral("gemini/gemini-2.0-flash"), QStringLiteral("gemini/gemini-2.5-flash")}));
        filter->toggleCapability(QStringLiteral("audio"));
        filter->toggleCapability(QStringLiteral("vision"));
        QVERIFY(filter->capabilities().isEmpty());
    }

    void favouritesAndRecentComeFirstAndPersist()
    {
        const QString flash = QStringLiteral("gemini/gemini-2.5-flash");
        const QString mini = QStringLiteral("openai/gpt-4o-mini");
        const QString haiku = QStringLiteral("anthropic/claude-3-5-haiku-20241022");
        QSignalSpy changed(models.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy reset(models.get(), &QAbstractItemModel::modelReset);
        models->setFavourite(flash, true);
        // One row announced, not a reset.
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), models->indexOf(flash));
        models->noteUsed(mini);
        models->noteUsed(haiku);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(names().mid(0, 3), (QStringList{flash, haiku, mini}));
        QCOMPARE(filter->index(0, 0).data(ModelPickerModel::SectionRole).toString(), QStringLiteral("favourites"));
        QCOMPARE(filter->index(1, 0).data(ModelPickerModel::SectionRole).toString(), QStringLiteral("recent"));
        QCOMPARE(filter->index(3, 0).data(ModelPickerModel::SectionRole).toString(), QStringLiteral("all"));
        // Using one again moves it to the top of the recent ones.
        models->noteUsed(mini);
        QCOMPARE(names().mid(0, 3), (QStringList{flash, mini, haiku}));
        // Search keeps the order.
        filter->setSearch(QStringLiteral("4o"));
        QCOMPARE(filter->nameAt(0), mini);

        // In the settings file, and back after a restart.
        env->settings->sync();
        QSettings file(QDir(env->dataDir()).filePath(QStringLiteral("workbench.conf")), QSettings::IniFormat);
        QCOMPARE(file.value(QStringLiteral("models/favourites")).toStringList(), QStringList{flash});
        QCOMPARE(file.value(QStringLiteral("models/recent")).toStringList(), (QStringList{mini, haiku}));
        filterTester.reset();
        modelTester.reset();
        filter.reset();
        models.reset();
        providers.reset();
        env->recreate();
        providers = std::make_unique<ProviderListModel>(env->client.get(), env->settings.get(), keys.get());
        build();
        QVERIFY(models->isFavourite(flash));
        QCOMPARE(names().mid(0, 3), (QStringList{flash, mini, haiku}));

        // Unstarred: back among the rest.
        models->setFavourite(flash, false);
        QCOMPARE(names().mid(0, 2), (QStringList{mini, haiku}));
        QCOMPARE(env->settings->favouriteModels(), QStringList());
        // The recent list is bounded.
        for (int i = 0; i < AppSettings::maxRecentModels + 3; ++i)
            models->noteUsed(QStringLiteral("openai/model-%1").arg(i));
        QCOMPARE(env->settings->recentModels().size(), AppSettings::maxRecentModels);
    }

    void listingArrivesInPlace()
    {
        env->server.script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("workbench/models.json")))});
        const int before = models->rowCount();
        QSignalSpy reset(models.get(), &QAbstractItemModel::modelReset);
        models->refresh();
        QTRY_VERIFY(!models->loading());
        QCOMPARE(reset.count(), 0);
        // gpt-4o-mini, gpt-4o and o3-mini are in the table too: confirmed, not duplicated.
        QCOMPARE(models->rowCount(), before);
        QCOMPARE(role(QStringLiteral("openai/o3-mini"), ModelPickerModel::SourceRole).toString(), QStringLiteral("listed"));
        QCOMPARE(role(QStringLiteral("openai/o3-mini"), ModelPickerModel::ContextWindowRole).toLongLong(), 200000);
        QCOMPARE(env->server.requests().first().header("authorization"), "Bearer " + AppTestEnvironment::canaryKey.toUtf8());
    }
};

QTEST_MAIN(TestModelPicker)
#include "tst_modelpicker.moc"
