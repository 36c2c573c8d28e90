#include <fixtures.h>
#include <processrunner.h>
#include <muxi/tiktokenranks.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi::test;

// `muxi tokens` end to end: counts, labels, standard input, --messages, and
// the one-line errors, with the ranks found through MUXI_TIKTOKEN_DIR.
class TestTokensCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> home;

    // The child gets a clean home, so it is told where this process found the ranks.
    QProcessEnvironment environment(const QString &ranksDir = QFileInfo(muxi::TiktokenRanks::locate(QStringLiteral("o200k_base"))).path())
    {
        QProcessEnvironment env = cleanEnvironment(home->path());
        env.insert(QStringLiteral("MUXI_TIKTOKEN_DIR"), ranksDir);
        return env;
    }

    ProcessResult muxi(const QStringList &arguments, const QByteArray &input = {})
    {
        return runProcess(QStringLiteral(MUXI_CLI), QStringList{QStringLiteral("tokens")} + arguments, environment(), input);
    }

    void requireRanks()
    {
        if (!muxi::TiktokenRanks::encoding(QStringLiteral("o200k_base")) || !muxi::TiktokenRanks::encoding(QStringLiteral("cl100k_base")))
            QSKIP(qPrintable(QStringLiteral("js-tiktoken ranks not installed in %1; run scripts/install-deps.sh or set MUXI_TIKTOKEN_DIR")
                                 .arg(muxi::TiktokenRanks::searchPaths().join(QLatin1String(", ")))));
    }

    // How many ids js-tiktoken gave `text` in the fixture (scripts/gen-token-fixtures.mjs).
    qsizetype fixtureCount(const QString &encoding, const QString &text)
    {
        const QJsonArray cases = QJsonDocument::fromJson(fixture(QStringLiteral("tokens/encodings.json"))).object().value(QLatin1String("encodings"))
                                     .toObject().value(encoding).toArray();
        for (const QJsonValue &c : cases) {
            if (c.toObject().value(QLatin1String("text")).toString() == text)
                return c.toObject().value(QLatin1String("ids")).toArray().size();
        }
        return -1;
    }

    void expectUsageError(const ProcessResult &result, int exitCode, const QString &mustContain)
    {
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY(result.out.isEmpty());
        const QString err = QString::fromUtf8(result.err).trimmed();
        QVERIFY2(err.startsWith(QLatin1String("muxi: ")), qPrintable(err));
        QCOMPARE(err.count(QLatin1Char('\n')), 0);
        QVERIFY2(err.contains(mustContain), qPrintable(err));
    }

private Q_SLOTS:
    void init()
    {
        home = std::make_unique<QTemporaryDir>();
    }

    void countsWordsJoinedBySpaces()
    {
        requireRanks();
        const ProcessResult r = muxi({QStringLiteral("-m"), QStringLiteral("gpt-4o"), QStringLiteral("Hello,"), QStringLiteral("world!")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("4 tokens (exact, o200k_base)\n"));
        QVERIFY(r.err.isEmpty());
    }

    void jsonFromStandardInput()
    {
        requireRanks();
        const QString text = QStringLiteral("def f(x):\n    return x**2  # square\n\nif __name__ == '__main__':\n\tprint(f(3))\n");
        const ProcessResult r = muxi({QStringLiteral("-m"), QStringLiteral("openai/gpt-4-turbo"), QStringLiteral("--json"), QStringLiteral("-")}, text.toUtf8());
        QCOMPARE(r.exitCode, 0);
        const QJsonObject out = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(out.value(QLatin1String("tokens")).toInteger(), fixtureCount(QStringLiteral("cl100k_base"), text));
        QCOMPARE(out.value(QLatin1String("exact")).toBool(), true);
        QCOMPARE(out.value(QLatin1String("method")).toString(), QStringLiteral("exact"));
        QCOMPARE(out.value(QLatin1String("encoding")).toString(), QStringLiteral("cl100k_base"));
        QCOMPARE(out.value(QLatin1String("model")).toString(), QStringLiteral("openai/gpt-4-turbo"));
    }

    void countsAConversation()
    {
        requireRanks();
        const QByteArray conversation = fixture(QStringLiteral("tokens/chat.json"));
        const ProcessResult r = muxi({QStringLiteral("-m"), QStringLiteral("gpt-4o"), QStringLiteral("--messages"), QStringLiteral("-")}, conversation);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("124 tokens (exact, o200k_base)\n"));

        QFile file(home->filePath(QStringLiteral("messages.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonDocument::fromJson(conversation).object().value(QLatin1String("messages")).toArray()).toJson());
        file.close();
        const ProcessResult legacy = muxi({QStringLiteral("-m"), QStringLiteral("gpt-3.5-turbo-0301"), QStringLiteral("--messages"), file.fileName()});
        QCOMPARE(legacy.exitCode, 0);
        QCOMPARE(legacy.out, QByteArray("127 tokens (exact, cl100k_base)\n"));
    }

    void otherProvidersGetALabelledEstimate()
    {
        requireRanks();
        const ProcessResult r = muxi({QStringLiteral("-m"), QStringLiteral("mistral/mistral-large-latest"), QStringLiteral("Hello, world!")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("4 tokens (estimate, o200k_base)\n"));
    }

    void missingRanks()
    {
        QTemporaryDir empty;
        const ProcessResult exact = runProcess(QStringLiteral(MUXI_CLI), {QStringLiteral("tokens"), QStringLiteral("-m"), QStringLiteral("gpt-4o"), QStringLiteral("hi")},
                                               environment(empty.path()));
        QCOMPARE(exact.exitCode, 6);
        QVERIFY(exact.out.isEmpty());
        const QString err = QString::fromUtf8(exact.err).trimmed();
        QVERIFY2(err.startsWith(QLatin1String("muxi: gpt-4o: ")), qPrintable(err));
        QCOMPARE(err.count(QLatin1Char('\n')), 0);
        QVERIFY(err.contains(QLatin1String("MUXI_TIKTOKEN_DIR")));
        QVERIFY(err.contains(QLatin1String("scripts/install-deps.sh")));

        const ProcessResult estimate = runProcess(QStringLiteral(MUXI_CLI),
                                                  {QStringLiteral("tokens"), QStringLiteral("-m"), QStringLiteral("groq/llama-3.3-70b-versatile"),
                                                   QStringLiteral("--json"), QStringLiteral("twelve chars")},
                                                  environment(empty.path()));
        QCOMPARE(estimate.exitCode, 0);
        const QJsonObject out = QJsonDocument::fromJson(estimate.out).object();
        QCOMPARE(out.value(QLatin1String("tokens")).toInteger(), 3);
        QCOMPARE(out.value(QLatin1String("encoding")).toString(), QStringLiteral("chars/4"));
        QCOMPARE(out.value(QLatin1String("exact")).toBool(), false);
    }

    void usageErrors()
    {
        expectUsageError(muxi({QStringLiteral("-m"), QStringLiteral("nosuch/model"), QStringLiteral("hi")}), 2, QStringLiteral("known providers: "));
        expectUsageError(muxi({QStringLiteral("-m"), QStringLiteral("gpt-4o")}), 2, QStringLiteral("no prompt given"));
        expectUsageError(muxi({QStringLiteral("-m"), QStringLiteral("gpt-4o"), QStringLiteral("--messages"), QStringLiteral("-"), QStringLiteral("hi")}), 2,
                         QStringLiteral("not both"));
        expectUsageError(muxi({QStringLiteral("-m"), QStringLiteral("gpt-4o"), QStringLiteral("--messages"), QStringLiteral("-")}, "{\"messages\": 3}"), 2,
                         QStringLiteral("holds no messages"));
        expectUsageError(muxi({QStringLiteral("-m"), QStringLiteral("gpt-4o"), QStringLiteral("--messages"), home->filePath(QStringLiteral("none.json"))}), 2,
                         QStringLiteral("none.json"));
    }
};

QTEST_GUILESS_MAIN(TestTokensCli)
#include "tst_tokenscli.moc"
