#include "apptestenvironment.h"
#include "sse.h"

#include <appsettings.h>
#include <attachmentstore.h>
#include <chatcontroller.h>
#include <conversationarchive.h>
#include <conversationlistmodel.h>
#include <conversationthread.h>
#include <fixtures.h>
#include <historydatabase.h>
#include <historystore.h>
#include <messagemodel.h>

#include <muxi/client.h>

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

// The conversation engine the chat and each comparison column share, against
// the real OpenAI adapter on a loopback server and a real SQLite history: an
// answer streams into its own row and names only the roles it changed, stops
// keeping what arrived, is recovered after a crash; edits keep attachments;
// conversations go out as Markdown and JSON and come back from the JSON.
class TestConversationThread : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AppTestEnvironment> env;
    std::unique_ptr<ConversationThread> thread;
    std::unique_ptr<QAbstractItemModelTester> tester;

    MessageModel *rows() { return thread->messages(); }

    void saveConversation(const QString &id)
    {
        ConversationInfo info;
        info.id = id;
        info.title = QStringLiteral("Thread test");
        info.created = info.updated = QDateTime::currentDateTime();
        env->history->saveConversation(info);
    }

    QList<ChatMessage> stored(const QString &id)
    {
        env->history->sync();
        HistoryDatabase db;
        if (!db.open(env->historyPath()))
            return {};
        return db.messages(id);
    }

    // A tiny PNG: real image bytes for the attachment store.
    static QByteArray png()
    {
        return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("^history:")));
        env = std::make_unique<AppTestEnvironment>();
        thread = std::make_unique<ConversationThread>(env->client.get(), env->settings.get());
        thread->setHistory(env->history.get());
        tester = std::make_unique<QAbstractItemModelTester>(rows(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        tester.reset();
        thread.reset();
        env.reset();
    }

    void streamingNamesOnlyItsRowAndTheChangedRoles()
    {
        env->server.script("POST", "/v1/chat/completions",
                           {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-markdown.sse"))), 15)});
        saveConversation(QStringLiteral("c1"));
        thread->reset(QStringLiteral("c1"));
        thread->appendUser(QStringLiteral("Compare providers"), {});
        QSignalSpy changes(rows(), &QAbstractItemModel::dataChanged);
        QSignalSpy resets(rows(), &QAbstractItemModel::modelReset);
        QSignalSpy finished(thread.get(), &ConversationThread::answerFinished);
        thread->startAnswer(QStringLiteral("openai/gpt-4o-mini"));
        QVERIFY(thread->isStreaming());
        QVERIFY(finished.wait(10'000));
        QVERIFY(!thread->isStreaming());
        QCOMPARE(resets.count(), 0);

        // Fields that never change while an answer streams are never named.
        const QList<int> fixed{MessageModel::IdRole, MessageModel::RoleRole, MessageModel::AttachmentsRole, MessageModel::CreatedRole,
                               MessageModel::ToolRole, MessageModel::ToolCallsRole, MessageModel::SiblingIndexRole, MessageModel::SiblingCountRole};
        QSet<int> named;
        for (const QList<QVariant> &change : std::as_const(changes)) {
            QCOMPARE(change.at(0).value<QModelIndex>().row(), 1);
            QCOMPARE(change.at(1).value<QModelIndex>().row(), 1);
            const QList<int> roles = change.at(2).value<QList<int>>();
            QVERIFY(!roles.isEmpty());
            for (int role : roles) {
                QVERIFY2(!fixed.contains(role), qPrintable(QString::number(role)));
                named.insert(role);
            }
            // A status change is a signal of its own, not folded into the text's.
            if (roles.contains(MessageModel::TextRole))
                QVERIFY(!roles.contains(MessageModel::StatusRole));
            if (roles.contains(MessageModel::StatusRole))
                QVERIFY(roles.size() <= 2);
        }
        for (int role : {int(MessageModel::TextRole), int(MessageModel::StatusRole), int(MessageModel::FirstTokenMsRole),
                         int(MessageModel::DurationMsRole), int(MessageModel::CompletionTokensRole)})
            QVERIFY2(named.contains(role), qPrintable(QString::number(role)));
        // The answer's model did not change (asked and answered by the same), so it was not named.
        QVERIFY(!named.contains(MessageModel::ModelRole));

        const ChatMessage answer = rows()->message(1);
        QCOMPARE(answer.status, ChatMessage::Status::Done);
        QCOMPARE(answer.text, QString::fromUtf8(fixture(QStringLiteral("workbench/answer-markdown.md"))));
        QCOMPARE(answer.parentId, rows()->message(0).id);
        const QList<ChatMessage> saved = stored(QStringLiteral("c1"));
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).text, answer.text);
        QCOMPARE(saved.at(1).status, ChatMessage::Status::Done);
        QCOMPARE(saved.at(1).completionTokens, 58);
    }

    void stopKeepsWhatArrived()
    {
        env->server.script("POST", "/v1/chat/completions",
                           {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-long.sse"))), 40)});
        saveConversation(QStringLiteral("c2"));
        thread->reset(QStringLiteral("c2"));
        thread->appendUser(QStringLiteral("Count"), {});
        QSignalSpy finished(thread.get(), &ConversationThread::answerFinished);
        thread->startAnswer(QStringLiteral("openai/gpt-4o-mini"));
        QTRY_VERIFY_WITH_TIMEOUT(rows()->message(1).text.contains(QLatin1String("word2 ")), 10'000);
        thread->stop();
        QCOMPARE(finished.count(), 1);
        QVERIFY(!thread->isStreaming());
        const QString atStop = rows()->message(1).text;
        QCOMPARE(rows()->message(1).status, ChatMessage::Status::Stopped);
        QVERIFY(!atStop.contains(QLatin1String("word59")));
        QTest::qWait(200);
        QCOMPARE(rows()->message(1).text, atStop);
        const QList<ChatMessage> saved = stored(QStringLiteral("c2"));
        QCOMPARE(saved.at(1).status, ChatMessage::Status::Stopped);
        QCOMPARE(saved.at(1).text, atStop);
    }

    void recoversAnAnswerACrashCut()
    {
        // As a killed process leaves them: an answer mid-stream, a tool call mid-run.
        saveConversation(QStringLiteral("c3"));
        ChatMessage user;
        user.id = QStringLiteral("u");
        user.conversationId = QStringLiteral("c3");
        user.text = QStringLiteral("Weather?");
        user.created = QDateTime::currentDateTime();
        ChatMessage answer;
        answer.id = QStringLiteral("a");
        answer.conversationId = QStringLiteral("c3");
        answer.role = Message::Role::Assistant;
        answer.parentId = QStringLiteral("u");
        answer.position = 1;
        answer.text = QStringLiteral("Let me che");
        answer.status = ChatMessage::Status::Streaming;
        answer.created = user.created;
        ChatMessage tool;
        tool.id = QStringLiteral("t");
        tool.conversationId = QStringLiteral("c3");
        tool.role = Message::Role::Tool;
        tool.parentId = QStringLiteral("a");
        tool.position = 2;
        tool.tool = {{QStringLiteral("callId"), QStringLiteral("call_1")}, {QStringLiteral("state"), QStringLiteral("running")}};
        tool.created = user.created;
        for (const ChatMessage &m : {user, answer, tool})
            env->history->saveMessage(m);
        env->history->sync();

        bool loaded = false;
        env->history->messages(QStringLiteral("c3"), [&](const QList<ChatMessage> &messages) {
            thread->load(QStringLiteral("c3"), messages);
            loaded = true;
        });
        QTRY_VERIFY(loaded);
        QCOMPARE(rows()->rowCount(), 3);
        QCOMPARE(rows()->message(1).status, ChatMessage::Status::Stopped);
        QCOMPARE(rows()->message(1).text, QStringLiteral("Let me che"));
        QCOMPARE(rows()->index(1).data(MessageModel::StatusRole).toString(), QStringLiteral("stopped"));
        QCOMPARE(rows()->message(2).tool.value(QLatin1String("state")).toString(), QStringLiteral("stopped"));
        QVERIFY(!rows()->message(2).text.isEmpty());
        QVERIFY(!thread->isStreaming());
    }

    void comparisonThreadsWithoutParentsLoadInOrder()
    {
        // A comparison column saved before branches: JSON without parent ids.
        QList<ChatMessage> saved;
        for (int i = 0; i < 4; ++i) {
            ChatMessage m;
            m.id = QStringLiteral("m%1").arg(i);
            m.role = i % 2 ? Message::Role::Assistant : Message::Role::User;
            m.text = QStringLiteral("turn %1").arg(i);
            m.position = i;
            m.status = i == 3 ? ChatMessage::Status::Pending : ChatMessage::Status::Done;
            saved.append(ChatMessage::fromJson(m.toJson()));
            saved.last().parentId.clear();
        }
        thread->load({}, saved);
        QCOMPARE(rows()->rowCount(), 4);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(rows()->message(i).text, QStringLiteral("turn %1").arg(i));
        QCOMPARE(rows()->message(3).status, ChatMessage::Status::Stopped);
    }

    void editAndResendKeepsTheAttachments()
    {
        QTemporaryDir dir;
        AttachmentStore store(dir.path());
        const Expected<QString> reference = store.addBytes(png(), QStringLiteral("png"));
        QVERIFY(reference);
        env->chat->setAttachmentStore(&store);
        env->server.script("POST", "/v1/chat/completions",
                           {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-short.sse"))))});
        QVERIFY(env->chat->send(QStringLiteral("Whta is this?"), {*reference}));
        QSignalSpy finished(env->chat.get(), &ChatController::answerFinished);
        QVERIFY(finished.wait(10'000));
        env->chat->editAndResend(0, QStringLiteral("What is this?"));
        QVERIFY(finished.wait(10'000));

        MessageModel *messages = env->chat->messages();
        QCOMPARE(messages->message(0).text, QStringLiteral("What is this?"));
        QCOMPARE(messages->message(0).attachments, QStringList{*reference});
        QCOMPARE(messages->index(0).data(MessageModel::AttachmentsRole).toStringList(), QStringList{*reference});
        // The resent question carried the image again.
        const QJsonArray turns = env->server.requests().at(1).json().value(QLatin1String("messages")).toArray();
        QCOMPARE(turns.size(), 1);
        const QJsonArray parts = turns.at(0).toObject().value(QLatin1String("content")).toArray();
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts.at(0).toObject().value(QLatin1String("text")).toString(), QStringLiteral("What is this?"));
        QCOMPARE(parts.at(1).toObject().value(QLatin1String("type")).toString(), QStringLiteral("image_url"));
        // And so does its saved row.
        const QList<ChatMessage> saved = stored(env->chat->conversationId());
        for (const ChatMessage &m : saved) {
            if (m.role == Message::Role::User)
                QCOMPARE(m.attachments, QStringList{*reference});
        }
    }

    void exportAndImportRoundTrip()
    {
        QTemporaryDir dir;
        AttachmentStore store(dir.filePath(QStringLiteral("attachments")));
        const Expected<QString> reference = store.addBytes(png(), QStringLiteral("png"));
        QVERIFY(reference);
        env->chat->setAttachmentStore(&store);
        env->server.script("POST", "/v1/chat/completions",
                           {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-markdown.sse")))),
                            ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-short.sse"))))});
        QSignalSpy answered(env->chat.get(), &ChatController::answerFinished);
        QVERIFY(env->chat->send(QStringLiteral("Compare providers"), {*reference}));
        QVERIFY(answered.wait(10'000));
        env->chat->regenerate(1, QStringLiteral("openai/gpt-4o"));
        QVERIFY(answered.wait(10'000));
        env->chat->switchBranch(1, -1);
        const QString id = env->chat->conversationId();
        const QList<ChatMessage> original = stored(id);
        QCOMPARE(original.size(), 3);

        ConversationArchive archive(env->history.get(), &store, env->conversations.get());
        QSignalSpy done(&archive, &ConversationArchive::finished);
        QSignalSpy failed(&archive, &ConversationArchive::failed);
        QSignalSpy listed(env->conversations.get(), &ConversationListModel::loaded);
        env->conversations->reload();
        QVERIFY(listed.wait(5000));

        // Markdown: the shown branch, readable.
        const QString markdownPath = dir.filePath(QStringLiteral("out.md"));
        archive.exportConversations(id, QUrl::fromLocalFile(markdownPath), QStringLiteral("markdown"));
        QTRY_COMPARE(done.count() + failed.count(), 1);
        QCOMPARE(failed.count(), 0);
        QFile markdownFile(markdownPath);
        QVERIFY(markdownFile.open(QIODevice::ReadOnly));
        const QString markdown = QString::fromUtf8(markdownFile.readAll());
        QVERIFY(markdown.startsWith(QLatin1String("# Compare providers\n")));
        QVERIFY(markdown.contains(QLatin1String("## You\n\nCompare providers\n")));
        QVERIFY(markdown.contains(QLatin1String("`") + *reference + QLatin1String("`")));
        QVERIFY(markdown.contains(QLatin1String("## openai/gpt-4o-mini\n")));
        QVERIFY(markdown.contains(QString::fromUtf8(fixture(QStringLiteral("workbench/answer-markdown.md")))));
        // The other branch is not in the reading copy.
        QVERIFY(!markdown.contains(QLatin1String("Second answer.")));

        // JSON: everything, the attachment's bytes included.
        const QString jsonPath = dir.filePath(QStringLiteral("all.json"));
        archive.exportConversations({}, QUrl::fromLocalFile(jsonPath), QStringLiteral("json"));
        QTRY_COMPARE(done.count() + failed.count(), 2);
        QCOMPARE(failed.count(), 0);
        QFile jsonFile(jsonPath);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject exported = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(exported.value(QLatin1String("format")).toString(), QStringLiteral("muxi-conversations"));
        QCOMPARE(exported.value(QLatin1String("conversations")).toArray().size(), 1);
        const QJsonObject file = exported.value(QLatin1String("attachments")).toObject().value(*reference).toObject();
        QCOMPARE(file.value(QLatin1String("mime_type")).toString(), QStringLiteral("image/png"));
        QCOMPARE(QByteArray::fromBase64(file.value(QLatin1String("data")).toString().toLatin1()), png());

        // Imported into another data directory: a new conversation equal to the original but for its ids.
        QVERIFY(QFile::remove(store.path(*reference)));
        archive.importFile(QUrl::fromLocalFile(jsonPath));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(done.count(), 3);
        QVERIFY(listed.wait(5000));
        QCOMPARE(env->conversations->rowCount(), 2);
        QVERIFY(QFile::exists(store.path(*reference)));
        QString importedId;
        for (int row = 0; row < env->conversations->rowCount(); ++row) {
            if (env->conversations->idAt(row) != id)
                importedId = env->conversations->idAt(row);
        }
        QVERIFY(!importedId.isEmpty());
        const QList<ChatMessage> imported = stored(importedId);
        QCOMPARE(imported.size(), original.size());
        // The original is untouched.
        QCOMPARE(stored(id), original);
        QHash<QString, QString> newIdOf;
        for (int i = 0; i < original.size(); ++i)
            newIdOf.insert(original.at(i).id, imported.at(i).id);
        for (int i = 0; i < original.size(); ++i) {
            ChatMessage expected = original.at(i);
            QVERIFY(!newIdOf.values().contains(expected.id));
            expected.id = newIdOf.value(expected.id);
            expected.parentId = newIdOf.value(expected.parentId);
            expected.conversationId = importedId;
            QCOMPARE(imported.at(i), expected);
        }

        // Shown as it was: the first answer active, the regenerated one a branch.
        ChatController *chat = env->chat.get();
        chat->openConversation(importedId);
        QTRY_VERIFY(!chat->isLoading());
        QCOMPARE(chat->messages()->rowCount(), 2);
        QCOMPARE(chat->messages()->siblingCount(1), 2);
        QCOMPARE(chat->messages()->message(1).model, QStringLiteral("openai/gpt-4o-mini"));

        // A file that is not an export is refused with the reason.
        const QString bogus = dir.filePath(QStringLiteral("bogus.json"));
        QFile out(bogus);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("{\"conversations\": []}");
        out.close();
        archive.importFile(QUrl::fromLocalFile(bogus));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QLatin1String("not a Muxi conversation export")));
    }
};

QTEST_MAIN(TestConversationThread)
#include "tst_conversationthread.moc"
