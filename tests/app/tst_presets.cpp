#include "apptestenvironment.h"
#include "sse.h"

#include <appsettings.h>
#include <chatcontroller.h>
#include <historydatabase.h>
#include <historystore.h>
#include <presetstore.h>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

// Presets: kept in a JSON file, edited through the model the Settings page
// shows, and applied to a new chat all the way to the request on the wire.
class TestPresets : public QObject
{
    Q_OBJECT

private:
    static ConversationSettings reviewer()
    {
        ConversationSettings settings;
        settings.systemPrompt = QStringLiteral("You review code. Be terse.");
        settings.model = QStringLiteral("openai/gpt-4.1-mini");
        settings.temperature = 0.2;
        settings.topP = 0.9;
        settings.maxTokens = 512;
        return settings;
    }

private Q_SLOTS:
    void crudAndPersistence()
    {
        QTemporaryDir dir;
        const QString path = QDir(dir.path()).filePath(QStringLiteral("config/presets.json"));
        QString reviewerId;
        QString copyId;
        {
            PresetStore store(path);
            QAbstractItemModelTester tester(&store, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QCOMPARE(store.count(), 0);
            QVERIFY(!QFile::exists(path));
            QSignalSpy inserted(&store, &QAbstractItemModel::rowsInserted);
            reviewerId = store.add(QStringLiteral("Reviewer"), reviewer());
            QVERIFY(!reviewerId.isEmpty());
            QCOMPARE(inserted.count(), 1);
            QVERIFY(QFile::exists(path));
            QCOMPARE(store.preset(reviewerId)->settings, reviewer());

            // From QML: negative temperature and top-p and 0 tokens mean "unset"; out-of-range values are dropped.
            const QString jsonId = store.addPreset({{QStringLiteral("name"), QStringLiteral("JSON extractor")},
                                                    {QStringLiteral("systemPrompt"), QStringLiteral("Answer in JSON.")},
                                                    {QStringLiteral("temperature"), -1.0},
                                                    {QStringLiteral("topP"), 7.0},
                                                    {QStringLiteral("maxTokens"), 0},
                                                    {QStringLiteral("jsonMode"), true}});
            const ConversationSettings json = store.preset(jsonId)->settings;
            QVERIFY(!json.temperature && !json.topP && !json.maxTokens);
            QVERIFY(json.jsonMode);
            QCOMPARE(store.get(jsonId).value(QStringLiteral("temperature")).toDouble(), -1.0);
            QCOMPARE(store.get(jsonId).value(QStringLiteral("jsonMode")).toBool(), true);

            // Names stay distinct.
            const QString again = store.add(QStringLiteral("reviewer"), {});
            QCOMPARE(store.preset(again)->name, QStringLiteral("reviewer 2"));
            QVERIFY(store.remove(again));
            QVERIFY(!store.remove(again));

            // Duplicate: right after the original, same settings, its own id.
            copyId = store.duplicate(reviewerId);
            QCOMPARE(store.rowOf(copyId), store.rowOf(reviewerId) + 1);
            QCOMPARE(store.preset(copyId)->name, QStringLiteral("Reviewer (copy)"));
            QCOMPARE(store.preset(copyId)->settings, reviewer());

            // Edit: one row announced.
            QSignalSpy changed(&store, &QAbstractItemModel::dataChanged);
            QVariantMap edited = store.get(copyId);
            edited.insert(QStringLiteral("name"), QStringLiteral("Gentle reviewer"));
            edited.insert(QStringLiteral("temperature"), 0.7);
            QVERIFY(store.updatePreset(copyId, edited));
            QCOMPARE(changed.count(), 1);
            QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), store.rowOf(copyId));
            QCOMPARE(store.index(store.rowOf(copyId)).data(PresetStore::NameRole).toString(), QStringLiteral("Gentle reviewer"));
            QCOMPARE(store.preset(copyId)->settings.temperature, std::optional<double>(0.7));
            QCOMPARE(store.preset(copyId)->settings.systemPrompt, reviewer().systemPrompt);
            QCOMPARE(store.count(), 3);
        }
        // The file is plain JSON people can read, and reopens the same.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray saved = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("presets")).toArray();
        QCOMPARE(saved.size(), 3);
        QCOMPARE(saved.at(0).toObject().value(QLatin1String("system_prompt")).toString(), reviewer().systemPrompt);
        QCOMPARE(saved.at(0).toObject().value(QLatin1String("max_tokens")).toInt(), 512);
        PresetStore reopened(path);
        QAbstractItemModelTester tester(&reopened, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(reopened.count(), 3);
        QCOMPARE(reopened.preset(reviewerId)->settings, reviewer());
        QCOMPARE(reopened.preset(copyId)->name, QStringLiteral("Gentle reviewer"));
        QCOMPARE(reopened.rowOf(copyId), 1);
    }

    void brokenFileIsKeptAside()
    {
        QTemporaryDir dir;
        const QString path = QDir(dir.path()).filePath(QStringLiteral("presets.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"presets\": [");
        file.close();
        PresetStore store(path);
        QCOMPARE(store.count(), 0);
        QVERIFY(store.errorString().contains(QLatin1String("not valid JSON")));
        QVERIFY(QFile::exists(path + QStringLiteral(".broken")));
        QVERIFY(!store.add(QStringLiteral("New"), reviewer()).isEmpty());
        QCOMPARE(PresetStore(path).count(), 1);
    }

    void newChatFromPresetSendsItsSettings()
    {
        AppTestEnvironment env;
        PresetStore presets(QDir(env.dataDir()).filePath(QStringLiteral("presets.json")));
        env.chat->setPresets(&presets);
        const QString id = presets.add(QStringLiteral("Reviewer"), reviewer());
        QVERIFY(!env.chat->newConversationFromPreset(QStringLiteral("no-such-preset")));

        QVERIFY(env.chat->newConversationFromPreset(id));
        QCOMPARE(env.chat->model(), QStringLiteral("openai/gpt-4.1-mini"));
        QCOMPARE(env.chat->options()->systemPrompt(), reviewer().systemPrompt);
        QCOMPARE(env.chat->options()->temperature(), 0.2);
        QCOMPARE(env.chat->options()->maxTokens(), 512);

        env.server.script("POST", "/v1/chat/completions",
                          {ScriptedResponse::sse(openAiStream(QStringLiteral("gpt-4.1-mini"), {QStringLiteral("Looks fine.")}, 20, 3))});
        QSignalSpy finished(env.chat.get(), &ChatController::answerFinished);
        QVERIFY(env.chat->send(QStringLiteral("int main() {}")));
        QVERIFY(finished.wait(10'000));
        QCOMPARE(env.server.requests().size(), 1);
        const QJsonObject body = env.server.requests().first().json();
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("gpt-4.1-mini"));
        QCOMPARE(body.value(QLatin1String("temperature")).toDouble(), 0.2);
        QCOMPARE(body.value(QLatin1String("top_p")).toDouble(), 0.9);
        const int maxTokens = body.contains(QLatin1String("max_completion_tokens")) ? body.value(QLatin1String("max_completion_tokens")).toInt()
                                                                                    : body.value(QLatin1String("max_tokens")).toInt();
        QCOMPARE(maxTokens, 512);
        QVERIFY(!body.contains(QLatin1String("response_format")));
        const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
        QCOMPARE(messages.at(0).toObject().value(QLatin1String("role")).toString(), QStringLiteral("system"));
        QCOMPARE(messages.at(0).toObject().value(QLatin1String("content")).toString(), reviewer().systemPrompt);
        QCOMPARE(messages.at(1).toObject().value(QLatin1String("content")).toString(), QStringLiteral("int main() {}"));

        // The preset's settings became the conversation's own, saved with it.
        env.history->sync();
        HistoryDatabase db;
        QVERIFY(db.open(env.historyPath()));
        QCOMPARE(db.conversationSettings(env.chat->conversationId()), std::optional<ConversationSettings>(reviewer()));

        // "Save current as preset": what the conversation has now, edits included.
        env.chat->options()->setJsonMode(true);
        const QString savedId = env.chat->saveAsPreset(QStringLiteral("Reviewer, JSON"));
        ConversationSettings expected = reviewer();
        expected.jsonMode = true;
        QCOMPARE(presets.preset(savedId)->settings, expected);

        // A plain new chat goes back to the Defaults page's settings, keeping the chosen model.
        env.chat->newConversation();
        QCOMPARE(env.chat->options()->systemPrompt(), QString());
        QCOMPARE(env.chat->options()->temperature(), -1.0);
        QCOMPARE(env.chat->model(), QStringLiteral("openai/gpt-4.1-mini"));
    }

    void jsonModeGoesOnTheWire()
    {
        AppTestEnvironment env;
        PresetStore presets(QDir(env.dataDir()).filePath(QStringLiteral("presets.json")));
        env.chat->setPresets(&presets);
        ConversationSettings json;
        json.systemPrompt = QStringLiteral("Reply with a JSON object.");
        json.jsonMode = true;
        // No model in the preset: the chat keeps the one chosen.
        QVERIFY(env.chat->newConversationFromPreset(presets.add(QStringLiteral("JSON"), json)));
        QCOMPARE(env.chat->model(), QStringLiteral("openai/gpt-4o-mini"));
        env.server.script("POST", "/v1/chat/completions",
                          {ScriptedResponse::sse(openAiStream(QStringLiteral("gpt-4o-mini"), {QStringLiteral("{\"ok\": true}")}, 20, 3))});
        QSignalSpy finished(env.chat.get(), &ChatController::answerFinished);
        QVERIFY(env.chat->send(QStringLiteral("Is it ok?")));
        QVERIFY(finished.wait(10'000));
        const QJsonObject body = env.server.requests().first().json();
        QCOMPARE(body.value(QLatin1String("response_format")).toObject().value(QLatin1String("type")).toString(), QStringLiteral("json_object"));
        QVERIFY(!body.contains(QLatin1String("temperature")));
        QVERIFY(!body.contains(QLatin1String("top_p")));
    }
};

QTEST_MAIN(TestPresets)
#include "tst_presets.moc"
