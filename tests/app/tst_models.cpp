#include "apptestenvironment.h"

#include <appsettings.h>
#include <chatcontroller.h>
#include <muxi/client.h>
#include <conversationlistmodel.h>
#include <fixtures.h>
#include <historydatabase.h>
#include <historystore.h>
#include <keystore.h>
#include <messagemodel.h>
#include <modelpickermodel.h>
#include <muxi/modelcatalogue.h>
#include <providerlistmodel.h>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
std::unique_ptr<QAbstractItemModelTester> tester(QAbstractItemModel *model)
{
    return std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
}

ConversationInfo conversation(const QString &id, const QString &title, qint64 updated)
{
    ConversationInfo c;
    c.id = id;
    c.title = title;
    c.created = QDateTime::fromMSecsSinceEpoch(updated);
    c.updated = QDateTime::fromMSecsSinceEpoch(updated);
    return c;
}

ChatMessage message(const QString &conversationId, int position, const QString &role, const QString &text)
{
    ChatMessage m;
    m.id = ChatMessage::newId();
    m.conversationId = conversationId;
    m.position = position;
    m.role = role;
    m.text = text;
    m.created = QDateTime::fromMSecsSinceEpoch(1000 + position);
    return m;
}
} // namespace

// The list models under QAbstractItemModelTester, and the history behind them.
class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messageModelStreamingTouchesOneRow()
    {
        MessageModel model;
        auto check = tester(&model);
        model.setFrameInterval(0);
        ChatMessage user = message(QStringLiteral("c"), 0, QStringLiteral("user"), QStringLiteral("a < b"));
        ChatMessage answer = message(QStringLiteral("c"), 1, QStringLiteral("assistant"), QString());
        answer.status = ChatMessage::Status::Streaming;
        model.setMessages({user});
        QCOMPARE(model.index(0).data(MessageModel::HtmlRole).toString(), QStringLiteral("a &lt; b"));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        const int row = model.append(answer);
        QCOMPARE(row, 1);
        QCOMPARE(inserted.count(), 1);
        // Tokens arriving within one frame are announced once.
        model.appendText(row, QStringLiteral("**bold"));
        model.appendText(row, QStringLiteral("** text"));
        QCOMPARE(changed.count(), 0);
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 1);
        QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), 1);
        const QList<int> roles = changed.first().at(2).value<QList<int>>();
        QVERIFY(roles.contains(MessageModel::TextRole) && roles.contains(MessageModel::HtmlRole));
        QVERIFY(!roles.contains(MessageModel::StatusRole));
        QCOMPARE(model.index(1).data(MessageModel::TextRole).toString(), QStringLiteral("**bold** text"));
        QVERIFY(model.index(1).data(MessageModel::HtmlRole).toString().contains(QLatin1String("<strong>bold</strong>")));
        QCOMPARE(reset.count(), 0);

        ChatMessage done = model.message(1);
        done.status = ChatMessage::Status::Done;
        done.durationMs = 1200;
        changed.clear();
        model.update(1, done);
        QCOMPARE(changed.count(), 1);
        const QList<int> statusRoles = changed.first().at(2).value<QList<int>>();
        QCOMPARE(QSet<int>(statusRoles.begin(), statusRoles.end()), (QSet<int>{MessageModel::StatusRole, MessageModel::DurationMsRole}));
        QCOMPARE(model.index(1).data(MessageModel::StatusRole).toString(), QStringLiteral("done"));

        model.truncate(1);
        QCOMPARE(model.rowCount(), 1);
    }

    void providerListModel()
    {
        AppTestEnvironment env;
        KeyStore keys(QStringLiteral("muxi-test-unused"));
        ProviderListModel model(env.client.get(), env.settings.get(), &keys);
        auto check = tester(&model);
        QVERIFY(model.rowCount() > 10);
        const int openai = model.rowOf(QStringLiteral("openai"));
        QVERIFY(openai >= 0);
        const QModelIndex row = model.index(openai);
        QCOMPARE(row.data(ProviderListModel::NameRole).toString(), QStringLiteral("OpenAI"));
        QCOMPARE(row.data(ProviderListModel::KeyConfiguredRole).toBool(), true);
        QCOMPARE(row.data(ProviderListModel::KeySourceRole).toString(), QStringLiteral("OPENAI_API_KEY"));
        QVERIFY(row.data(ProviderListModel::CapabilitiesRole).toStringList().contains(QStringLiteral("vision")));
        QCOMPARE(row.data(ProviderListModel::BaseUrlRole).toString(), env.server.url(QStringLiteral("/v1")).toString());
        QVERIFY(model.isUsable(QStringLiteral("openai")));
        QVERIFY(!model.isUsable(QStringLiteral("groq")));
        // No role ever carries the key itself.
        for (int r = 0; r < model.rowCount(); ++r) {
            for (int role : model.roleNames().keys())
                QVERIFY(!model.index(r).data(role).toString().contains(AppTestEnvironment::canaryKey));
        }

        // A local server is usable once discovery reports it.
        QSignalSpy usable(&model, &ProviderListModel::usableCountChanged);
        const int before = model.usableCount();
        model.setLocalServerDetected(QStringLiteral("llamacpp"), true);
        QCOMPARE(model.usableCount(), before + 1);
        QCOMPARE(usable.count(), 1);
        QCOMPARE(model.detectedLocalServers(), QStringList{QStringLiteral("llamacpp")});
        QVERIFY(model.index(model.rowOf(QStringLiteral("llamacpp"))).data(ProviderListModel::LocalDetectedRole).toBool());

        // Disabling and base URLs go to the runtime configuration and the settings file.
        model.setEnabled(QStringLiteral("openai"), false);
        QVERIFY(!model.isUsable(QStringLiteral("openai")));
        QCOMPARE(env.settings->providerEnabled(QStringLiteral("openai")), std::optional<bool>(false));
        model.setEnabled(QStringLiteral("openai"), true);
        model.setBaseUrl(QStringLiteral("groq"), QStringLiteral("http://127.0.0.1:9/groq"));
        QCOMPARE(env.client->configuration().baseUrl(*env.client->provider(QStringLiteral("groq"))), QUrl(QStringLiteral("http://127.0.0.1:9/groq")));
        QCOMPARE(env.settings->providerBaseUrl(QStringLiteral("groq")), QUrl(QStringLiteral("http://127.0.0.1:9/groq")));
    }

    void testConnectionReportsBothWays()
    {
        AppTestEnvironment env;
        KeyStore keys(QStringLiteral("muxi-test-unused"));
        ProviderListModel model(env.client.get(), env.settings.get(), &keys);
        auto check = tester(&model);
        env.server.script("GET", "/v1/models",
                          {ScriptedResponse::json(200, fixture(QStringLiteral("workbench/models.json"))),
                           ScriptedResponse::json(401, fixture(QStringLiteral("openai/error-401.json")))});
        const QModelIndex row = model.index(model.rowOf(QStringLiteral("openai")));
        model.testConnection(QStringLiteral("openai"));
        QCOMPARE(row.data(ProviderListModel::TestStateRole).toString(), QStringLiteral("running"));
        QTRY_COMPARE(row.data(ProviderListModel::TestStateRole).toString(), QStringLiteral("ok"));
        QVERIFY(row.data(ProviderListModel::TestMessageRole).toString().contains(QLatin1String("3")));
        QCOMPARE(env.server.requests().first().header("authorization"), "Bearer " + AppTestEnvironment::canaryKey.toUtf8());
        model.testConnection(QStringLiteral("openai"));
        QTRY_COMPARE(row.data(ProviderListModel::TestStateRole).toString(), QStringLiteral("failed"));
        const QString failure = row.data(ProviderListModel::TestMessageRole).toString();
        QVERIFY2(failure.contains(QLatin1String("401")), qPrintable(failure));
        QVERIFY(!failure.contains(AppTestEnvironment::canaryKey));
    }

    void modelPickerModel()
    {
        AppTestEnvironment env;
        KeyStore keys(QStringLiteral("muxi-test-unused"));
        ProviderListModel providers(env.client.get(), env.settings.get(), &keys);
        env.server.script("GET", "/v1/models", {ScriptedResponse::json(200, fixture(QStringLiteral("workbench/models.json")))});
        ModelCatalogue modelCatalogue(env.client.get());
        modelCatalogue.setCacheFile(QDir(env.dataDir()).filePath(QStringLiteral("catalogue.json")));
        ModelPickerModel catalogue(env.client.get(), &modelCatalogue, &providers, env.settings.get());
        auto check = tester(&catalogue);
        // Before any listing: the curated table's models.
        QVERIFY(catalogue.indexOf(QStringLiteral("openai/gpt-4.1")) >= 0);
        QCOMPARE(catalogue.index(catalogue.indexOf(QStringLiteral("openai/gpt-4.1"))).data(ModelPickerModel::SourceRole).toString(),
                 QStringLiteral("table"));
        QSignalSpy loading(&catalogue, &ModelPickerModel::loadingChanged);
        catalogue.refresh();
        QVERIFY(catalogue.loading());
        QTRY_VERIFY(!catalogue.loading());
        // Only usable providers were asked.
        QCOMPARE(env.server.requests().size(), 1);
        const int gpt4o = catalogue.indexOf(QStringLiteral("openai/gpt-4o"));
        QVERIFY(gpt4o >= 0);
        QCOMPARE(catalogue.index(gpt4o).data(ModelPickerModel::SourceRole).toString(), QStringLiteral("listed"));
        QVERIFY(catalogue.index(gpt4o).data(ModelPickerModel::CapabilitiesRole).toStringList().contains(QStringLiteral("vision")));
        QCOMPARE(catalogue.firstModelOf(QStringLiteral("openai")), QStringLiteral("openai/gpt-4o"));
        // Asked again within the catalogue's maximum age: its cached listing answers.
        catalogue.refresh();
        QTRY_VERIFY(!catalogue.loading());
        QCOMPARE(env.server.requests().size(), 1);

        // Typed names are kept for the next start; unknown providers are refused.
        QVERIFY(catalogue.addModel(QStringLiteral("groq/my-finetune")));
        QVERIFY(!catalogue.addModel(QStringLiteral("nosuchprovider/model")));
        QVERIFY(catalogue.indexOf(QStringLiteral("groq/my-finetune")) >= 0);
        QCOMPARE(env.settings->customModels(), QStringList{QStringLiteral("groq/my-finetune")});
        ModelCatalogue restartedCatalogue(env.client.get());
        restartedCatalogue.setCacheFile(QString());
        ModelPickerModel restarted(env.client.get(), &restartedCatalogue, &providers, env.settings.get());
        auto check2 = tester(&restarted);
        const int typed = restarted.indexOf(QStringLiteral("groq/my-finetune"));
        QVERIFY(typed >= 0);
        QCOMPARE(restarted.index(typed).data(ModelPickerModel::SourceRole).toString(), QStringLiteral("user"));
    }

    void conversationListSearchRenameDeleteUndo()
    {
        AppTestEnvironment env;
        env.history->saveConversation(conversation(QStringLiteral("a"), QStringLiteral("Rust lifetimes"), 1000));
        env.history->saveConversation(conversation(QStringLiteral("b"), QStringLiteral("Dinner ideas"), 2000));
        env.history->saveConversation(conversation(QStringLiteral("c"), QStringLiteral("Unrelated"), 3000));
        env.history->saveMessage(message(QStringLiteral("c"), 0, QStringLiteral("user"), QStringLiteral("what is 100% of a borrow_checker")));
        ConversationListModel &model = *env.conversations;
        auto check = tester(&model);
        QSignalSpy loaded(&model, &ConversationListModel::loaded);
        model.reload();
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.idAt(0), QStringLiteral("c"));
        QCOMPARE(model.index(0).data(ConversationListModel::MessageCountRole).toInt(), 1);

        // Titles and message text; LIKE wildcards in the query are literal.
        model.setSearch(QStringLiteral("borrow_"));
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.idAt(0), QStringLiteral("c"));
        model.setSearch(QStringLiteral("100%"));
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 1);
        model.setSearch(QStringLiteral("ideas"));
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.idAt(0), QStringLiteral("b"));
        model.setSearch(QStringLiteral("_"));
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 1);
        model.setSearch(QString());
        QVERIFY(loaded.wait());

        model.rename(QStringLiteral("a"), QStringLiteral("  Borrowing   rules "));
        QCOMPARE(model.index(model.rowOf(QStringLiteral("a"))).data(ConversationListModel::TitleRole).toString(), QStringLiteral("Borrowing rules"));

        model.remove(QStringLiteral("b"));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.canUndo());
        QCOMPARE(model.lastRemovedTitle(), QStringLiteral("Dinner ideas"));
        model.undoRemove();
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(!model.canUndo());

        model.remove(QStringLiteral("b"));
        env.history->sync();
        // After a restart the deletion is final.
        env.recreate();
        env.history->purgeDeleted();
        ConversationListModel &after = *env.conversations;
        auto check2 = tester(&after);
        QSignalSpy loadedAfter(&after, &ConversationListModel::loaded);
        after.reload();
        QVERIFY(loadedAfter.wait());
        QCOMPARE(after.rowCount(), 2);
        QCOMPARE(after.index(after.rowOf(QStringLiteral("a"))).data(ConversationListModel::TitleRole).toString(), QStringLiteral("Borrowing rules"));
        env.history->sync();
        HistoryDatabase db;
        QVERIFY(db.open(env.historyPath()));
        QVERIFY(!db.conversation(QStringLiteral("b")));
    }

    void databaseIsWalWithMigrations()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            // A database as the first release wrote it: schema version 1, no "deleted" column.
            QSqlDatabase old = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
            old.setDatabaseName(path);
            QVERIFY(old.open());
            QSqlQuery q(old);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (1)")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE conversations (id TEXT PRIMARY KEY, title TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE messages (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,"
                                          " position INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL, attachments TEXT, model TEXT, status TEXT NOT NULL,"
                                          " error TEXT, created INTEGER NOT NULL, first_token_ms INTEGER, duration_ms INTEGER, prompt_tokens INTEGER, completion_tokens INTEGER)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO conversations VALUES ('old', 'From version 1', 5, 5)")));
            old.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));

        HistoryDatabase db;
        QVERIFY2(db.open(path), qPrintable(db.errorString()));
        QCOMPARE(db.schemaVersion(), HistoryDatabase::currentVersion);
        QCOMPARE(db.journalMode(), QStringLiteral("wal"));
        QCOMPARE(db.conversations().size(), 1);
        QCOMPARE(db.conversations().first().title, QStringLiteral("From version 1"));
        // Version 3: answers keep their attempts, comparisons have a table of their own.
        ChatMessage answer;
        answer.id = QStringLiteral("m1");
        answer.conversationId = QStringLiteral("old");
        answer.role = QStringLiteral("assistant");
        answer.text = QStringLiteral("hi");
        answer.attempts = QJsonArray{QJsonObject{{QStringLiteral("model"), QStringLiteral("gpt-4o")}, {QStringLiteral("status"), 503}}};
        QVERIFY2(db.saveMessage(answer), qPrintable(db.errorString()));
        QCOMPARE(db.messages(QStringLiteral("old")).first().attempts, answer.attempts);
        // Version 4: an answer's tool calls, and a row per call with its result.
        answer.toolCalls = QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("call_1")}, {QStringLiteral("type"), QStringLiteral("function")}}};
        QVERIFY2(db.saveMessage(answer), qPrintable(db.errorString()));
        ChatMessage call;
        call.id = QStringLiteral("m2");
        call.conversationId = QStringLiteral("old");
        call.role = QStringLiteral("tool");
        call.position = 1;
        call.text = QStringLiteral("Sunny");
        call.tool = {{QStringLiteral("callId"), QStringLiteral("call_1")}, {QStringLiteral("state"), QStringLiteral("done")}};
        QVERIFY2(db.saveMessage(call), qPrintable(db.errorString()));
        const QList<ChatMessage> stored = db.messages(QStringLiteral("old"));
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored.at(0).toolCalls, answer.toolCalls);
        QCOMPARE(stored.at(1).tool, call.tool);
        QCOMPARE(stored.at(1).text, call.text);
        ComparisonRecord comparison;
        comparison.id = QStringLiteral("c1");
        comparison.title = QStringLiteral("Which is faster?");
        comparison.created = QDateTime::fromMSecsSinceEpoch(10);
        comparison.updated = QDateTime::fromMSecsSinceEpoch(20);
        comparison.data = {{QStringLiteral("columns"), QJsonArray{QJsonObject{{QStringLiteral("model"), QStringLiteral("openai/gpt-4o")}}}}};
        QVERIFY2(db.saveComparison(comparison), qPrintable(db.errorString()));
        QCOMPARE(db.comparisons().size(), 1);
        QCOMPARE(db.comparisons().first().title, comparison.title);
        QCOMPARE(db.comparison(QStringLiteral("c1"))->data, comparison.data);
        QVERIFY(db.removeComparison(QStringLiteral("c1")));
        QVERIFY(!db.comparison(QStringLiteral("c1")));

        QVERIFY(db.setDeleted(QStringLiteral("old"), true));
        QVERIFY(db.conversations().isEmpty());

        // A database from a newer build is refused rather than damaged.
        {
            QSqlDatabase newer = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
            newer.setDatabaseName(path);
            QVERIFY(newer.open());
            QVERIFY(QSqlQuery(newer).exec(QStringLiteral("UPDATE schema_version SET version = 99")));
            newer.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        db.close();
        HistoryDatabase again;
        QVERIFY(!again.open(path));
        QVERIFY(again.errorString().contains(QLatin1String("99")));
    }

    void historyWorkRunsOffTheGuiThread()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.filePath(QStringLiteral("h.sqlite")));
        QVERIFY(store.errorString().isEmpty());
        store.saveConversation(conversation(QStringLiteral("x"), QStringLiteral("X"), 1));
        QThread *worker = nullptr;
        bool done = false;
        store.conversations({}, [&](const QList<ConversationInfo> &rows) {
            QCOMPARE(rows.size(), 1);
            // Delivered back on the GUI thread.
            worker = QThread::currentThread();
            done = true;
        });
        QVERIFY(!done);
        QTRY_VERIFY(done);
        QCOMPARE(worker, QThread::currentThread());
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
