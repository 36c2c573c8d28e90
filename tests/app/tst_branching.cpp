#include "apptestenvironment.h"
#include "sse.h"

#include <appsettings.h>
#include <chatcontroller.h>
#include <conversationlistmodel.h>
#include <conversationthread.h>
#include <fixtures.h>
#include <historydatabase.h>
#include <historystore.h>
#include <messagemodel.h>

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

// Branches of a conversation: an edited question or a regenerated answer
// keeps the old turn beside the new one, `< 2/3 >` switches between them, and
// all of it is in SQLite — across a restart, and migrated from a version-4 database.
class TestBranching : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AppTestEnvironment> env;
    std::unique_ptr<QAbstractItemModelTester> messageTester;

    MessageModel *messages() { return env->chat->messages(); }

    void waitForAnswer()
    {
        QSignalSpy finished(env->chat.get(), &ChatController::answerFinished);
        QVERIFY(finished.wait(10'000));
    }

    QList<ChatMessage> stored()
    {
        env->history->sync();
        HistoryDatabase db;
        if (!db.open(env->historyPath()))
            return {};
        return db.messages(env->chat->conversationId());
    }

    void scriptAnswers(const QStringList &fixtures)
    {
        QList<ScriptedResponse> responses;
        for (const QString &name : fixtures)
            responses.append(ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/") + name))));
        env->server.script("POST", "/v1/chat/completions", responses);
    }

    QString shownText(int row) { return messages()->index(row).data(MessageModel::TextRole).toString(); }
    int siblingIndex(int row) { return messages()->index(row).data(MessageModel::SiblingIndexRole).toInt(); }
    int siblingCount(int row) { return messages()->index(row).data(MessageModel::SiblingCountRole).toInt(); }

    void reopen()
    {
        const QString id = env->chat->conversationId();
        messageTester.reset();
        env->recreate();
        messageTester = std::make_unique<QAbstractItemModelTester>(messages(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        env->chat->openConversation(id);
        QTRY_VERIFY(!env->chat->isLoading());
    }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("^history:")));
        env = std::make_unique<AppTestEnvironment>();
        messageTester = std::make_unique<QAbstractItemModelTester>(messages(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        messageTester.reset();
        env.reset();
    }

    void editKeepsTheOldQuestionAsABranch()
    {
        scriptAnswers({QStringLiteral("answer-markdown.sse"), QStringLiteral("answer-short.sse")});
        QVERIFY(env->chat->send(QStringLiteral("Frist question")));
        waitForAnswer();
        const QString firstAnswer = shownText(1);
        QCOMPARE(siblingCount(0), 1);

        env->chat->editAndResend(0, QStringLiteral("First question"));
        waitForAnswer();
        QCOMPARE(messages()->rowCount(), 2);
        QCOMPARE(shownText(0), QStringLiteral("First question"));
        QCOMPARE(shownText(1), QStringLiteral("Second answer."));
        QCOMPARE(siblingIndex(0), 1);
        QCOMPARE(siblingCount(0), 2);
        // The new question went out alone: the old branch is not part of what the model is told.
        const QJsonArray turns = env->server.requests().at(1).json().value(QLatin1String("messages")).toArray();
        QCOMPARE(turns.size(), 1);
        QCOMPARE(turns.at(0).toObject().value(QLatin1String("content")).toString(), QStringLiteral("First question"));

        // Back to the first branch: its question and its own answer.
        QSignalSpy resets(messages(), &QAbstractItemModel::modelReset);
        env->chat->switchBranch(0, -1);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(messages()->rowCount(), 2);
        QCOMPARE(shownText(0), QStringLiteral("Frist question"));
        QCOMPARE(shownText(1), firstAnswer);
        QCOMPARE(siblingIndex(0), 0);
        QCOMPARE(siblingCount(0), 2);
        // At either end there is nothing further to switch to.
        env->chat->switchBranch(0, -1);
        QCOMPARE(shownText(0), QStringLiteral("Frist question"));
        env->chat->switchBranch(0, 1);
        QCOMPARE(shownText(0), QStringLiteral("First question"));
        QCOMPARE(shownText(1), QStringLiteral("Second answer."));

        // Nothing was deleted: two questions, each with its answer. Of the
        // questions the edited one is active; each answer is its question's only one.
        const QList<ChatMessage> saved = stored();
        QCOMPARE(saved.size(), 4);
        for (const ChatMessage &m : saved) {
            if (m.role == Message::Role::User)
                QCOMPARE(m.active, m.text == QLatin1String("First question"));
            else
                QVERIFY(m.active);
        }
    }

    void regenerateWithAnotherModelAddsASibling()
    {
        scriptAnswers({QStringLiteral("answer-markdown.sse"), QStringLiteral("answer-short.sse")});
        QVERIFY(env->chat->send(QStringLiteral("Compare providers")));
        waitForAnswer();
        const QString firstAnswer = shownText(1);
        QCOMPARE(messages()->message(1).model, QStringLiteral("openai/gpt-4o-mini"));

        env->chat->regenerate(1, QStringLiteral("openai/gpt-4o"));
        QVERIFY(env->chat->isStreaming());
        waitForAnswer();
        QCOMPARE(env->server.requests().at(1).json().value(QLatin1String("model")).toString(), QStringLiteral("gpt-4o"));
        QCOMPARE(messages()->rowCount(), 2);
        QCOMPARE(shownText(1), QStringLiteral("Second answer."));
        QCOMPARE(messages()->message(1).model, QStringLiteral("openai/gpt-4o"));
        QCOMPARE(siblingIndex(1), 1);
        QCOMPARE(siblingCount(1), 2);
        // The conversation's own model is unchanged.
        QCOMPARE(env->chat->model(), QStringLiteral("openai/gpt-4o-mini"));

        env->chat->switchBranch(1, -1);
        QCOMPARE(shownText(1), firstAnswer);
        QCOMPARE(messages()->message(1).model, QStringLiteral("openai/gpt-4o-mini"));

        // Regenerating from the question adds a third answer beside both.
        scriptAnswers({QStringLiteral("answer-short.sse")});
        env->chat->regenerate(0);
        waitForAnswer();
        QCOMPARE(siblingIndex(1), 2);
        QCOMPARE(siblingCount(1), 3);
        QCOMPARE(stored().size(), 4);
    }

    void switchingSendsOnlyTheShownBranch()
    {
        scriptAnswers({QStringLiteral("answer-markdown.sse"), QStringLiteral("answer-short.sse"), QStringLiteral("answer-short.sse")});
        QVERIFY(env->chat->send(QStringLiteral("One")));
        waitForAnswer();
        env->chat->regenerate(1);
        waitForAnswer();
        env->chat->switchBranch(1, -1);
        const QString firstAnswer = shownText(1);
        QVERIFY(env->chat->send(QStringLiteral("Two")));
        waitForAnswer();
        const QJsonArray turns = env->server.requests().at(2).json().value(QLatin1String("messages")).toArray();
        QCOMPARE(turns.size(), 3);
        QCOMPARE(turns.at(1).toObject().value(QLatin1String("content")).toString(), firstAnswer);
        // The follow-up belongs to the first answer's branch only.
        env->chat->switchBranch(1, 1);
        QCOMPARE(messages()->rowCount(), 2);
        env->chat->switchBranch(1, -1);
        QCOMPARE(messages()->rowCount(), 4);
        QCOMPARE(shownText(2), QStringLiteral("Two"));
    }

    void theActiveBranchSurvivesARestart()
    {
        scriptAnswers({QStringLiteral("answer-markdown.sse"), QStringLiteral("answer-short.sse"), QStringLiteral("answer-short.sse")});
        QVERIFY(env->chat->send(QStringLiteral("Frist")));
        waitForAnswer();
        env->chat->editAndResend(0, QStringLiteral("First"));
        waitForAnswer();
        env->chat->regenerate(1, QStringLiteral("openai/gpt-4o"));
        waitForAnswer();
        // Shown: the second question with its second answer; then back to its first answer.
        env->chat->switchBranch(1, -1);
        const QList<ChatMessage> before = messages()->messages();

        reopen();
        QCOMPARE(messages()->messages(), before);
        QCOMPARE(siblingIndex(0), 1);
        QCOMPARE(siblingCount(0), 2);
        QCOMPARE(siblingIndex(1), 0);
        QCOMPARE(siblingCount(1), 2);

        // The first question's branch remembers its own answer, after the restart too.
        env->chat->switchBranch(0, -1);
        QCOMPARE(shownText(0), QStringLiteral("Frist"));
        QCOMPARE(siblingCount(1), 1);
        reopen();
        QCOMPARE(shownText(0), QStringLiteral("Frist"));
        env->chat->switchBranch(0, 1);
        QCOMPARE(shownText(0), QStringLiteral("First"));
        QCOMPARE(messages()->message(1).id, before.at(1).id);
    }

    void migratesAVersion4Database()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            QSqlDatabase old = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v4"));
            old.setDatabaseName(path);
            QVERIFY(old.open());
            const QString sql = QString::fromUtf8(fixture(QStringLiteral("workbench/history-v4.sql")));
            // One statement per line ending in ';' (the fixture has no multi-line statements).
            const QStringList lines = sql.split(QLatin1Char('\n'));
            for (const QString &line : lines) {
                if (line.trimmed().isEmpty() || line.startsWith(QLatin1String("--")))
                    continue;
                QSqlQuery q(old);
                QVERIFY2(q.exec(line), qPrintable(line));
            }
            old.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v4"));

        {
            HistoryDatabase db;
            QVERIFY2(db.open(path), qPrintable(db.errorString()));
            QCOMPARE(db.schemaVersion(), HistoryDatabase::currentVersion);
            QCOMPARE(db.conversations().size(), 2);
            QVERIFY(db.comparison(QStringLiteral("cmp")).has_value());
            // Every row is kept, each following the one before it, all active.
            const QList<ChatMessage> rust = db.messages(QStringLiteral("c-rust"));
            QCOMPARE(rust.size(), 4);
            QCOMPARE(rust.at(0).parentId, QString());
            QCOMPARE(rust.at(1).parentId, QStringLiteral("r0"));
            QCOMPARE(rust.at(2).parentId, QStringLiteral("r1"));
            QCOMPARE(rust.at(3).parentId, QStringLiteral("r2"));
            for (const ChatMessage &m : rust)
                QVERIFY(m.active);
            QCOMPARE(rust.at(0).role, Message::Role::User);
            QCOMPARE(rust.at(0).attachments, QStringList{QStringLiteral("4f2a.png")});
            QCOMPARE(rust.at(1).attempts.size(), 1);
            QCOMPARE(rust.at(3).text, QStringLiteral("Lifetimes name how long a reference is valid."));
            const QList<ChatMessage> weather = db.messages(QStringLiteral("c-weather"));
            QCOMPARE(weather.size(), 4);
            QCOMPARE(weather.at(1).toolCalls.size(), 1);
            QCOMPARE(weather.at(2).role, Message::Role::Tool);
            QCOMPARE(weather.at(2).tool.value(QLatin1String("server")).toString(), QStringLiteral("meteo"));
            QCOMPARE(weather.at(3).parentId, QStringLiteral("w2"));
        }

        // Opened as the workbench does, the migrated conversation branches like a new one.
        HistoryStore history(path);
        QVERIFY(history.errorString().isEmpty());
        ConversationThread thread(env->client.get(), env->settings.get());
        thread.setHistory(&history);
        QAbstractItemModelTester tester(thread.messages(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        bool loaded = false;
        history.messages(QStringLiteral("c-rust"), [&](const QList<ChatMessage> &stored) {
            thread.load(QStringLiteral("c-rust"), stored);
            loaded = true;
        });
        QTRY_VERIFY(loaded);
        QCOMPARE(thread.messages()->rowCount(), 4);
        QCOMPARE(thread.messages()->message(2).text, QStringLiteral("And lifetimes?"));
        thread.branchAt(2);
        thread.appendUser(QStringLiteral("And traits?"), {});
        QCOMPARE(thread.messages()->rowCount(), 3);
        QCOMPARE(thread.messages()->siblingCount(2), 2);
        QVERIFY(thread.switchBranch(2, -1));
        QCOMPARE(thread.messages()->rowCount(), 4);
        QCOMPARE(thread.messages()->message(3).id, QStringLiteral("r3"));
        history.sync();
        HistoryDatabase db;
        QVERIFY(db.open(path));
        QCOMPARE(db.messages(QStringLiteral("c-rust")).size(), 5);
    }
};

QTEST_MAIN(TestBranching)
#include "tst_branching.moc"
