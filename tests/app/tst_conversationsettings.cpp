#include "apptestenvironment.h"
#include "sse.h"

#include <appsettings.h>
#include <chatcontroller.h>
#include <chatoptions.h>
#include <conversationlistmodel.h>
#include <historydatabase.h>
#include <historystore.h>

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

// A conversation's own system prompt, model and parameters: applied to its
// requests, saved in the history (schema version 5) and back after a restart;
// conversations from a version-4 database keep working with the defaults.
class TestConversationSettings : public QObject
{
    Q_OBJECT

private:
    static QJsonObject answer(AppTestEnvironment &env, const QString &text)
    {
        const int before = int(env.server.requests().size());
        env.server.script("POST", "/v1/chat/completions",
                          {ScriptedResponse::sse(openAiStream(QStringLiteral("gpt-4.1"), {QStringLiteral("Sure.")}, 10, 2))});
        QSignalSpy finished(env.chat.get(), &ChatController::answerFinished);
        if (!env.chat->send(text) || !finished.wait(10'000) || env.server.requests().size() != before + 1)
            return {};
        return env.server.requests().last().json();
    }

    static void reopen(AppTestEnvironment &env, const QString &id)
    {
        env.history->sync();
        env.recreate();
        QSignalSpy loaded(env.conversations.get(), &ConversationListModel::loaded);
        env.conversations->reload();
        QVERIFY(loaded.wait(5000));
        env.chat->openConversation(id);
        QTRY_VERIFY(!env.chat->isLoading());
    }

private Q_SLOTS:
    void editedSettingsGoOnTheWireAndSurviveARestart()
    {
        AppTestEnvironment env;
        ChatOptions *options = env.chat->options();
        // A new conversation starts from the Defaults page.
        env.settings->setSystemPrompt(QStringLiteral("Default prompt"));
        env.settings->setTemperature(1.1);
        env.chat->newConversation();
        QCOMPARE(options->systemPrompt(), QStringLiteral("Default prompt"));
        QCOMPARE(options->temperature(), 1.1);

        env.chat->setModel(QStringLiteral("openai/gpt-4.1"));
        options->setSystemPrompt(QStringLiteral("You are a pirate."));
        options->setTemperature(0.4);
        options->setTopP(0.5);
        options->setMaxTokens(300);
        QJsonObject body = answer(env, QStringLiteral("Hello"));
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("gpt-4.1"));
        QCOMPARE(body.value(QLatin1String("temperature")).toDouble(), 0.4);
        QCOMPARE(body.value(QLatin1String("top_p")).toDouble(), 0.5);
        QCOMPARE(body.value(QLatin1String("messages")).toArray().at(0).toObject().value(QLatin1String("content")).toString(),
                 QStringLiteral("You are a pirate."));
        const QString id = env.chat->conversationId();

        // Edits after the first message are saved as they are made.
        QSignalSpy changed(options, &ChatOptions::changed);
        options->setTemperature(5.0); // out of range: back to the provider's default
        QCOMPARE(options->temperature(), -1.0);
        options->setJsonMode(true);
        QCOMPARE(changed.count(), 2);

        // Another conversation in between, with other settings.
        env.chat->newConversation();
        env.chat->setModel(QStringLiteral("openai/gpt-4o-mini"));
        QCOMPARE(options->systemPrompt(), QStringLiteral("Default prompt"));

        reopen(env, id);
        options = env.chat->options();
        QTRY_COMPARE(env.chat->model(), QStringLiteral("openai/gpt-4.1"));
        QCOMPARE(options->systemPrompt(), QStringLiteral("You are a pirate."));
        QCOMPARE(options->temperature(), -1.0);
        QCOMPARE(options->topP(), 0.5);
        QCOMPARE(options->maxTokens(), 300);
        QVERIFY(options->jsonMode());

        body = answer(env, QStringLiteral("Reply with JSON, please"));
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("gpt-4.1"));
        QVERIFY(!body.contains(QLatin1String("temperature")));
        QCOMPARE(body.value(QLatin1String("response_format")).toObject().value(QLatin1String("type")).toString(), QStringLiteral("json_object"));
        QCOMPARE(body.value(QLatin1String("messages")).toArray().size(), 4);

        // Choosing another model for this conversation is remembered too.
        env.chat->setModel(QStringLiteral("openai/o3-mini"));
        reopen(env, id);
        QTRY_COMPARE(env.chat->model(), QStringLiteral("openai/o3-mini"));
    }

    void migratesAVersion4Database()
    {
        AppTestEnvironment env;
        const QString path = env.historyPath();
        env.chat.reset();
        env.conversations.reset();
        env.history.reset();
        {
            // A version-4 file: what this build makes, without version 5's table.
            HistoryDatabase current;
            QVERIFY(current.open(path));
        }
        {
            QSqlDatabase old = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v4"));
            old.setDatabaseName(path);
            QVERIFY(old.open());
            QSqlQuery q(old);
            QVERIFY(q.exec(QStringLiteral("DROP TABLE conversation_settings")));
            QVERIFY(q.exec(QStringLiteral("UPDATE schema_version SET version = 4")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO conversations (id, title, created, updated) VALUES ('old', 'From version 4', 5, 5)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO messages (id, conversation_id, position, role, text, status, created)"
                                          " VALUES ('m1', 'old', 0, 'user', 'Hi from before', 'done', 5)")));
            old.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v4"));

        {
            HistoryDatabase db;
            QVERIFY2(db.open(path), qPrintable(db.errorString()));
            QCOMPARE(db.schemaVersion(), 5);
            QCOMPARE(HistoryDatabase::currentVersion, 5);
            QCOMPARE(db.messages(QStringLiteral("old")).size(), 1);
            QVERIFY(!db.conversationSettings(QStringLiteral("old")));
        }

        // The old conversation opens with the defaults and the model in use, and keeps what is set from now on.
        env.recreate();
        env.settings->setSystemPrompt(QStringLiteral("Default prompt"));
        QSignalSpy loaded(env.conversations.get(), &ConversationListModel::loaded);
        env.conversations->reload();
        QVERIFY(loaded.wait(5000));
        env.chat->openConversation(QStringLiteral("old"));
        QTRY_VERIFY(!env.chat->isLoading());
        QCOMPARE(env.chat->messages()->rowCount(), 1);
        QCOMPARE(env.chat->model(), QStringLiteral("openai/gpt-4o-mini"));
        QCOMPARE(env.chat->options()->systemPrompt(), QStringLiteral("Default prompt"));
        env.chat->options()->setMaxTokens(64);
        env.history->sync();
        HistoryDatabase db;
        QVERIFY(db.open(path));
        QCOMPARE(db.conversationSettings(QStringLiteral("old"))->maxTokens, std::optional<int>(64));
        QCOMPARE(db.conversationSettings(QStringLiteral("old"))->model, QStringLiteral("openai/gpt-4o-mini"));

        // Deleting the conversation takes its settings along.
        env.history->setDeleted(QStringLiteral("old"), true);
        env.history->purgeDeleted();
        env.history->sync();
        QVERIFY(!db.conversationSettings(QStringLiteral("old")));
    }
};

QTEST_MAIN(TestConversationSettings)
#include "tst_conversationsettings.moc"
