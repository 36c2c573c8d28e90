#include <muxi/bpeencoder.h>
#include <fixtures.h>
#include <muxi/tiktokenranks.h>
#include <muxi/tokencounter.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using muxi::test::fixture;

namespace {

// The ranks come from the js-tiktoken npm package that scripts/install-deps.sh
// installs (scripts/test.sh runs it first); only a machine without it skips.
#define REQUIRE_RANKS(name)                                                                                                              \
    do {                                                                                                                                 \
        if (!TiktokenRanks::encoding(QStringLiteral(name)))                                                                             \
            QSKIP(qPrintable(QStringLiteral("js-tiktoken ranks not installed in %1; run scripts/install-deps.sh or set MUXI_TIKTOKEN_DIR") \
                                 .arg(TiktokenRanks::searchPaths().join(QLatin1String(", ")))));                                        \
    } while (false)

QList<int> ids(const QJsonArray &array)
{
    QList<int> list;
    for (const QJsonValue &value : array)
        list.append(value.toInt());
    return list;
}

// A rank module in js-tiktoken's format with all 256 bytes (ranks 100…355) and the given merges.
QByteArray rankModule(const QString &pattern, const QList<std::pair<QByteArray, int>> &merges)
{
    QByteArray singles = "! 100";
    for (int byte = 0; byte < 256; ++byte)
        singles += ' ' + QByteArray(1, char(byte)).toBase64();
    QJsonObject table{{QLatin1String("pat_str"), pattern}, {QLatin1String("special_tokens"), QJsonObject()}};
    QString lines = QString::fromLatin1(singles);
    for (const auto &[bytes, rank] : merges)
        lines += QStringLiteral("\n! %1 %2").arg(rank).arg(QString::fromLatin1(bytes.toBase64()));
    table.insert(QLatin1String("bpe_ranks"), lines);
    return "export default " + QJsonDocument(table).toJson(QJsonDocument::Compact) + ";\n";
}

// Restores MUXI_TIKTOKEN_DIR when a test pointed it elsewhere.
class ScopedRanksDir
{
public:
    explicit ScopedRanksDir(const QString &dir)
        : m_hadValue(qEnvironmentVariableIsSet("MUXI_TIKTOKEN_DIR"))
        , m_old(qgetenv("MUXI_TIKTOKEN_DIR"))
    {
        qputenv("MUXI_TIKTOKEN_DIR", dir.toLocal8Bit());
    }
    ~ScopedRanksDir()
    {
        if (m_hadValue)
            qputenv("MUXI_TIKTOKEN_DIR", m_old);
        else
            qunsetenv("MUXI_TIKTOKEN_DIR");
    }

private:
    bool m_hadValue;
    QByteArray m_old;
};

// Sets (or, with a null value, unsets) an environment variable for one scope.
class ScopedVariable
{
public:
    ScopedVariable(const char *name, const QString &value)
        : m_name(name)
        , m_hadValue(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value.toLocal8Bit());
    }
    ~ScopedVariable()
    {
        if (m_hadValue)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_hadValue;
    QByteArray m_old;
};

void writeFile(const QString &path, const QByteArray &content)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).path()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

} // namespace

// The C++ encoder against token ids that the js-tiktoken package itself
// produced (scripts/gen-token-fixtures.mjs), and the chat rule against
// OpenAI's cookbook, whose sample conversation the API counted as 127 (0301),
// 129 (gpt-4-0613) and 124 (gpt-4o) prompt tokens.
class TestTokenCounter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idsMatchJsTiktoken_data()
    {
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("expected");
        const QJsonObject encodings = QJsonDocument::fromJson(fixture(QStringLiteral("tokens/encodings.json"))).object().value(QLatin1String("encodings")).toObject();
        QVERIFY(encodings.size() >= 4);
        for (auto it = encodings.begin(); it != encodings.end(); ++it) {
            const QJsonArray cases = it.value().toArray();
            for (qsizetype i = 0; i < cases.size(); ++i) {
                const QJsonObject c = cases.at(i).toObject();
                const QString text = c.value(QLatin1String("text")).toString();
                QTest::addRow("%s #%d %s", qPrintable(it.key()), int(i), qPrintable(text.left(24).simplified()))
                    << it.key() << text << ids(c.value(QLatin1String("ids")).toArray());
            }
        }
    }

    void idsMatchJsTiktoken()
    {
        QFETCH(QString, encoding);
        QFETCH(QString, text);
        QFETCH(QList<int>, expected);
        const Expected<std::shared_ptr<const BpeEncoder>> encoder = TiktokenRanks::encoding(encoding);
        if (!encoder)
            QSKIP(qPrintable(encoder.error().message));
        QCOMPARE((*encoder)->encode(text), expected);
        QCOMPARE((*encoder)->count(text), expected.size());
    }

    void chatMessagesFollowTheCookbook_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<qint64>("expected");
        const QJsonObject counts = QJsonDocument::fromJson(fixture(QStringLiteral("tokens/chat.json"))).object().value(QLatin1String("counts")).toObject();
        QCOMPARE(counts.size(), 3);
        for (auto it = counts.begin(); it != counts.end(); ++it)
            QTest::newRow(qPrintable(it.key())) << it.key() << qint64(it.value().toInt());
    }

    void chatMessagesFollowTheCookbook()
    {
        REQUIRE_RANKS("o200k_base");
        QFETCH(QString, model);
        QFETCH(qint64, expected);
        QList<Message> messages;
        const QJsonArray array = QJsonDocument::fromJson(fixture(QStringLiteral("tokens/chat.json"))).object().value(QLatin1String("messages")).toArray();
        for (const QJsonValue &value : array)
            messages.append(Message::fromJson(value.toObject()));
        QCOMPARE(messages.size(), 6);
        QCOMPARE(messages.at(1).name, QStringLiteral("example_user"));

        const Expected<TokenCount> count = TokenCounter::countMessages(model, messages);
        QVERIFY2(count, qPrintable(count ? QString() : count.error().toString()));
        QCOMPARE(count->tokens, expected);
        QVERIFY(count->exact);
        QCOMPARE(count->model, model);

        ChatRequest request;
        request.model = QStringLiteral("azure/") + model;
        request.messages = messages;
        QCOMPARE(TokenCounter::countRequest(request)->tokens, expected);
    }

    void chatCountsOnlyText()
    {
        REQUIRE_RANKS("o200k_base");
        const QString model = QStringLiteral("gpt-4o");
        const qint64 empty = TokenCounter::countMessages(model, {})->tokens;
        QCOMPARE(empty, qint64(3));
        const qint64 plain = TokenCounter::countMessages(model, {Message::user(QStringLiteral("What is in this picture?"))})->tokens;
        QCOMPARE(plain, 3 + 3 + TokenCounter::countText(model, u"user")->tokens + TokenCounter::countText(model, u"What is in this picture?")->tokens);
        const Message withImage = Message::user({ContentPart::fromText(QStringLiteral("What is in this picture?")),
                                                 ContentPart::fromImageUrl(QUrl(QStringLiteral("https://example.com/cat.png")))});
        QCOMPARE(TokenCounter::countMessages(model, {withImage})->tokens, plain);
    }

    void encodingForModel_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("encoding");
        const QString o200k = QStringLiteral("o200k_base");
        const QString cl100k = QStringLiteral("cl100k_base");
        QTest::newRow("gpt-4o") << "gpt-4o" << o200k;
        QTest::newRow("dated snapshot") << "openai/gpt-4o-2024-08-06" << o200k;
        QTest::newRow("mini") << "gpt-4o-mini" << o200k;
        QTest::newRow("chatgpt") << "chatgpt-4o-latest" << o200k;
        QTest::newRow("gpt-4.1") << "gpt-4.1-nano" << o200k;
        QTest::newRow("gpt-4.5") << "gpt-4.5-preview" << o200k;
        QTest::newRow("gpt-5") << "gpt-5" << o200k;
        QTest::newRow("gpt-5.1") << "gpt-5.1-mini" << o200k;
        QTest::newRow("o1") << "o1" << o200k;
        QTest::newRow("o3-mini") << "o3-mini" << o200k;
        QTest::newRow("o4-mini") << "o4-mini-2025-04-16" << o200k;
        QTest::newRow("fine-tuned 4o") << "ft:gpt-4o-mini-2024-07-18:acme::abc123" << o200k;
        QTest::newRow("case") << "GPT-4o" << o200k;
        QTest::newRow("routed") << "openrouter/openai/gpt-4o" << o200k;
        QTest::newRow("gpt-oss") << "groq/openai/gpt-oss-120b" << "o200k_harmony";
        QTest::newRow("gpt-4") << "gpt-4" << cl100k;
        QTest::newRow("gpt-4-turbo") << "gpt-4-turbo-2024-04-09" << cl100k;
        QTest::newRow("gpt-4-32k") << "gpt-4-32k-0613" << cl100k;
        QTest::newRow("gpt-3.5") << "gpt-3.5-turbo-0125" << cl100k;
        QTest::newRow("azure 3.5") << "azure/gpt-35-turbo" << cl100k;
        QTest::newRow("azure 3.5 16k") << "gpt-35-turbo-16k" << cl100k;
        QTest::newRow("fine-tuned 3.5") << "ft:gpt-3.5-turbo-0613:acme::x" << cl100k;
        QTest::newRow("embedding 3") << "text-embedding-3-small" << cl100k;
        QTest::newRow("embedding ada") << "text-embedding-ada-002" << cl100k;
        QTest::newRow("davinci-002") << "davinci-002" << cl100k;
        QTest::newRow("text-davinci-003") << "text-davinci-003" << "p50k_base";
        QTest::newRow("davinci") << "davinci" << "r50k_base";
        QTest::newRow("claude") << "anthropic/claude-sonnet-4-5" << QString();
        QTest::newRow("llama") << "groq/llama-3.3-70b-versatile" << QString();
        QTest::newRow("gemini") << "gemini/gemini-2.5-pro" << QString();
        QTest::newRow("not a prefix boundary") << "o1x" << QString();
        QTest::newRow("4o is not gpt-4") << "gpt-4omega" << QString();
    }

    void encodingForModel()
    {
        QFETCH(QString, model);
        QFETCH(QString, encoding);
        QCOMPARE(TokenCounter::encodingForModel(model), encoding);
    }

    void exactForOpenAi()
    {
        REQUIRE_RANKS("cl100k_base");
        const Expected<TokenCount> count = TokenCounter::countText(QStringLiteral("azure/gpt-35-turbo"), u"Hello, world!");
        QVERIFY(count);
        QCOMPARE(count->tokens, qint64(4));
        QVERIFY(count->exact);
        QCOMPARE(count->method(), QStringLiteral("exact"));
        QCOMPARE(count->encoding, QStringLiteral("cl100k_base"));
        QCOMPARE(count->toJson(), (QJsonObject{{QLatin1String("model"), QLatin1String("azure/gpt-35-turbo")},
                                               {QLatin1String("tokens"), 4},
                                               {QLatin1String("method"), QLatin1String("exact")},
                                               {QLatin1String("exact"), true},
                                               {QLatin1String("encoding"), QLatin1String("cl100k_base")}}));
    }

    void estimateForOtherModels()
    {
        REQUIRE_RANKS("o200k_base");
        const QString text = QStringLiteral("The quick brown fox jumps over the lazy dog.");
        const Expected<TokenCount> count = TokenCounter::countText(QStringLiteral("mistral/mistral-large-latest"), text);
        QVERIFY(count);
        QVERIFY(!count->exact);
        QCOMPARE(count->method(), QStringLiteral("estimate"));
        QCOMPARE(count->encoding, QStringLiteral("o200k_base"));
        QCOMPARE(count->tokens, TokenCounter::countText(QStringLiteral("gpt-4o"), text)->tokens);
        QCOMPARE(count->tokens, qint64(10));
    }

    void harmonyMessagesAreEstimates()
    {
        REQUIRE_RANKS("o200k_base");
        const QString model = QStringLiteral("groq/openai/gpt-oss-20b");
        QVERIFY(TokenCounter::countText(model, u"hi")->exact);
        const Expected<TokenCount> messages = TokenCounter::countMessages(model, {Message::user(QStringLiteral("hi"))});
        QVERIFY(!messages->exact);
        QCOMPARE(messages->encoding, QStringLiteral("o200k_harmony"));
    }

    void missingRanks()
    {
        QTemporaryDir empty;
        const ScopedRanksDir scope(empty.path());
        const Expected<TokenCount> exact = TokenCounter::countText(QStringLiteral("gpt-4o"), u"hello");
        QVERIFY(!exact);
        QCOMPARE(exact.error().kind, Error::Kind::Unsupported);
        QCOMPARE(exact.error().code, QStringLiteral("tokenizer_unavailable"));
        QCOMPARE(exact.error().model, QStringLiteral("gpt-4o"));
        QVERIFY(exact.error().message.contains(QStringLiteral("MUXI_TIKTOKEN_DIR")));
        QVERIFY(exact.error().message.contains(QStringLiteral("scripts/install-deps.sh")));
        QVERIFY(exact.error().message.contains(empty.path()));

        // Other models fall back to the rule of thumb: a token per four characters, rounded up; 🙂 is one character.
        const Expected<TokenCount> estimate = TokenCounter::countText(QStringLiteral("mistral/mistral-small"), u"Hello, world! 🙂");
        QVERIFY(estimate);
        QVERIFY(!estimate->exact);
        QCOMPARE(estimate->encoding, QStringLiteral("chars/4"));
        QCOMPARE(estimate->tokens, qint64(4));
    }

    // Without MUXI_TIKTOKEN_DIR: the user's npm cache, then muxi/tiktoken in
    // every generic data directory (where the packages install the ranks as
    // plain JSON), <name>.json before <name>.js in each.
    void searchOrder()
    {
        QTemporaryDir root;
        const QString npm = root.filePath(QStringLiteral("home/.cache/muxi/npm/node_modules/js-tiktoken/dist/ranks"));
        const QString userData = root.filePath(QStringLiteral("data-home/muxi/tiktoken"));
        const QString local = root.filePath(QStringLiteral("usr-local-share/muxi/tiktoken"));
        const QString system = root.filePath(QStringLiteral("usr-share/muxi/tiktoken"));
        const ScopedVariable home("HOME", root.filePath(QStringLiteral("home")));
        const ScopedVariable dataHome("XDG_DATA_HOME", root.filePath(QStringLiteral("data-home")));
        const ScopedVariable dataDirs("XDG_DATA_DIRS", root.filePath(QStringLiteral("usr-local-share")) + QLatin1Char(':') + root.filePath(QStringLiteral("usr-share")));
        const ScopedVariable ranksDir("MUXI_TIKTOKEN_DIR", QString());
        QCOMPARE(TiktokenRanks::searchPaths(), (QStringList{npm, userData, local, system}));

        const QByteArray module = rankModule(QStringLiteral("\\S+|\\s+"), {{"ab", 0}});
        const QByteArray object = module.sliced(module.indexOf('{'), module.lastIndexOf('}') - module.indexOf('{') + 1);
        writeFile(system + QLatin1String("/tiny.json"), object);
        QCOMPARE(TiktokenRanks::locate(QStringLiteral("tiny")), system + QLatin1String("/tiny.json"));
        writeFile(local + QLatin1String("/tiny.js"), module);
        QCOMPARE(TiktokenRanks::locate(QStringLiteral("tiny")), local + QLatin1String("/tiny.js"));
        writeFile(local + QLatin1String("/tiny.json"), object);
        QCOMPARE(TiktokenRanks::locate(QStringLiteral("tiny")), local + QLatin1String("/tiny.json"));
        writeFile(npm + QLatin1String("/tiny.js"), module);
        QCOMPARE(TiktokenRanks::locate(QStringLiteral("tiny")), npm + QLatin1String("/tiny.js"));
        QCOMPARE(TiktokenRanks::locate(QStringLiteral("absent")), QString());

        // The installed form, the bare JSON object, reads as the module does.
        writeFile(system + QLatin1String("/installed.json"), object);
        const auto encoder = TiktokenRanks::encoding(QStringLiteral("installed"));
        QVERIFY2(encoder, qPrintable(encoder ? QString() : encoder.error().message));
        QCOMPARE((*encoder)->encode(u"ab"), QList<int>{0});

        // A directory the user names is the only one looked in.
        const ScopedRanksDir scope(root.filePath(QStringLiteral("elsewhere")));
        QCOMPARE(TiktokenRanks::searchPaths(), QStringList{root.filePath(QStringLiteral("elsewhere"))});
        QCOMPARE(TiktokenRanks::locate(QStringLiteral("tiny")), QString());
        const auto missing = TiktokenRanks::encoding(QStringLiteral("tiny"));
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(root.filePath(QStringLiteral("elsewhere"))));
    }

    void loadsOncePerProcess()
    {
        REQUIRE_RANKS("o200k_base");
        QCOMPARE(TiktokenRanks::encoding(QStringLiteral("o200k_base"))->get(), TiktokenRanks::encoding(QStringLiteral("o200k_base"))->get());
        QCOMPARE((*TiktokenRanks::encoding(QStringLiteral("o200k_base")))->vocabularySize(), qsizetype(199998));
        QCOMPARE((*TiktokenRanks::encoding(QStringLiteral("cl100k_base")))->vocabularySize(), qsizetype(100256));
    }

    void loneSurrogateCountsAsReplacementCharacter()
    {
        REQUIRE_RANKS("o200k_base");
        const auto encoder = *TiktokenRanks::encoding(QStringLiteral("o200k_base"));
        const QString broken = QStringLiteral("ab") + QChar(0xD800) + QStringLiteral("cd");
        const QString repaired = QStringLiteral("ab") + QChar(QChar::ReplacementCharacter) + QStringLiteral("cd");
        QCOMPARE(encoder->encode(broken), encoder->encode(repaired));
    }

    // Merge order on a vocabulary small enough to reason about.
    void mergesLowestRankFirstLeftmostOnTies()
    {
        const auto encoder = TiktokenRanks::parse(QStringLiteral("tiny"), rankModule(QStringLiteral("\\S+|\\s+"),
                                                                                    {{"bc", 0}, {"ab", 1}, {"aa", 5}, {"aaaa", 3}, {"xyz", 7}}));
        QVERIFY2(encoder, qPrintable(encoder ? QString() : encoder.error().message));
        const auto rank = [](char byte) { return 100 + int(uchar(byte)); };
        // "bc" outranks "ab", so the a stays alone.
        QCOMPARE((*encoder)->encode(u"abc"), (QList<int>{rank('a'), 0}));
        // Equal ranks: the leftmost pair goes first.
        QCOMPARE((*encoder)->encode(u"aaa"), (QList<int>{5, rank('a')}));
        // A piece that is a token is taken whole, even if pairwise merging could not reach it.
        QCOMPARE((*encoder)->encode(u"xyz"), (QList<int>{7}));
        QCOMPARE((*encoder)->encode(u"xyzx"), (QList<int>{rank('x'), rank('y'), rank('z'), rank('x')}));
        QCOMPARE((*encoder)->encode(u"ab \t"), (QList<int>{1, rank(' '), rank('\t')}));
    }

    // Pieces over 64 bytes take the priority-queue path; it must pick exactly what a rescan would.
    void longPiecesMergeLikeShortOnes_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("fours");
        QTest::addColumn<QList<int>>("tail");
        const int a = 100 + 'a';
        QTest::newRow("64, scan") << 64 << 16 << QList<int>{};
        QTest::newRow("65") << 65 << 16 << QList<int>{a};
        QTest::newRow("66") << 66 << 16 << QList<int>{5};
        QTest::newRow("67") << 67 << 16 << QList<int>{5, a};
        QTest::newRow("63, scan") << 63 << 15 << QList<int>{5, a};
        QTest::newRow("1001") << 1001 << 250 << QList<int>{a};
    }

    void longPiecesMergeLikeShortOnes()
    {
        QFETCH(int, length);
        QFETCH(int, fours);
        QFETCH(QList<int>, tail);
        const auto encoder = TiktokenRanks::parse(QStringLiteral("tiny"), rankModule(QStringLiteral("\\S+"), {{"aa", 5}, {"aaaa", 3}}));
        QVERIFY(encoder);
        // First every "aa" from the left, then pairs of those; an odd "aa" or "a" stays at the end.
        QList<int> expected(fours, 3);
        expected += tail;
        QCOMPARE((*encoder)->encode(QString(length, u'a')), expected);
    }

    void whitespaceIsUnicodeWhiteSpace()
    {
        const auto encoder = TiktokenRanks::parse(QStringLiteral("tiny"), rankModule(QStringLiteral("\\s+|\\S+"), {}));
        QVERIFY(encoder);
        QRegularExpressionMatchIterator pieces = (*encoder)->pretokenizer().globalMatch(QStringLiteral("a\u0085\u3000b\u180Ec"));
        QStringList split;
        while (pieces.hasNext())
            split.append(pieces.next().captured());
        // U+0085 and U+3000 are White_Space as in tiktoken's Rust regex; U+180E is not (PCRE2's own \s says it is).
        QCOMPARE(split, (QStringList{QStringLiteral("a"), QStringLiteral("\u0085\u3000"), QStringLiteral("b\u180Ec")}));
    }

    void brokenRankModules_data()
    {
        QTest::addColumn<QByteArray>("module");
        QTest::addColumn<QString>("mustContain");
        QTest::newRow("no object") << QByteArray("export default 42;") << "no rank table";
        QTest::newRow("bad JSON") << QByteArray("export default {\"pat_str\": };") << "not valid JSON";
        QTest::newRow("no ranks") << QByteArray(R"(module.exports = {"pat_str": "\\S+"};)") << "lacks pat_str or bpe_ranks";
        QTest::newRow("bad rank") << QByteArray(R"(export default {"pat_str": "\\S+", "bpe_ranks": "! x QQ=="};)") << "malformed line";
        QTest::newRow("bad base64") << QByteArray(R"(export default {"pat_str": "\\S+", "bpe_ranks": "! 0 Q*=="};)") << "malformed token";
        QTest::newRow("missing bytes") << QByteArray(R"(export default {"pat_str": "\\S+", "bpe_ranks": "! 0 QQ== Qg=="};)") << "single byte 0";
        QTest::newRow("bad pattern") << rankModule(QStringLiteral("(\\S+"), {}) << "does not compile";
    }

    void brokenRankModules()
    {
        QFETCH(QByteArray, module);
        QFETCH(QString, mustContain);
        const auto encoder = TiktokenRanks::parse(QStringLiteral("broken"), module);
        QVERIFY(!encoder);
        QCOMPARE(encoder.error().code, QStringLiteral("tokenizer_unavailable"));
        QVERIFY2(encoder.error().message.contains(mustContain), qPrintable(encoder.error().message));
    }
};

QTEST_GUILESS_MAIN(TestTokenCounter)
#include "tst_tokencounter.moc"
