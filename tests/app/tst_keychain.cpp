#include "sse.h"
#include "workbenchwindow.h"

#include <appsettings.h>
#include <chatcontroller.h>
#include <muxi/client.h>
#include <fixtures.h>
#include <historystore.h>
#include <keystore.h>
#include <providerlistmodel.h>
#include <workbench.h>

#include <QDirIterator>
#include <QMutex>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace muxi;
using namespace muxi::test;

namespace {

// Every message any part of the process logged while the test ran.
QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLog.append(message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

// API keys through the real secret service (run under dbus-run-session with
// an unlocked gnome-keyring, as scripts/test.sh does).
class TestKeychain : public QObject
{
    Q_OBJECT

private:
    const QString service = QStringLiteral("muxi-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString canary = QStringLiteral("canary-openai-123456");

private Q_SLOTS:
    void initTestCase()
    {
        previousHandler = qInstallMessageHandler(captureMessage);
    }

    void roundTrip()
    {
        KeyStore keys(service);
        bool written = false;
        QString message;
        keys.write(QStringLiteral("openai"), canary, [&](bool ok, const QString &m) {
            written = ok;
            message = m;
        });
        QTRY_VERIFY2_WITH_TIMEOUT(written, qPrintable(message), 10'000);
        QCOMPARE(keys.state(), KeyStore::State::Available);

        KeyStore again(service);
        std::optional<QString> read;
        again.read(QStringLiteral("openai"), [&](bool ok, const QString &key) {
            QVERIFY(ok);
            read = key;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 10'000);
        QCOMPARE(*read, canary);

        bool removed = false;
        again.remove(QStringLiteral("openai"), [&](bool ok, const QString &) {
            removed = ok;
        });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 10'000);
        read.reset();
        again.read(QStringLiteral("openai"), [&](bool ok, const QString &key) {
            QVERIFY(ok);
            read = key;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 10'000);
        QVERIFY(read->isEmpty());
    }

    void canaryKeyFromTheSettingsPageIsUsedAndStoredNowhereElse()
    {
        // No key in the environment: only the one typed into the settings page can reach the server.
        WorkbenchWindow app{QProcessEnvironment(), service};
        app.server().script("POST", "/v1/chat/completions",
                            {ScriptedResponse::sse(sseEvents(fixture(QStringLiteral("workbench/answer-short.sse"))))});
        QVERIFY(app.show());
        Workbench *workbench = app.workbench();
        QVERIFY(!workbench->providers()->isUsable(QStringLiteral("openai")));

        app.window()->setProperty("page", QStringLiteral("settings"));
        app.window()->setProperty("settingsTab", 0);
        QQuickItem *card = nullptr;
        QTRY_VERIFY((card = app.item(QStringLiteral("provider-openai"))));
        QQuickItem *keyField = app.item(QStringLiteral("apiKeyField"), card);
        QVERIFY(keyField);
        QCOMPARE(keyField->property("echoMode").toInt(), 2); // TextInput.Password
        QVERIFY(app.click(app.item(QStringLiteral("showKeyButton"), card)));
        QCOMPARE(keyField->property("echoMode").toInt(), 0); // shown on request
        QVERIFY(app.click(app.item(QStringLiteral("showKeyButton"), card)));
        QCOMPARE(keyField->property("echoMode").toInt(), 2);
        keyField->forceActiveFocus();
        for (const QChar c : canary)
            QTest::keyClick(app.window(), c.toLatin1());
        QCOMPARE(keyField->property("text").toString(), canary);

        QSignalSpy saved(workbench->providers(), &ProviderListModel::keySaved);
        QVERIFY(app.click(app.item(QStringLiteral("saveKeyButton"), card)));
        QVERIFY(saved.wait(10'000));
        QVERIFY2(saved.first().at(1).toBool(), qPrintable(saved.first().at(2).toString()));
        QVERIFY(keyField->property("text").toString().isEmpty());
        QVERIFY(workbench->providers()->isUsable(QStringLiteral("openai")));

        // The core uses it.
        workbench->settings()->setDefaultModel(QStringLiteral("openai/gpt-4o-mini"));
        workbench->chat()->setModel(QStringLiteral("openai/gpt-4o-mini"));
        QSignalSpy finished(workbench->chat(), &ChatController::answerFinished);
        QVERIFY(workbench->chat()->send(QStringLiteral("Hello")));
        QVERIFY(finished.wait(10'000));
        QCOMPARE(app.server().requests().last().header("authorization"), "Bearer " + canary.toUtf8());

        // A later session finds it in the keychain and nowhere else.
        workbench->settings()->sync();
        workbench->history()->sync();
        app.close();
        QVERIFY(app.show());
        QTRY_VERIFY_WITH_TIMEOUT(app.workbench()->providers()->isUsable(QStringLiteral("openai")), 10'000);
        const QModelIndex row = app.workbench()->providers()->index(app.workbench()->providers()->rowOf(QStringLiteral("openai")));
        QCOMPARE(row.data(ProviderListModel::KeySourceRole).toString(), QStringLiteral("keychain"));
        app.close();

        const QByteArray needle = canary.toUtf8();
        const QByteArray needle16 = QByteArray(reinterpret_cast<const char *>(canary.utf16()), canary.size() * 2);
        int filesSearched = 0;
        for (const QString &root : {app.dataDir(), QFileInfo(app.settingsFile()).absolutePath()}) {
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray bytes = file.readAll();
                QVERIFY2(!bytes.contains(needle) && !bytes.contains(needle16), qPrintable(file.fileName()));
                ++filesSearched;
            }
        }
        // The settings file and the history database (with its WAL) were there to search.
        QVERIFY(QFile::exists(app.settingsFile()));
        QVERIFY(filesSearched >= 2);
        QMutexLocker lock(&logMutex);
        for (const QString &line : std::as_const(capturedLog))
            QVERIFY2(!line.contains(canary), "the key appeared in a log message");

        KeyStore cleanup(service);
        bool removed = false;
        cleanup.remove(QStringLiteral("openai"), [&](bool ok, const QString &) {
            removed = ok;
        });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 10'000);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(previousHandler);
    }
};

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
