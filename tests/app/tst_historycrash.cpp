#include "sse.h"

#include <chatmessage.h>
#include <fakehttpserver.h>
#include <fixtures.h>
#include <historydatabase.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

// Kills a workbench with SIGKILL while an answer streams: every finished
// message must be intact afterwards, and the cut answer may lack at most
// what arrived in its last second or so.
class TestHistoryCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedWhileStreaming()
    {
        FakeHttpServer server;
        server.script("POST", "/v1/chat/completions",
                      {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-markdown.sse")))),
                       ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-long.sse"))), 100)});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));

        QProcess helper;
        helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        helper.setProcessEnvironment(env);
        helper.start(QStringLiteral(MUXI_CRASH_HELPER), {path, server.url(QStringLiteral("/v1")).toString()});
        QVERIFY(helper.waitForStarted());

        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT((output += helper.readAllStandardOutput()).contains("streaming "), 20'000);
        helper.kill();
        QVERIFY(helper.waitForFinished());
        QCOMPARE(helper.exitStatus(), QProcess::CrashExit);

        const QList<QByteArray> fields = output.mid(output.indexOf("streaming ")).trimmed().split(' ');
        QCOMPARE(fields.size(), 3);
        const qsizetype receivedAgo = fields.at(2).toLongLong();
        QVERIFY(receivedAgo > 0);

        HistoryDatabase db;
        QVERIFY2(db.open(path), qPrintable(db.errorString()));
        const QList<ConversationInfo> conversations = db.conversations();
        QCOMPARE(conversations.size(), 1);
        const QList<ChatMessage> messages = db.messages(conversations.first().id);
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages.at(0).text, QStringLiteral("Compare providers"));
        QCOMPARE(messages.at(1).status, ChatMessage::Status::Done);
        QCOMPARE(messages.at(1).text, QString::fromUtf8(fixture(QStringLiteral("workbench/answer-markdown.md"))));
        QCOMPARE(messages.at(1).completionTokens, 58);
        QCOMPARE(messages.at(2).text, QStringLiteral("Count slowly"));
        // The cut answer: saved while it streamed, never marked finished.
        const ChatMessage cut = messages.at(3);
        QCOMPARE(cut.status, ChatMessage::Status::Streaming);
        QVERIFY(cut.text.startsWith(QLatin1String("word0 word1 ")));
        QVERIFY2(cut.text.size() >= receivedAgo,
                 qPrintable(QStringLiteral("saved %1 chars, had %2 a second and a half before the kill").arg(cut.text.size()).arg(receivedAgo)));
    }
};

QTEST_MAIN(TestHistoryCrash)
#include "tst_historycrash.moc"
