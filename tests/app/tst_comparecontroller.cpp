#include "apptestenvironment.h"
#include "sse.h"

#include <appsettings.h>
#include <muxi/client.h>
#include <comparecolumn.h>
#include <comparecontroller.h>
#include <fixtures.h>
#include <historystore.h>
#include <messagemodel.h>
#include <pricetable.h>

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
// Four models of different speeds behind one fake OpenAI endpoint, told apart by the request's "model".
const QString fast = QStringLiteral("openai/gpt-4o-mini");
const QString medium = QStringLiteral("openai/gpt-4.1-mini");
const QString slow = QStringLiteral("openai/gpt-4o");
const QString failing = QStringLiteral("openai/o3-mini");

QStringList piecesFor(const QString &wireModel, int count)
{
    QStringList pieces;
    for (int i = 0; i < count; ++i)
        pieces.append(QStringLiteral("%1-%2 ").arg(wireModel).arg(i));
    return pieces;
}

QString textFor(const QString &wireModel, int count)
{
    return piecesFor(wireModel, count).join(QString());
}
} // namespace

// The compare controller through the real Client -> OpenAI adapter -> HTTP
// path: four columns stream from one loopback server at once.
class TestCompareController : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AppTestEnvironment> env;
    std::unique_ptr<PriceTable> prices;
    std::unique_ptr<CompareController> compare;
    // Pieces per answer and the pause between them, per wire model name.
    QHash<QString, std::pair<int, int>> speeds;
    int headDelayMs = 0;
    bool failingFails = true;

    void createController()
    {
        compare = std::make_unique<CompareController>(env->client.get(), env->history.get(), env->settings.get(), nullptr,
                                                      prices.get());
        compare->setTickInterval(20);
    }

    void routeModels()
    {
        env->server.route("POST", "/v1/chat/completions", [this](const RecordedRequest &request) {
            const QString model = request.json().value(QLatin1String("model")).toString();
            if (model == QLatin1String("o3-mini") && failingFails)
                return ScriptedResponse::json(500, fixture(QStringLiteral("openai/error-500.json")));
            const auto [count, interval] = speeds.value(model, {5, 10});
            ScriptedResponse response = ScriptedResponse::sse(openAiStream(model, piecesFor(model, count), 10 + count, count), interval);
            // The slow model also thinks before its first token.
            if (model == QLatin1String("gpt-4o"))
                response.headDelayMs = headDelayMs;
            return response;
        });
    }

    bool waitUntilIdle(int timeoutMs = 15'000)
    {
        return QTest::qWaitFor([this] { return !compare->isStreaming(); }, timeoutMs);
    }

    QList<RecordedRequest> chatRequests(const QString &wireModel) const
    {
        QList<RecordedRequest> found;
        const QList<RecordedRequest> all = env->server.requests();
        for (const RecordedRequest &r : all) {
            if (r.json().value(QLatin1String("model")).toString() == wireModel)
                found.append(r);
        }
        return found;
    }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("^history:")));
        env = std::make_unique<AppTestEnvironment>();
        prices = std::make_unique<PriceTable>();
        prices->setPrice(fast, {1.0, 2.0});
        prices->setPrice(slow, {10.0, 30.0});
        speeds = {
            {QStringLiteral("gpt-4o-mini"), {12, 5}},
            {QStringLiteral("gpt-4.1-mini"), {12, 25}},
            {QStringLiteral("gpt-4o"), {12, 50}},
        };
        headDelayMs = 250;
        failingFails = true;
        routeModels();
        createController();
    }

    void cleanup()
    {
        compare.reset();
        env.reset();
    }

    void priceTableIsTheUsersToEdit()
    {
        QTemporaryDir dir;
        const QString path = PriceTable::installUserCopy(dir.path());
        QCOMPARE(QFileInfo(path).dir().path(), dir.path());
        QVERIFY(QFileInfo(path).isWritable());
        const PriceTable shipped = PriceTable::load(path);
        QVERIFY2(shipped.errorString().isEmpty(), qPrintable(shipped.errorString()));
        QVERIFY(!shipped.checked().isEmpty());
        QVERIFY(shipped.price(QStringLiteral("openai/gpt-4o-mini")).has_value());

        // The user's edits are what counts, and a copy is never overwritten.
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"checked": "2026-01-01", "models": {"local/llama": {"input": 0, "output": 0},
                       "openai/gpt-4o": {"input": 2.5}, "acme/big": {"input": 4, "output": 8}}})");
        file.close();
        QCOMPARE(PriceTable::installUserCopy(dir.path()), path);
        const PriceTable edited = PriceTable::load(path);
        QCOMPARE(edited.checked(), QStringLiteral("2026-01-01"));
        QCOMPARE(edited.cost(QStringLiteral("acme/big"), 1'000'000, 500'000), 8.0);
        QCOMPARE(edited.cost(QStringLiteral("local/llama"), 1000, 1000), 0.0);
        // Half a price is no price.
        QVERIFY(!edited.cost(QStringLiteral("openai/gpt-4o"), 1000, 1000));
        QVERIFY(!edited.cost(QStringLiteral("openai/gpt-4o-mini"), 1000, 1000));

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{ not json");
        file.close();
        const PriceTable broken = PriceTable::load(path);
        QVERIFY(broken.isEmpty());
        QVERIFY(!broken.errorString().isEmpty());
    }

    void columnsAreChosenBeforeTheFirstPrompt()
    {
        QVERIFY(!compare->send(QStringLiteral("one model is no comparison")));
        QVERIFY(compare->addColumn(fast));
        QVERIFY(!compare->send(QStringLiteral("still one")));
        QVERIFY(compare->setModels({fast, medium, slow, failing, fast, medium}));
        QVERIFY(!compare->addColumn(slow));
        QCOMPARE(compare->columns().size(), CompareController::MaxColumns);
        QVERIFY(compare->removeColumn(5));
        QVERIFY(compare->removeColumn(4));
        QVERIFY(compare->send(QStringLiteral("Hello")));
        // Once sent, each column's thread belongs to its model.
        QVERIFY(!compare->addColumn(slow));
        QVERIFY(!compare->removeColumn(0));
        QVERIFY(waitUntilIdle());
    }

    void fourModelsStreamIndependently()
    {
        QVERIFY(compare->setModels({fast, medium, slow, failing}));
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (CompareColumn *c : compare->columns())
            testers.push_back(std::make_unique<QAbstractItemModelTester>(c->messages(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        QSignalSpy finished(compare.get(), &CompareController::columnFinished);

        QVERIFY(compare->send(QStringLiteral("Explain SSE")));
        QVERIFY(compare->isStreaming());
        for (CompareColumn *c : compare->columns())
            QVERIFY(c->isStreaming());

        // The failure arrives first and ends only its own column.
        QTRY_VERIFY_WITH_TIMEOUT(!compare->column(3)->isStreaming(), 5'000);
        QCOMPARE(compare->column(3)->status(), QStringLiteral("failed"));
        QVERIFY(compare->column(2)->isStreaming());
        QVERIFY(waitUntilIdle());
        QCOMPARE(finished.count(), 4);
        // Columns finish in the order of their speed: fast, medium, slow (after the failure).
        QCOMPARE(finished.at(0).at(0).toInt(), 3);
        QCOMPARE(finished.at(1).at(0).toInt(), 0);
        QCOMPARE(finished.at(2).at(0).toInt(), 1);
        QCOMPARE(finished.at(3).at(0).toInt(), 2);

        const QStringList wire{QStringLiteral("gpt-4o-mini"), QStringLiteral("gpt-4.1-mini"), QStringLiteral("gpt-4o")};
        for (int i = 0; i < 3; ++i) {
            CompareColumn *c = compare->column(i);
            QCOMPARE(c->status(), QStringLiteral("done"));
            QVERIFY(c->error().isEmpty());
            QCOMPARE(c->messages()->rowCount(), 2);
            QCOMPARE(c->messages()->message(1).text, textFor(wire.at(i), 12));
            QCOMPARE(c->answeredBy(), compare->models().at(i));
            // The provider's usage, not a count of our own.
            QCOMPARE(c->promptTokens(), 22);
            QCOMPARE(c->completionTokens(), 12);
            QVERIFY(!c->tokensCounted());
            QVERIFY(c->firstTokenMs() >= 0);
            QVERIFY(c->totalMs() >= c->firstTokenMs());
            QVERIFY2(c->tokensPerSecond() > 0, qPrintable(QString::number(c->tokensPerSecond())));
            // One request each, carrying the prompt.
            const QList<RecordedRequest> sent = chatRequests(wire.at(i));
            QCOMPARE(sent.size(), 1);
            const QJsonArray messages = sent.first().json().value(QLatin1String("messages")).toArray();
            QCOMPARE(messages.last().toObject().value(QLatin1String("content")).toString(), QStringLiteral("Explain SSE"));
        }
        // Timings follow the speeds: the slow model's head delay alone exceeds the others' first tokens.
        QVERIFY(compare->column(0)->firstTokenMs() < compare->column(2)->firstTokenMs());
        QVERIFY(compare->column(1)->firstTokenMs() < compare->column(2)->firstTokenMs());
        QVERIFY(compare->column(2)->firstTokenMs() >= 250);
        QVERIFY(compare->column(0)->totalMs() < compare->column(1)->totalMs());
        QVERIFY(compare->column(1)->totalMs() < compare->column(2)->totalMs());
        QVERIFY(compare->column(0)->tokensPerSecond() > compare->column(2)->tokensPerSecond());

        // Cost from the price table: (22 * 1 + 12 * 2) / 1e6 and (22 * 10 + 12 * 30) / 1e6; unknown for the rest.
        QCOMPARE(compare->column(0)->cost(), 46.0 / 1e6);
        QCOMPARE(compare->column(2)->cost(), 580.0 / 1e6);
        QCOMPARE(compare->column(1)->cost(), -1.0);
        QCOMPARE(compare->column(1)->costText(), QStringLiteral("cost unknown"));
        QCOMPARE(compare->column(0)->costText(), QStringLiteral("$0.000046"));

        CompareColumn *failed = compare->column(3);
        QCOMPARE(failed->status(), QStringLiteral("failed"));
        QVERIFY2(failed->error().contains(QLatin1String("500")), qPrintable(failed->error()));
        QVERIFY2(failed->error().contains(QLatin1String("The server had an error")), qPrintable(failed->error()));
        QVERIFY(!failed->error().contains(AppTestEnvironment::canaryKey));
        QVERIFY(failed->messages()->message(1).text.isEmpty());
        QCOMPARE(failed->firstTokenMs(), -1);
        QCOMPARE(failed->attempts().size(), 1);
        QCOMPARE(failed->attempts().first().toMap().value(QStringLiteral("status")).toInt(), 500);
    }

    void liveTimingsTickWhileStreaming()
    {
        speeds.insert(QStringLiteral("gpt-4o-mini"), {20, 30});
        QVERIFY(compare->setModels({fast, medium}));
        QSignalSpy stats(compare->column(0), &CompareColumn::statsChanged);
        QVERIFY(compare->send(QStringLiteral("Tick")));
        QTRY_VERIFY(compare->column(0)->completionTokens() >= 3);
        const qint64 before = compare->column(0)->totalMs();
        QVERIFY(compare->column(0)->isStreaming());
        QTest::qWait(100);
        QVERIFY(compare->column(0)->totalMs() > before);
        // Published at the tick, not per token.
        QVERIFY(stats.count() >= 2);
        QVERIFY(waitUntilIdle());
    }

    void stoppingOneColumnLeavesTheOthersRunning()
    {
        for (const QString &m : {QStringLiteral("gpt-4o-mini"), QStringLiteral("gpt-4.1-mini"), QStringLiteral("gpt-4o")})
            speeds.insert(m, {30, 20});
        headDelayMs = 0;
        QVERIFY(compare->setModels({fast, medium, slow}));
        QVERIFY(compare->send(QStringLiteral("Count")));
        QTRY_VERIFY(compare->column(1)->messages()->message(1).text.size() > 0);
        compare->stop(1);
        QVERIFY(!compare->column(1)->isStreaming());
        QCOMPARE(compare->column(1)->status(), QStringLiteral("stopped"));
        QVERIFY(compare->column(0)->isStreaming());
        QVERIFY(compare->column(2)->isStreaming());
        QVERIFY(compare->isStreaming());
        const QString cut = compare->column(1)->messages()->message(1).text;

        QVERIFY(waitUntilIdle());
        QCOMPARE(compare->column(0)->messages()->message(1).text, textFor(QStringLiteral("gpt-4o-mini"), 30));
        QCOMPARE(compare->column(2)->messages()->message(1).text, textFor(QStringLiteral("gpt-4o"), 30));
        QCOMPARE(compare->column(0)->status(), QStringLiteral("done"));
        QCOMPARE(compare->column(2)->status(), QStringLiteral("done"));
        // The stopped column kept what arrived and nothing after.
        QCOMPARE(compare->column(1)->status(), QStringLiteral("stopped"));
        QCOMPARE(compare->column(1)->messages()->message(1).text, cut);
        QVERIFY(textFor(QStringLiteral("gpt-4.1-mini"), 30).startsWith(cut));
        QVERIFY(cut.size() < textFor(QStringLiteral("gpt-4.1-mini"), 30).size());
    }

    void followUpsContinueEachColumnsThread()
    {
        QVERIFY(compare->setModels({fast, medium, failing}));
        QVERIFY(compare->send(QStringLiteral("First")));
        QVERIFY(waitUntilIdle());
        QVERIFY(compare->send(QStringLiteral("Second")));
        QVERIFY(waitUntilIdle());

        for (const QString &wire : {QStringLiteral("gpt-4o-mini"), QStringLiteral("gpt-4.1-mini")}) {
            const QList<RecordedRequest> sent = chatRequests(wire);
            QCOMPARE(sent.size(), 2);
            const QJsonArray messages = sent.at(1).json().value(QLatin1String("messages")).toArray();
            QCOMPARE(messages.size(), 3);
            QCOMPARE(messages.at(0).toObject().value(QLatin1String("content")).toString(), QStringLiteral("First"));
            // Its own earlier answer, no other column's.
            QCOMPARE(messages.at(1).toObject().value(QLatin1String("content")).toString(), textFor(wire, 12));
            QCOMPARE(messages.at(2).toObject().value(QLatin1String("content")).toString(), QStringLiteral("Second"));
        }
        // The failed column's failed turn is not part of its thread's history.
        const QList<RecordedRequest> failedSent = chatRequests(QStringLiteral("o3-mini"));
        QCOMPARE(failedSent.size(), 2);
        const QJsonArray messages = failedSent.at(1).json().value(QLatin1String("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).toObject().value(QLatin1String("role")).toString(), QStringLiteral("user"));
        QCOMPARE(messages.at(1).toObject().value(QLatin1String("content")).toString(), QStringLiteral("Second"));
        QCOMPARE(compare->column(0)->messages()->rowCount(), 4);
    }

    void oneColumnRunsAgainAlone()
    {
        QVERIFY(compare->setModels({fast, failing}));
        QVERIFY(compare->send(QStringLiteral("Again")));
        QVERIFY(waitUntilIdle());
        QCOMPARE(compare->column(1)->status(), QStringLiteral("failed"));
        const int before = int(env->server.requests().size());

        failingFails = false;
        QVERIFY(compare->rerun(1));
        QVERIFY(compare->column(1)->isStreaming());
        QVERIFY(!compare->column(0)->isStreaming());
        QVERIFY(waitUntilIdle());
        QCOMPARE(int(env->server.requests().size()), before + 1);
        QCOMPARE(compare->column(1)->status(), QStringLiteral("done"));
        QCOMPARE(compare->column(1)->messages()->rowCount(), 2);
        QCOMPARE(compare->column(1)->messages()->message(1).text, textFor(QStringLiteral("o3-mini"), 5));
        QCOMPARE(compare->column(0)->messages()->message(1).text, textFor(QStringLiteral("gpt-4o-mini"), 12));
    }

    void savedReopenedAndExported()
    {
        QVERIFY(compare->setModels({fast, slow, failing}));
        QVERIFY(compare->send(QStringLiteral("Which is best?")));
        QVERIFY(waitUntilIdle());
        compare->setPreferred(1);
        QCOMPARE(compare->preferredColumn(), 1);
        const QString id = compare->comparisonId();
        env->history->sync();

        // A restart: everything but the files is gone.
        compare.reset();
        env->recreate();
        routeModels();
        createController();
        QSignalSpy saved(compare.get(), &CompareController::savedChanged);
        compare->reloadSaved();
        QVERIFY(saved.wait());
        QCOMPARE(compare->saved().size(), 1);
        QCOMPARE(compare->saved().first().toMap().value(QStringLiteral("title")).toString(), QStringLiteral("Which is best?"));

        QSignalSpy opened(compare.get(), &CompareController::opened);
        compare->openComparison(id);
        QVERIFY(opened.wait());
        QCOMPARE(compare->models(), (QStringList{fast, slow, failing}));
        QCOMPARE(compare->preferredColumn(), 1);
        QCOMPARE(compare->column(0)->messages()->message(1).text, textFor(QStringLiteral("gpt-4o-mini"), 12));
        QCOMPARE(compare->column(1)->completionTokens(), 12);
        QCOMPARE(compare->column(2)->status(), QStringLiteral("failed"));

        const QString md = compare->toMarkdown();
        QVERIFY(md.startsWith(QLatin1String("# Which is best?\n")));
        QVERIFY2(md.contains(QStringLiteral("| openai/gpt-4o ★ |")), qPrintable(md));
        QVERIFY(md.contains(QLatin1String("## openai/gpt-4o (preferred)")));
        QVERIFY(md.contains(textFor(QStringLiteral("gpt-4o"), 12)));
        QVERIFY(md.contains(QLatin1String("> Error: ")));
        QVERIFY(md.contains(QLatin1String("| $0.000580 |")));

        QTemporaryFile file;
        QVERIFY(file.open());
        file.close();
        QCOMPARE(compare->exportMarkdown(QUrl::fromLocalFile(file.fileName())), QString());
        // The export replaced the file: read it anew.
        QFile exported(file.fileName());
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(exported.readAll()), md);

        // A follow-up on the reopened comparison continues each thread.
        QVERIFY(compare->send(QStringLiteral("Why?")));
        QVERIFY(waitUntilIdle());
        QCOMPARE(compare->column(0)->messages()->rowCount(), 4);
    }
};

QTEST_MAIN(TestCompareController)
#include "tst_comparecontroller.moc"
