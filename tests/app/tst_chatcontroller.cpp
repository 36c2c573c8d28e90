#include "apptestenvironment.h"
#include "sse.h"

#include <appsettings.h>
#include <chatcontroller.h>
#include <conversationlistmodel.h>
#include <fixtures.h>
#include <historydatabase.h>
#include <historystore.h>
#include <messagemodel.h>

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

// The chat controller through the real Client -> OpenAI adapter -> HTTP path,
// against a loopback server sending OpenAI's stream bytes.
class TestChatController : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AppTestEnvironment> env;
    std::unique_ptr<QAbstractItemModelTester> messageTester;
    std::unique_ptr<QAbstractItemModelTester> conversationTester;

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

    static QJsonArray sentMessages(const RecordedRequest &request)
    {
        return request.json().value(QLatin1String("messages")).toArray();
    }

private Q_SLOTS:
    void init()
    {
        // A history write that fails is a test failure, not a log line.
        QTest::failOnWarning(QRegularExpression(QStringLiteral("^history:")));
        env = std::make_unique<AppTestEnvironment>();
        messageTester = std::make_unique<QAbstractItemModelTester>(messages(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        conversationTester = std::make_unique<QAbstractItemModelTester>(env->conversations.get(),
                                                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        messageTester.reset();
        conversationTester.reset();
        env.reset();
    }

    void sendStreamsIntoItsOwnRow()
    {
        env->server.script("POST", "/v1/chat/completions",
                           {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-markdown.sse"))), 15)});
        QSignalSpy resets(messages(), &QAbstractItemModel::modelReset);
        QSignalSpy changes(messages(), &QAbstractItemModel::dataChanged);
        QSignalSpy streaming(env->chat.get(), &ChatController::streamingChanged);

        QVERIFY(env->chat->send(QStringLiteral("Compare providers")));
        QVERIFY(env->chat->isStreaming());
        QCOMPARE(messages()->rowCount(), 2);
        // The user message is in the database before any answer arrives.
        const QList<ChatMessage> early = stored();
        QVERIFY(!early.isEmpty());
        QCOMPARE(early.first().text, QStringLiteral("Compare providers"));
        QCOMPARE(early.first().role, Message::Role::User);

        waitForAnswer();
        QVERIFY(!env->chat->isStreaming());
        QCOMPARE(streaming.count(), 2);
        QCOMPARE(resets.count(), 0);

        // Every change touched row 1 only, and text changes named only the text roles.
        int textChanges = 0;
        for (const QList<QVariant> &change : std::as_const(changes)) {
            const QModelIndex from = change.at(0).value<QModelIndex>();
            const QModelIndex to = change.at(1).value<QModelIndex>();
            QCOMPARE(from.row(), 1);
            QCOMPARE(to.row(), 1);
            const QList<int> roles = change.at(2).value<QList<int>>();
            QVERIFY(!roles.isEmpty());
            if (roles.contains(MessageModel::TextRole)) {
                ++textChanges;
                QVERIFY(!roles.contains(MessageModel::RoleRole));
                QVERIFY(!roles.contains(MessageModel::StatusRole));
            }
        }
        QVERIFY(textChanges >= 1);

        const QString expected = QString::fromUtf8(fixture(QStringLiteral("workbench/answer-markdown.md")));
        const QModelIndex answer = messages()->index(1);
        QCOMPARE(answer.data(MessageModel::TextRole).toString(), expected);
        QCOMPARE(answer.data(MessageModel::StatusRole).toString(), QStringLiteral("done"));
        QCOMPARE(answer.data(MessageModel::ModelRole).toString(), QStringLiteral("openai/gpt-4o-mini"));
        QCOMPARE(answer.data(MessageModel::CompletionTokensRole).toInt(), 58);
        QCOMPARE(answer.data(MessageModel::PromptTokensRole).toInt(), 12);
        QVERIFY(answer.data(MessageModel::FirstTokenMsRole).toLongLong() >= 0);
        QVERIFY(answer.data(MessageModel::DurationMsRole).toLongLong() >= answer.data(MessageModel::FirstTokenMsRole).toLongLong());
        const QString html = answer.data(MessageModel::HtmlRole).toString();
        QVERIFY(html.contains(QLatin1String("<table class=\"md\"")));
        QVERIFY(html.contains(QLatin1String("<span class=\"hl-keyword\">return</span>")));
        QVERIFY(html.contains(QLatin1String("href=\"copy:0\"")));
        QCOMPARE(answer.data(MessageModel::CodeBlocksRole).toStringList().size(), 1);

        // What the provider received.
        QCOMPARE(env->server.count("/v1/chat/completions"), 1);
        const RecordedRequest sent = env->server.requests().first();
        QCOMPARE(sent.header("authorization"), "Bearer " + AppTestEnvironment::canaryKey.toUtf8());
        QCOMPARE(sent.json().value(QLatin1String("model")).toString(), QStringLiteral("gpt-4o-mini"));
        QCOMPARE(sent.json().value(QLatin1String("stream")).toBool(), true);
        const QJsonArray sentTurns = sentMessages(sent);
        QCOMPARE(sentTurns.size(), 1);
        QCOMPARE(sentTurns.at(0).toObject().value(QLatin1String("content")).toString(), QStringLiteral("Compare providers"));

        // And the finished answer is committed.
        const QList<ChatMessage> saved = stored();
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).text, expected);
        QCOMPARE(saved.at(1).status, ChatMessage::Status::Done);
        QCOMPARE(env->conversations->rowCount(), 1);
        QCOMPARE(env->conversations->index(0).data(ConversationListModel::TitleRole).toString(), QStringLiteral("Compare providers"));
    }

    void systemPromptAndDefaultsAreSent()
    {
        env->settings->setSystemPrompt(QStringLiteral("Answer in French."));
        env->settings->setTemperature(0.3);
        env->settings->setMaxTokens(256);
        env->server.script("POST", "/v1/chat/completions", {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-short.sse"))))});
        QVERIFY(env->chat->send(QStringLiteral("Hi")));
        waitForAnswer();
        const QJsonObject body = env->server.requests().first().json();
        QCOMPARE(sentMessages(env->server.requests().first()).at(0).toObject().value(QLatin1String("role")).toString(), QStringLiteral("system"));
        QCOMPARE(body.value(QLatin1String("temperature")).toDouble(), 0.3);
        QCOMPARE(body.value(QLatin1String("max_tokens")).toInt(), 256);
    }

    void stopMidStream()
    {
        env->server.script("POST", "/v1/chat/completions",
                           {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-long.sse"))), 40)});
        QVERIFY(env->chat->send(QStringLiteral("Count")));
        QTRY_VERIFY_WITH_TIMEOUT(messages()->message(1).text.contains(QLatin1String("word2 ")), 10'000);
        env->chat->stop();
        QVERIFY(!env->chat->isStreaming());
        const ChatMessage answer = messages()->message(1);
        QCOMPARE(answer.status, ChatMessage::Status::Stopped);
        QVERIFY(answer.text.startsWith(QLatin1String("word0 word1 word2 ")));
        QVERIFY(!answer.text.contains(QLatin1String("word59")));
        QVERIFY(answer.error.isEmpty());
        // Nothing more arrives after the stop.
        const QString atStop = answer.text;
        QTest::qWait(200);
        QCOMPARE(messages()->message(1).text, atStop);
        const QList<ChatMessage> saved = stored();
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).status, ChatMessage::Status::Stopped);
        QCOMPARE(saved.at(1).text, atStop);
    }

    void regenerateReplacesTheAnswer()
    {
        env->server.script("POST", "/v1/chat/completions",
                           {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-markdown.sse")))),
                            ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-short.sse"))))});
        QVERIFY(env->chat->send(QStringLiteral("Compare providers")));
        waitForAnswer();
        const QString firstId = messages()->message(1).id;
        env->chat->regenerate(1);
        QVERIFY(env->chat->isStreaming());
        waitForAnswer();
        QCOMPARE(messages()->rowCount(), 2);
        QVERIFY(messages()->message(1).id != firstId);
        QCOMPARE(messages()->message(1).text, QStringLiteral("Second answer."));
        // The second request carried the same single user turn, not the replaced answer.
        QCOMPARE(env->server.requests().size(), 2);
        const QJsonArray turns = sentMessages(env->server.requests().at(1));
        QCOMPARE(turns.size(), 1);
        QCOMPARE(turns.at(0).toObject().value(QLatin1String("content")).toString(), QStringLiteral("Compare providers"));
        // The replaced answer is kept as a branch beside the new one (tst_branching).
        const QList<ChatMessage> saved = stored();
        QCOMPARE(saved.size(), 3);
        const auto shown = std::find_if(saved.begin(), saved.end(), [](const ChatMessage &m) {
            return m.role == Message::Role::Assistant && m.active;
        });
        QVERIFY(shown != saved.end());
        QCOMPARE(shown->text, QStringLiteral("Second answer."));
        QCOMPARE(shown->id, messages()->message(1).id);
    }

    void followUpCarriesHistory()
    {
        env->server.script("POST", "/v1/chat/completions",
                           {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-short.sse"))))});
        QVERIFY(env->chat->send(QStringLiteral("One")));
        waitForAnswer();
        QVERIFY(env->chat->send(QStringLiteral("Two")));
        waitForAnswer();
        const QJsonArray turns = sentMessages(env->server.requests().at(1));
        QCOMPARE(turns.size(), 3);
        QCOMPARE(turns.at(1).toObject().value(QLatin1String("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(turns.at(1).toObject().value(QLatin1String("content")).toString(), QStringLiteral("Second answer."));
        QCOMPARE(messages()->rowCount(), 4);
    }

    void editAndResend()
    {
        env->server.script("POST", "/v1/chat/completions",
                           {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-short.sse"))))});
        QVERIFY(env->chat->send(QStringLiteral("Frist question")));
        waitForAnswer();
        env->chat->editAndResend(0, QStringLiteral("First question"));
        waitForAnswer();
        QCOMPARE(messages()->rowCount(), 2);
        QCOMPARE(messages()->message(0).text, QStringLiteral("First question"));
        const QJsonArray turns = sentMessages(env->server.requests().at(1));
        QCOMPARE(turns.size(), 1);
        QCOMPARE(turns.at(0).toObject().value(QLatin1String("content")).toString(), QStringLiteral("First question"));
        // Both questions are kept, the edited one shown (tst_branching).
        const QList<ChatMessage> saved = stored();
        QCOMPARE(saved.size(), 4);
        const auto shown = std::find_if(saved.begin(), saved.end(), [](const ChatMessage &m) {
            return m.role == Message::Role::User && m.active;
        });
        QVERIFY(shown != saved.end());
        QCOMPARE(shown->text, QStringLiteral("First question"));
    }

    void errorThenRetry()
    {
        env->server.script("POST", "/v1/chat/completions",
                           {ScriptedResponse::json(500, fixture(QStringLiteral("openai/error-500.json"))),
                            ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-short.sse"))))});
        QVERIFY(env->chat->send(QStringLiteral("Hello")));
        waitForAnswer();
        ChatMessage failed = messages()->message(1);
        QCOMPARE(failed.status, ChatMessage::Status::Failed);
        QVERIFY2(failed.error.contains(QLatin1String("500")), qPrintable(failed.error));
        QVERIFY2(failed.error.contains(QLatin1String("The server had an error")), qPrintable(failed.error));
        QVERIFY(!failed.error.contains(AppTestEnvironment::canaryKey));
        QCOMPARE(messages()->index(1).data(MessageModel::StatusRole).toString(), QStringLiteral("failed"));
        QCOMPARE(stored().at(1).status, ChatMessage::Status::Failed);

        env->chat->retry(1);
        waitForAnswer();
        QCOMPARE(messages()->rowCount(), 2);
        QCOMPARE(messages()->message(1).status, ChatMessage::Status::Done);
        QCOMPARE(messages()->message(1).text, QStringLiteral("Second answer."));
        QVERIFY(messages()->message(1).error.isEmpty());
        // The failed turn is not sent back to the model.
        QCOMPARE(sentMessages(env->server.requests().at(1)).size(), 1);
    }

    void copyPutsTextOnTheClipboard()
    {
        env->server.script("POST", "/v1/chat/completions",
                           {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-markdown.sse"))))});
        QVERIFY(env->chat->send(QStringLiteral("Compare providers")));
        waitForAnswer();
        env->chat->copy(0);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("Compare providers"));
        env->chat->copyCode(1, 0);
        QVERIFY(QGuiApplication::clipboard()->text().startsWith(QLatin1String("#include <iostream>\n")));
        QVERIFY(QGuiApplication::clipboard()->text().endsWith(QLatin1String("return 0;\n}")));
    }

    void reopenShowsTheSameConversation()
    {
        env->server.script("POST", "/v1/chat/completions",
                           {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-markdown.sse"))))});
        QVERIFY(env->chat->send(QStringLiteral("Compare providers")));
        waitForAnswer();
        const QString id = env->chat->conversationId();
        const QList<ChatMessage> before = messages()->messages();

        messageTester.reset();
        conversationTester.reset();
        env->recreate();
        messageTester = std::make_unique<QAbstractItemModelTester>(messages(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(env->conversations.get(), &ConversationListModel::loaded);
        env->conversations->reload();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(env->conversations->rowCount(), 1);
        QCOMPARE(env->conversations->idAt(0), id);
        env->chat->openConversation(id);
        QTRY_VERIFY(!env->chat->isLoading());
        QCOMPARE(messages()->messages(), before);
    }
};

QTEST_MAIN(TestChatController)
#include "tst_chatcontroller.moc"
