#include "sse.h"
#include "workbenchwindow.h"

#include <appsettings.h>
#include <muxi/providers/builtinproviders.h>
#include <chatcontroller.h>
#include <muxi/client.h>
#include <conversationlistmodel.h>
#include <fakehttpserver.h>
#include <fallbacksettings.h>
#include <fixtures.h>
#include <chattesthelpers.h>
#include <historystore.h>
#include <messagemodel.h>
#include <processrunner.h>
#include <workbench.h>


#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("canary-openai-123456");
const QString primary = QStringLiteral("openai/gpt-4o");
const QString second = QStringLiteral("openai/gpt-4.1-mini");
const QString third = QStringLiteral("openai/gpt-4o-mini");
} // namespace

// The fallback settings panel writes the config file the CLI reads, and the
// chain it edits decides which models the workbench and the CLI ask, in order.
class TestFallbackSettings : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> home;
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<Client> client;
    std::unique_ptr<FallbackSettings> panel;

    QString configPath() const { return home->filePath(QStringLiteral("config.json")); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = cleanEnvironment(home->path());
        env.insert(QStringLiteral("OPENAI_API_KEY"), canaryKey);
        env.insert(QStringLiteral("OPENAI_BASE_URL"), server->url(QStringLiteral("/v1")).toString());
        env.insert(QStringLiteral("MUXI_CONFIG"), configPath());
        return env;
    }

    QJsonObject fileOnDisk() const
    {
        QFile file(configPath());
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    // The wire model names of the chat requests, in the order they arrived.
    QStringList upstreamOrder() const
    {
        QStringList order;
        const QList<RecordedRequest> requests = server->requests();
        for (const RecordedRequest &r : requests)
            order.append(r.json().value(QLatin1String("model")).toString());
        return order;
    }

private Q_SLOTS:
    void init()
    {
        home = std::make_unique<QTemporaryDir>();
        server = std::make_unique<FakeHttpServer>();
        // The user's file already holds other settings; the panel keeps them.
        QFile file(configPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"default_model": "openai/gpt-4o", "timeouts": {"connect_ms": 5000}})");
        file.close();
        Configuration configuration(environment());
        QVERIFY(configuration.loadFile(configPath()));
        client = std::make_unique<Client>(builtinRegistry(), configuration);
        panel = std::make_unique<FallbackSettings>(client.get());
        // The two first models are overloaded; the last one answers.
        server->route("POST", "/v1/chat/completions", [](const RecordedRequest &request) {
            const QString model = request.json().value(QLatin1String("model")).toString();
            if (model == QLatin1String("gpt-4o-mini"))
                return ScriptedResponse::sse(openAiStream(model, {QStringLiteral("Hello "), QStringLiteral("there")}, 8, 2));
            return ScriptedResponse::json(503, fixture(QStringLiteral("openai/error-500.json")));
        });
    }

    void cleanup()
    {
        panel.reset();
        client.reset();
        server.reset();
        home.reset();
    }

    // The file changed behind the panel's back (the CLI user edited it): the
    // panel and the client follow without a restart.
    void followsEditsMadeElsewhere()
    {
        QSignalSpy changed(panel.get(), &FallbackSettings::changed);
        QSaveFile file(configPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QJsonObject contents{{QLatin1String("fallbacks"), QJsonObject{{primary, QJsonArray{third}}}}};
        file.write(QJsonDocument(contents).toJson());
        QVERIFY(file.commit());
        QTRY_COMPARE(client->configuration().fallbackChain(primary), QStringList{third});
        QCOMPARE(panel->chain(primary), QStringList{third});
        QVERIFY(!changed.isEmpty());

        // A second edit after the replace-by-rename is seen as well.
        QSaveFile again(configPath());
        QVERIFY(again.open(QIODevice::WriteOnly));
        again.write(QJsonDocument(QJsonObject{{QLatin1String("fallbacks"), QJsonObject{{primary, QJsonArray{second, third}}}}}).toJson());
        QVERIFY(again.commit());
        QTRY_COMPARE(client->configuration().fallbackChain(primary), (QStringList{second, third}));
    }

    void editsPersistInTheCliConfig()
    {
        QSignalSpy changed(panel.get(), &FallbackSettings::changed);
        QCOMPARE(panel->configPath(), configPath());
        QVERIFY(panel->addFallback(primary, third));
        QVERIFY(panel->addFallback(primary, second));
        QVERIFY(!panel->addFallback(primary, second));
        QVERIFY(!panel->addFallback(primary, primary));
        QVERIFY(panel->moveFallback(primary, 1, 0));
        QVERIFY(!panel->moveFallback(primary, 0, 5));
        QVERIFY(panel->addFallback(third, QStringLiteral("anthropic/claude-3-5-haiku-20241022")));
        QVERIFY(panel->removeFallback(third, 0));
        QVERIFY(panel->removeModel(third));
        panel->setMaxRetries(1);
        panel->setBaseDelayMs(5);
        QVERIFY(panel->setFallbackOn(QStringLiteral("rate_limit"), false));
        QVERIFY(!panel->setFallbackOn(QStringLiteral("no_such_kind"), true));
        QVERIFY(changed.count() >= 9);
        QVERIFY2(panel->errorString().isEmpty(), qPrintable(panel->errorString()));

        QCOMPARE(panel->chain(primary), (QStringList{second, third}));
        QCOMPARE(panel->chains().size(), 1);
        QCOMPARE(panel->maxRetries(), 1);
        QCOMPARE(panel->baseDelayMs(), 5);
        QVERIFY(!panel->fallbackOn().contains(QStringLiteral("rate_limit")));
        QVERIFY(panel->fallbackOn().contains(QStringLiteral("overloaded")));
        QVERIFY(!panel->errorKinds().contains(QStringLiteral("cancelled")));

        // On disk, in the documented format, next to what was there.
        const QJsonObject file = fileOnDisk();
        QCOMPARE(file.value(QLatin1String("default_model")).toString(), primary);
        QCOMPARE(file.value(QLatin1String("timeouts")).toObject().value(QLatin1String("connect_ms")).toInt(), 5000);
        QCOMPARE(file.value(QLatin1String("fallbacks")).toObject().value(primary).toArray(), QJsonArray({second, third}));
        QVERIFY(!file.value(QLatin1String("fallbacks")).toObject().contains(third));
        const QJsonObject retry = file.value(QLatin1String("retry")).toObject();
        QCOMPARE(retry.value(QLatin1String("max_retries")).toInt(), 1);
        QCOMPARE(retry.value(QLatin1String("base_delay_ms")).toInt(), 5);
        const QJsonArray kinds = retry.value(QLatin1String("fallback_on")).toArray();
        QVERIFY(!kinds.contains(QLatin1String("rate_limit")));
        QVERIFY(kinds.contains(QLatin1String("overloaded")));
        // No key ever lands in the file.
        QVERIFY(!QJsonDocument(file).toJson().contains(canaryKey.toUtf8()));

        // Another process reading the file, as the CLI does, sees the same settings.
        Configuration cli(environment());
        QVERIFY(cli.loadFile(configPath()));
        QCOMPARE(cli.fallbackChain(primary), (QStringList{second, third}));
        QCOMPARE(cli.retryPolicy().maxRetries, 1);
        QCOMPARE(cli.retryPolicy().baseDelay, std::chrono::milliseconds(5));
        QVERIFY(!cli.retryPolicy().fallbackOn.contains(Error::Kind::RateLimit));
    }

    void defaultChainsServeModelsWithoutTheirOwn()
    {
        QSignalSpy changed(panel.get(), &FallbackSettings::changed);
        QVERIFY(panel->addDefaultFallback(QStringLiteral("chat"), third));
        QVERIFY(panel->addDefaultFallback(QStringLiteral("chat"), second));
        QVERIFY(!panel->addDefaultFallback(QStringLiteral("chat"), second));
        QVERIFY(!panel->addDefaultFallback(QStringLiteral("images"), second));
        QVERIFY(panel->moveDefaultFallback(QStringLiteral("chat"), 1, 0));
        QVERIFY(panel->addDefaultFallback(QStringLiteral("embedding"), QStringLiteral("openai/text-embedding-3-small")));
        QVERIFY(panel->removeDefaultFallback(QStringLiteral("embedding"), 0));
        QVERIFY(changed.count() >= 5);
        QCOMPARE(panel->defaultChatChain(), (QStringList{second, third}));
        QVERIFY(panel->defaultEmbeddingChain().isEmpty());
        QCOMPARE(fileOnDisk().value(QLatin1String("default_chains")).toObject(),
                 (QJsonObject{{QLatin1String("chat"), QJsonArray{second, third}}}));
        QCOMPARE(fileOnDisk().value(QLatin1String("default_model")).toString(), primary);

        // The primary has no chain of its own: the default chain answers for it.
        panel->setMaxRetries(0);
        QVERIFY(client->chatBlocking(briefChat(primary, QStringLiteral("hi"), true)));
        QCOMPARE(upstreamOrder(), (QStringList{QStringLiteral("gpt-4o"), QStringLiteral("gpt-4.1-mini"), QStringLiteral("gpt-4o-mini")}));
    }

    void theCliFollowsThePanelsChain()
    {
        QVERIFY(panel->setChain(primary, {second, third}));
        panel->setMaxRetries(0);
        const ProcessResult first = runProcess(QStringLiteral(MUXI_CLI), {QStringLiteral("chat"), QStringLiteral("--stream"), QStringLiteral("--verbose"), QStringLiteral("hi")},
                                               environment());
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QCOMPARE(first.out.trimmed(), QByteArray("Hello there"));
        QCOMPARE(upstreamOrder(), (QStringList{QStringLiteral("gpt-4o"), QStringLiteral("gpt-4.1-mini"), QStringLiteral("gpt-4o-mini")}));

        // Reordered in the panel: the CLI's next run asks the other way round.
        QVERIFY(panel->moveFallback(primary, 1, 0));
        server->clear();
        server->route("POST", "/v1/chat/completions", [](const RecordedRequest &request) {
            const QString model = request.json().value(QLatin1String("model")).toString();
            if (model == QLatin1String("gpt-4o-mini"))
                return ScriptedResponse::sse(openAiStream(model, {QStringLiteral("Hi")}, 8, 1));
            return ScriptedResponse::json(503, fixture(QStringLiteral("openai/error-500.json")));
        });
        const ProcessResult again = runProcess(QStringLiteral(MUXI_CLI), {QStringLiteral("chat"), QStringLiteral("--stream"), QStringLiteral("hi")}, environment());
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(upstreamOrder(), (QStringList{QStringLiteral("gpt-4o"), QStringLiteral("gpt-4o-mini")}));
    }

    void theChatFollowsThePanelAndShowsWhoAnswered()
    {
        QTemporaryDir data;
        AppSettings settings(QDir(data.path()).filePath(QStringLiteral("workbench.conf")));
        HistoryStore history(QDir(data.path()).filePath(QStringLiteral("history.sqlite")));
        ConversationListModel conversations(&history);
        ChatController chat(client.get(), &history, &settings, &conversations);
        chat.setModel(primary);

        QVERIFY(panel->setChain(primary, {second, third}));
        panel->setMaxRetries(1);
        panel->setBaseDelayMs(1);
        QSignalSpy finished(&chat, &ChatController::answerFinished);
        QVERIFY(chat.send(QStringLiteral("hi")));
        QVERIFY(finished.wait(10'000));
        // Each overloaded model is tried twice (one retry), then the chain moves on.
        QCOMPARE(upstreamOrder(), (QStringList{QStringLiteral("gpt-4o"), QStringLiteral("gpt-4o"), QStringLiteral("gpt-4.1-mini"),
                                               QStringLiteral("gpt-4.1-mini"), QStringLiteral("gpt-4o-mini")}));
        const QModelIndex answer = chat.messages()->index(1);
        QCOMPARE(answer.data(MessageModel::TextRole).toString(), QStringLiteral("Hello there"));
        QCOMPARE(answer.data(MessageModel::ModelRole).toString(), third);
        const QVariantList attempts = answer.data(MessageModel::AttemptsRole).toList();
        QCOMPARE(attempts.size(), 5);
        QCOMPARE(attempts.at(0).toMap().value(QStringLiteral("model")).toString(), QStringLiteral("gpt-4o"));
        QCOMPARE(attempts.at(0).toMap().value(QStringLiteral("outcome")).toString(), QStringLiteral("error"));
        QCOMPARE(attempts.at(0).toMap().value(QStringLiteral("status")).toInt(), 503);
        QCOMPARE(attempts.at(0).toMap().value(QStringLiteral("error")).toString(), QStringLiteral("overloaded"));
        QCOMPARE(attempts.at(4).toMap().value(QStringLiteral("model")).toString(), QStringLiteral("gpt-4o-mini"));
        QCOMPARE(attempts.at(4).toMap().value(QStringLiteral("outcome")).toString(), QStringLiteral("ok"));
        QVERIFY(attempts.at(4).toMap().contains(QStringLiteral("duration_ms")));

        // The attempts are kept with the answer.
        history.sync();
        const QString id = chat.conversationId();
        chat.newConversation();
        chat.openConversation(id);
        QTRY_VERIFY(!chat.isLoading());
        QCOMPARE(chat.messages()->index(1).data(MessageModel::AttemptsRole).toList().size(), 5);

        // Overloading no longer moves on: the chat fails on the first model alone.
        QVERIFY(panel->setFallbackOn(QStringLiteral("overloaded"), false));
        panel->setMaxRetries(0);
        server->clear();
        server->route("POST", "/v1/chat/completions", [](const RecordedRequest &) {
            return ScriptedResponse::json(503, fixture(QStringLiteral("openai/error-500.json")));
        });
        QVERIFY(chat.send(QStringLiteral("again")));
        QVERIFY(finished.wait(10'000));
        QCOMPARE(upstreamOrder(), QStringList{QStringLiteral("gpt-4o")});
        QCOMPARE(chat.messages()->message(chat.messages()->rowCount() - 1).status, ChatMessage::Status::Failed);
    }
    void thePanelsButtonsEditTheFile()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("OPENAI_API_KEY"), canaryKey);
        WorkbenchWindow app(env);
        QVERIFY(app.show());
        FallbackSettings *fallbacks = app.workbench()->fallbacks();
        QVERIFY(fallbacks->setChain(primary, {second, third}));
        app.window()->setProperty("page", QStringLiteral("settings"));
        app.window()->setProperty("settingsTab", 2);

        // The second entry's "Up" puts it first.
        QQuickItem *chain = nullptr;
        QTRY_VERIFY((chain = app.item(QStringLiteral("fallbackChain"))) && chain->isVisible());
        QList<QQuickItem *> entries;
        QTRY_VERIFY([&] {
            entries.clear();
            const auto collect = [&entries](QQuickItem *item, const auto &self) -> void {
                const QList<QQuickItem *> children = item->childItems();
                for (QQuickItem *child : children) {
                    if (child->objectName() == QLatin1String("fallbackEntry"))
                        entries.append(child);
                    self(child, self);
                }
            };
            collect(chain, collect);
            return entries.size() == 2;
        }());
        QVERIFY(app.click(app.item(QStringLiteral("moveUpButton"), entries.at(1))));
        QTRY_COMPARE(fallbacks->chain(primary), (QStringList{third, second}));

        // Unticking a kind writes it out of "fallback_on".
        QQuickItem *overloaded = app.item(QStringLiteral("fallbackOn_overloaded"));
        QVERIFY(overloaded && overloaded->property("checked").toBool());
        QVERIFY(app.click(overloaded));
        QTRY_VERIFY(!fallbacks->fallbackOn().contains(QStringLiteral("overloaded")));

        QFile file(app.configFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject written = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(written.value(QLatin1String("fallbacks")).toObject().value(primary).toArray(), QJsonArray({third, second}));
        QVERIFY(!written.value(QLatin1String("retry")).toObject().value(QLatin1String("fallback_on")).toArray().contains(QLatin1String("overloaded")));
    }
};

QTEST_MAIN(TestFallbackSettings)
#include "tst_fallbacksettings.moc"
