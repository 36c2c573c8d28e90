#include "fakeopenai.h"

#include <processrunner.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("sk-canary-install-5e4d3c2b1a");
const QString workDir = QStringLiteral(MUXI_WORK_DIR);
const QString prefix = workDir + QLatin1String("/prefix");
const QString examplesBuild = workDir + QLatin1String("/examples");

QString output(const ProcessResult &result)
{
    return QString::fromUtf8(result.out) + QString::fromUtf8(result.err);
}
}

// The library as an outside project uses it: installed to a prefix, found
// with find_package(Muxi) or pkg-config, its examples built on their own and
// run against a fake OpenAI-shaped service.
class TestInstalledPackage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOpenAi> fake;
    QString home;

    // The environment for cmake and the compiler: the build's ccache, with
    // paths under the work dir hashed relative so reruns hit the cache.
    static QProcessEnvironment buildEnvironment()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (!QStringLiteral(MUXI_CCACHE_DIR).isEmpty())
            environment.insert(QStringLiteral("CCACHE_DIR"), QStringLiteral(MUXI_CCACHE_DIR));
        environment.insert(QStringLiteral("CCACHE_BASEDIR"), workDir);
        environment.insert(QStringLiteral("CCACHE_NOHASHDIR"), QStringLiteral("1"));
        environment.remove(QStringLiteral("PKG_CONFIG_PATH"));
        return environment;
    }

    static ProcessResult cmake(const QStringList &arguments)
    {
        return runProcess(QStringLiteral(MUXI_CMAKE), arguments, buildEnvironment(), {}, 600'000);
    }

    // Configures and builds a project against the installed prefix only.
    static ProcessResult buildAgainstPrefix(const QString &source, const QString &binary)
    {
        QStringList configure{QStringLiteral("-S"), source, QStringLiteral("-B"), binary, QStringLiteral("-G"), QStringLiteral(MUXI_GENERATOR),
                              QStringLiteral("-DCMAKE_BUILD_TYPE=Debug"), QStringLiteral("-DCMAKE_PREFIX_PATH=") + prefix,
                              QStringLiteral("-DCMAKE_CXX_COMPILER=" MUXI_CXX), QStringLiteral("-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF")};
        if (!QStringLiteral(MUXI_CCACHE).isEmpty())
            configure.append(QStringLiteral("-DCMAKE_CXX_COMPILER_LAUNCHER=" MUXI_CCACHE));
        ProcessResult result = cmake(configure);
        if (result.exitCode != 0)
            return result;
        return cmake({QStringLiteral("--build"), binary});
    }

    QProcessEnvironment runEnvironment() const
    {
        QProcessEnvironment environment = cleanEnvironment(home);
        environment.insert(QStringLiteral("OPENAI_API_KEY"), canaryKey);
        environment.insert(QStringLiteral("OPENAI_BASE_URL"), fake->baseUrl().toString());
        environment.insert(QStringLiteral("MUXI_CONFIG"), home + QLatin1String("/config.json"));
        // The ranks scripts/install-deps.sh installed, wherever this run's HOME points.
        const QString ranks = qEnvironmentVariable("MUXI_TIKTOKEN_DIR", QDir::homePath() + QLatin1String("/.cache/muxi/npm/node_modules/js-tiktoken/dist/ranks"));
        environment.insert(QStringLiteral("MUXI_TIKTOKEN_DIR"), ranks);
        return environment;
    }

    ProcessResult runExample(const QString &name, const QStringList &arguments)
    {
        const ProcessResult result = runProcess(examplesBuild + QLatin1String("/example-") + name, arguments, runEnvironment());
        // The key is in the environment of every run; it must show up in no output.
        const QString all = output(result);
        if (all.contains(canaryKey))
            QTest::qFail("the API key appears in the output", __FILE__, __LINE__);
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QDir(workDir).removeRecursively());
        QVERIFY(QDir().mkpath(workDir + QLatin1String("/home")));
        home = workDir + QLatin1String("/home");

        for (const QString &component : {QStringLiteral("runtime"), QStringLiteral("development")}) {
            const ProcessResult installed =
                cmake({QStringLiteral("--install"), QStringLiteral(MUXI_BUILD_DIR), QStringLiteral("--prefix"), prefix, QStringLiteral("--component"), component});
            QVERIFY2(installed.exitCode == 0, qPrintable(output(installed)));
        }
        const ProcessResult built = buildAgainstPrefix(QStringLiteral(MUXI_SOURCE_DIR "/examples"), examplesBuild);
        QVERIFY2(built.exitCode == 0, qPrintable(output(built)));
    }

    void init()
    {
        fake = std::make_unique<FakeOpenAi>(canaryKey);
    }

    void installedLayout()
    {
        for (const char *path : {"lib/libmuxi-core.so.0.2.0", "lib/libmuxi-core.so.0", "lib/libmuxi-core.so", "lib/libmuxi-providers.so.0",
                                 "include/muxi/client.h", "include/muxi/muxi_core_export.h", "include/muxi/providers/builtinproviders.h",
                                 "include/muxi/providers/localdiscovery.h", "lib/cmake/Muxi/MuxiConfig.cmake", "lib/cmake/Muxi/MuxiConfigVersion.cmake",
                                 "lib/cmake/Muxi/MuxiTargets.cmake", "lib/pkgconfig/muxi.pc"}) {
            QVERIFY2(QFile::exists(prefix + QLatin1Char('/') + QLatin1String(path)), path);
        }
        // Adapters stay inside libmuxi-providers.
        QVERIFY(!QFile::exists(prefix + QLatin1String("/include/muxi/providers/openaiadapter.h")));
        QVERIFY(!QFile::exists(prefix + QLatin1String("/include/muxi/providers/wirehelpers.h")));

        // Relocatable: nothing installed points back into the source or build tree.
        QDirIterator files(prefix + QLatin1String("/lib"), {QStringLiteral("*.cmake"), QStringLiteral("*.pc")}, QDir::Files, QDirIterator::Subdirectories);
        int checked = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray text = file.readAll();
            QVERIFY2(!text.contains(MUXI_BUILD_DIR) && !text.contains(MUXI_SOURCE_DIR), qPrintable(file.fileName()));
            ++checked;
        }
        QVERIFY(checked >= 5);

        // The examples found the installed package, and run with its libraries.
        QFile cache(examplesBuild + QLatin1String("/CMakeCache.txt"));
        QVERIFY(cache.open(QIODevice::ReadOnly));
        QVERIFY(cache.readAll().contains("Muxi_DIR:PATH=" + prefix.toUtf8() + "/lib/cmake/Muxi"));
        const ProcessResult ldd = runProcess(QStringLiteral("ldd"), {examplesBuild + QLatin1String("/example-blocking")}, QProcessEnvironment::systemEnvironment());
        QCOMPARE(ldd.exitCode, 0);
        const QString libraries = QString::fromUtf8(ldd.out);
        QVERIFY2(libraries.contains(QStringLiteral("libmuxi-core.so.0 => ") + prefix + QLatin1String("/lib/libmuxi-core.so.0")), qPrintable(libraries));
        QVERIFY2(libraries.contains(QStringLiteral("libmuxi-providers.so.0 => ") + prefix + QLatin1String("/lib/libmuxi-providers.so.0")), qPrintable(libraries));
    }

    void headersCompileAlone()
    {
        const ProcessResult built = buildAgainstPrefix(QStringLiteral(MUXI_SOURCE_DIR "/tests/install/headers"), workDir + QLatin1String("/headers"));
        QVERIFY2(built.exitCode == 0, qPrintable(output(built)));
        const int installed = int(QDir(prefix + QLatin1String("/include/muxi")).entryList({QStringLiteral("*.h")}, QDir::Files).size()) + 2;
        const int compiled = int(QDir(workDir + QLatin1String("/headers/tu")).entryList({QStringLiteral("*.cpp")}, QDir::Files).size());
        QCOMPARE(compiled, installed);
        QVERIFY(compiled > 40);
    }

    void pkgConfigConsumer()
    {
        QProcessEnvironment environment = buildEnvironment();
        environment.insert(QStringLiteral("PKG_CONFIG_PATH"), prefix + QLatin1String("/lib/pkgconfig"));
        const ProcessResult flags = runProcess(QStringLiteral(MUXI_PKG_CONFIG), {QStringLiteral("--cflags"), QStringLiteral("--libs"), QStringLiteral("muxi")}, environment);
        QVERIFY2(flags.exitCode == 0, qPrintable(output(flags)));
        const ProcessResult version = runProcess(QStringLiteral(MUXI_PKG_CONFIG), {QStringLiteral("--modversion"), QStringLiteral("muxi")}, environment);
        QCOMPARE(version.out.trimmed(), QByteArray("0.2.0"));

        // The flags as a shell would split them; the C++ standard is the consumer's to choose (docs/api.md).
        QStringList arguments{QStringLiteral("-std=c++20"), QStringLiteral(MUXI_SOURCE_DIR "/tests/install/consumer/main.cpp"),
                              QStringLiteral("-o"), workDir + QLatin1String("/consumer")};
        arguments += QString::fromUtf8(flags.out).split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        QVERIFY2(arguments.contains(QStringLiteral("-lmuxi-core")) && arguments.contains(QStringLiteral("-lmuxi-providers")), flags.out.constData());
        arguments.append(QStringLiteral("-Wl,-rpath,") + prefix + QLatin1String("/lib"));
        QString compiler = QStringLiteral(MUXI_CXX);
        if (!QStringLiteral(MUXI_CCACHE).isEmpty()) {
            arguments.prepend(compiler);
            compiler = QStringLiteral(MUXI_CCACHE);
        }
        const ProcessResult built = runProcess(compiler, arguments, environment, {}, 300'000);
        QVERIFY2(built.exitCode == 0, qPrintable(output(built)));

        const ProcessResult ran = runProcess(workDir + QLatin1String("/consumer"), {}, runEnvironment());
        QVERIFY2(ran.exitCode == 0, qPrintable(output(ran)));
        QVERIFY2(ran.out.contains("You said: ping from pkg-config"), ran.out.constData());
        const QRegularExpressionMatch providers = QRegularExpression(QStringLiteral("providers: (\\d+)")).match(QString::fromUtf8(ran.out));
        QVERIFY(providers.hasMatch() && providers.captured(1).toInt() > 20);
    }

    void blocking()
    {
        const ProcessResult r = runExample(QStringLiteral("blocking"), {QStringLiteral("Name a primary colour")});
        QVERIFY2(r.exitCode == 0, qPrintable(output(r)));
        QCOMPARE(QString::fromUtf8(r.out), QStringLiteral("You said: Name a primary colour\nanswered by: openai/gpt-4o-mini\ntokens: 20 prompt, 8 completion\n"));
        const QJsonObject sent = fake->server().requests().first().json();
        QCOMPARE(sent.value(QLatin1String("model")).toString(), QStringLiteral("gpt-4o-mini"));
        QCOMPARE(sent.value(QLatin1String("messages")).toArray().first().toObject().value(QLatin1String("role")).toString(), QStringLiteral("system"));
        QCOMPARE(sent.value(QLatin1String("max_completion_tokens")).toInt(), 200);
    }

    void blockingReportsProviderErrors()
    {
        QProcessEnvironment environment = runEnvironment();
        environment.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-wrong-canary-0000"));
        const ProcessResult r = runProcess(examplesBuild + QLatin1String("/example-blocking"), {QStringLiteral("hi")}, environment);
        QCOMPARE(r.exitCode, 1);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.startsWith(QLatin1String("error: openai/gpt-4o-mini")) && err.contains(QLatin1String("401")) && err.contains(QLatin1String("Incorrect API key")),
                 qPrintable(err));
        QVERIFY(!err.contains(QLatin1String("sk-wrong-canary-0000")));
    }

    void streaming()
    {
        const ProcessResult r = runExample(QStringLiteral("streaming"), {QStringLiteral("Tell me a joke")});
        QVERIFY2(r.exitCode == 0, qPrintable(output(r)));
        QCOMPARE(QString::fromUtf8(r.out),
                 QStringLiteral("Why did the stream cross the road? To reach the other side.\n\nanswered by: openai/gpt-4o-mini in 7 pieces\n"
                                "tokens: 12 prompt, 14 completion\n"));
        QVERIFY(fake->server().requests().first().json().value(QLatin1String("stream")).toBool());
    }

    void fallbacksAndRetries()
    {
        const ProcessResult r = runExample(QStringLiteral("fallbacks"), {QStringLiteral("openai/overloaded-model"), QStringLiteral("openai/flaky-model"), QStringLiteral("Say hello")});
        QVERIFY2(r.exitCode == 0, qPrintable(output(r)));
        // One retry per model: twice 503 on the first, then 429 and an answer on the fallback.
        QCOMPARE(fake->chatRequests(QStringLiteral("overloaded-model")), 2);
        QCOMPARE(fake->chatRequests(QStringLiteral("flaky-model")), 2);
        const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        QVERIFY2(lines[0].startsWith(QLatin1String("attempt: openai/overloaded-model: error")) && lines[0].contains(QLatin1String("HTTP 503")), qPrintable(lines[0]));
        QVERIFY2(lines[1].startsWith(QLatin1String("attempt: openai/overloaded-model: error")) && lines[1].contains(QLatin1String("after waiting")), qPrintable(lines[1]));
        QVERIFY2(lines[2].startsWith(QLatin1String("attempt: openai/flaky-model: error rate_limit HTTP 429")) && lines[2].contains(QLatin1String("Rate limit reached")),
                 qPrintable(lines[2]));
        // The server's retry-after-ms decides the wait.
        QVERIFY2(lines[3].startsWith(QLatin1String("attempt: openai/flaky-model: ok")) && lines[3].contains(QLatin1String("after waiting 20 ms")), qPrintable(lines[3]));
        QCOMPARE(lines[4], QStringLiteral("answer: Hello after a retry."));
        QCOMPARE(lines[5], QStringLiteral("answered by: openai/flaky-model"));
    }

    void fallbacksFailWithTheLastError()
    {
        const ProcessResult r = runExample(QStringLiteral("fallbacks"), {QStringLiteral("openai/overloaded-model"), QStringLiteral("openai/overloaded-model"), QStringLiteral("hi")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("error: openai/overloaded-model: HTTP 503") && r.err.contains("currently overloaded"), r.err.constData());
    }

    void tools()
    {
        const ProcessResult r = runExample(QStringLiteral("tools"), {QStringLiteral("What is the weather in Lisbon?")});
        QVERIFY2(r.exitCode == 0, qPrintable(output(r)));
        QCOMPARE(QString::fromUtf8(r.out),
                 QStringLiteral("tool call: get_weather {\"city\":\"Lisbon\"} -> {\"city\":\"Lisbon\",\"sky\":\"sunny\",\"temperature_c\":21}\n"
                                "answer: It is 21 °C and sunny in Lisbon (call call_weather_1).\n"));
        const QList<RecordedRequest> requests = fake->server().requests();
        QCOMPARE(requests.size(), 2);
        const QJsonObject first = requests[0].json();
        QCOMPARE(first.value(QLatin1String("tools")).toArray().first().toObject().value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("get_weather"));
        // The second request carries the assistant's call and the result under the same id.
        const QJsonArray messages = requests[1].json().value(QLatin1String("messages")).toArray();
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages[1].toObject().value(QLatin1String("tool_calls")).toArray().first().toObject().value(QLatin1String("id")).toString(), QStringLiteral("call_weather_1"));
        QCOMPARE(messages[2].toObject().value(QLatin1String("role")).toString(), QStringLiteral("tool"));
        QCOMPARE(messages[2].toObject().value(QLatin1String("tool_call_id")).toString(), QStringLiteral("call_weather_1"));
    }

    void imagesAndAudio()
    {
        const QString image = QStringLiteral(MUXI_SOURCE_DIR "/tests/data/examples/pixels.png");
        const QString audio = QStringLiteral(MUXI_SOURCE_DIR "/tests/data/examples/tone.wav");
        const qint64 imageBytes = QFileInfo(image).size();
        const qint64 audioBytes = QFileInfo(audio).size();

        const ProcessResult seen = runExample(QStringLiteral("multimodal"), {image, QStringLiteral("What is this?")});
        QVERIFY2(seen.exitCode == 0, qPrintable(output(seen)));
        QCOMPARE(QString::fromUtf8(seen.out),
                 QStringLiteral("attached: pixels.png as image/png, %1 bytes\n"
                                "answer: I received text \"What is this?\", image/png image of %1 bytes.\n")
                     .arg(imageBytes));

        const ProcessResult heard =
            runExample(QStringLiteral("multimodal"), {QStringLiteral("--model"), QStringLiteral("openai/gpt-4o-audio-preview"), audio, QStringLiteral("What is this?")});
        QVERIFY2(heard.exitCode == 0, qPrintable(output(heard)));
        QCOMPARE(QString::fromUtf8(heard.out),
                 QStringLiteral("attached: tone.wav as wav audio, %1 bytes\n"
                                "answer: I received text \"What is this?\", wav audio of %1 bytes.\n")
                     .arg(audioBytes));
        QCOMPARE(fake->server().requests().size(), 2);
    }

    // A model that cannot take audio is never sent it: the error says why.
    void audioRefusedByAModelWithoutAudio()
    {
        const ProcessResult r = runExample(QStringLiteral("multimodal"),
                                           {QStringLiteral(MUXI_SOURCE_DIR "/tests/data/examples/tone.wav"), QStringLiteral("What is this?")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("error: openai/gpt-4o-mini: unsupported") && r.err.contains("cannot take audio"), r.err.constData());
        QVERIFY(fake->server().requests().isEmpty());
    }

    void imagesRejectsWhatIsNoImage()
    {
        const ProcessResult r = runExample(QStringLiteral("multimodal"), {QStringLiteral(MUXI_SOURCE_DIR "/tests/data/examples/stream-joke.sse"), QStringLiteral("What is this?")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("stream-joke.sse is not an image"), r.err.constData());
        QVERIFY(fake->server().requests().isEmpty());
    }

    void jsonMode()
    {
        const ProcessResult r = runExample(QStringLiteral("jsonmode"), {QStringLiteral("The primary colours")});
        QVERIFY2(r.exitCode == 0, qPrintable(output(r)));
        QCOMPARE(QString::fromUtf8(r.out), QStringLiteral("colours: red, yellow, blue\ncount: 3\n"));
        const QJsonObject sent = fake->server().requests().first().json();
        QCOMPARE(sent.value(QLatin1String("response_format")).toObject().value(QLatin1String("type")).toString(), QStringLiteral("json_object"));
    }

    void embeddings()
    {
        const ProcessResult r = runExample(QStringLiteral("embeddings"), {QStringLiteral("listen"), QStringLiteral("silent"), QStringLiteral("xyz")});
        QVERIFY2(r.exitCode == 0, qPrintable(output(r)));
        // Anagrams have the same letter counts; "xyz" shares no letter with "listen".
        QCOMPARE(QString::fromUtf8(r.out),
                 QStringLiteral("3 vectors of 26 dimensions from openai/text-embedding-3-small\n"
                                "similarity to \"listen\": 1.000  \"silent\"\n"
                                "similarity to \"listen\": 0.000  \"xyz\"\n"));
        const QJsonObject sent = fake->server().requests().first().json();
        QCOMPARE(sent.value(QLatin1String("input")).toArray().size(), 3);
    }

    void tokens()
    {
        const bool ranksInstalled = QFile::exists(runEnvironment().value(QStringLiteral("MUXI_TIKTOKEN_DIR")) + QLatin1String("/o200k_base.js"));
        const ProcessResult openai = runExample(QStringLiteral("tokens"), {QStringLiteral("Hello, world!")});
        const ProcessResult other = runExample(QStringLiteral("tokens"), {QStringLiteral("anthropic/claude-3-5-haiku-latest"), QStringLiteral("Hello, world!")});
        QVERIFY2(other.exitCode == 0, qPrintable(output(other)));
        if (ranksInstalled) {
            QVERIFY2(openai.exitCode == 0, qPrintable(output(openai)));
            // "Hello" "," " world" "!"; as a message 3 + role 1 + 4 + 3 priming the reply.
            QCOMPARE(QString::fromUtf8(openai.out), QStringLiteral("text: 4 tokens (exact, o200k_base)\nas a chat prompt: 11 tokens (exact)\n"));
            QCOMPARE(QString::fromUtf8(other.out), QStringLiteral("text: 4 tokens (estimate, o200k_base)\nas a chat prompt: 11 tokens (estimate)\n"));
        } else {
            // An exact count is impossible without the ranks, and the error says how to install them.
            QCOMPARE(openai.exitCode, 1);
            QVERIFY2(openai.err.contains("MUXI_TIKTOKEN_DIR"), openai.err.constData());
            QVERIFY2(other.out.startsWith("text: 4 tokens (estimate, chars/4)\n"), other.out.constData());
        }
        QVERIFY(fake->server().requests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInstalledPackage)
#include "tst_installedpackage.moc"
