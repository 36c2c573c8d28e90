#include <fakehttpserver.h>
#include <fixtures.h>
#include <processrunner.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi::test;

// The native adapters' "done when": `muxi chat -m <provider>/<model> --stream
// --image cat.png "describe"` streams from a loopback server speaking that
// provider's wire format, and the image's bytes arrive intact.
class TestCliNativeProviders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streamsWithAnImage_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("baseUrlVariable");
        QTest::addColumn<QString>("basePath");
        QTest::addColumn<QString>("keyVariable");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("streamFixture");
        QTest::addColumn<QString>("expectedText");

        QTest::newRow("anthropic") << "anthropic/claude-sonnet-4-5" << "ANTHROPIC_BASE_URL" << "/v1" << "ANTHROPIC_API_KEY"
                                   << QByteArray("/v1/messages") << "anthropic/stream-text.sse" << "Hello, world!";
        QTest::newRow("gemini") << "gemini/gemini-2.5-flash" << "GEMINI_BASE_URL" << "/v1beta" << "GEMINI_API_KEY"
                                << QByteArray("/v1beta/models/gemini-2.5-flash:streamGenerateContent") << "gemini/stream-text.sse"
                                << "Hello world!";
        QTest::newRow("cohere") << "cohere/command-a-vision-07-2025" << "COHERE_BASE_URL" << "" << "COHERE_API_KEY" << QByteArray("/v2/chat")
                                << "cohere/chat-stream-text.sse" << "Hello from Cohere";
        QTest::newRow("ollama") << "ollama/llama3.2" << "OLLAMA_HOST" << "" << "" << QByteArray("/api/chat") << "ollama/chat-stream.ndjson"
                                << "The sky is blue.";
        QTest::newRow("huggingface") << "huggingface/meta-llama/Llama-3.2-11B-Vision-Instruct" << "HUGGINGFACE_BASE_URL" << "/v1"
                                     << "HF_TOKEN" << QByteArray("/v1/chat/completions") << "openai/chat-stream-usage.sse" << "Hello";
        QTest::newRow("azure") << "azure/vision-prod" << "AZURE_OPENAI_ENDPOINT" << "" << "AZURE_OPENAI_API_KEY"
                               << QByteArray("/openai/deployments/vision-prod/chat/completions") << "openai/chat-stream-usage.sse" << "Hello";
        QTest::newRow("llamacpp") << "llamacpp/gemma-3-4b" << "LLAMACPP_BASE_URL" << "/v1" << "" << QByteArray("/v1/chat/completions")
                                  << "openai/chat-stream-usage.sse" << "Hello";
    }

    void streamsWithAnImage()
    {
        QFETCH(QString, model);
        QFETCH(QString, baseUrlVariable);
        QFETCH(QString, basePath);
        QFETCH(QString, keyVariable);
        QFETCH(QByteArray, path);
        QFETCH(QString, streamFixture);
        QFETCH(QString, expectedText);

        FakeHttpServer server;
        const QByteArray stream = fixture(streamFixture);
        ScriptedResponse response = streamFixture.endsWith(QLatin1String(".ndjson"))
            ? ScriptedResponse::ndjson(stream.trimmed().split('\n'), 2)
            : ScriptedResponse::sseBytes(stream, 23, 2);
        server.script("POST", path, {response});

        QTemporaryDir home;
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + QByteArray(96, '\x5a');
        QFile image(home.filePath(QStringLiteral("cat.png")));
        QVERIFY(image.open(QIODevice::WriteOnly));
        image.write(png);
        image.close();

        QProcessEnvironment env = cleanEnvironment(home.path());
        env.insert(baseUrlVariable, server.url(basePath).toString());
        const QString key = QStringLiteral("canary-native-cli-0042");
        if (!keyVariable.isEmpty())
            env.insert(keyVariable, key);
        const ProcessResult r = runProcess(QStringLiteral(MUXI_CLI),
                                           {QStringLiteral("chat"), QStringLiteral("-m"), model, QStringLiteral("--stream"),
                                            QStringLiteral("--image"), image.fileName(), QStringLiteral("describe")},
                                           env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.count(path), 1);
        const QString out = QString::fromUtf8(r.out);
        QCOMPARE(out, expectedText + QLatin1Char('\n'));
        // Every one of these APIs carries inline images as base64 of the raw bytes.
        const RecordedRequest sent = server.requests().first();
        QVERIFY2(sent.body.contains(png.toBase64()), sent.body.left(400).constData());
        QVERIFY(sent.body.contains("describe"));
        QVERIFY(!r.out.contains(key.toUtf8()) && !r.err.contains(key.toUtf8()));
    }

    // Ollama takes images only as bytes: a URL is fetched and inlined first.
    void imageUrlForABytesOnlyProvider()
    {
        FakeHttpServer server;
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + QByteArray(64, '\x33');
        ScriptedResponse image;
        image.headers = {{"Content-Type", "image/png"}};
        image.pieces = {png};
        server.script("GET", "/photos/cat.png", {image});
        server.script("POST", "/api/chat", {ScriptedResponse::ndjson(fixture(QStringLiteral("ollama/chat-stream.ndjson")).trimmed().split('\n'), 2)});
        QTemporaryDir home;
        QProcessEnvironment env = cleanEnvironment(home.path());
        env.insert(QStringLiteral("OLLAMA_HOST"), server.url().toString());
        const ProcessResult r = runProcess(QStringLiteral(MUXI_CLI),
                                           {QStringLiteral("chat"), QStringLiteral("-m"), QStringLiteral("ollama/llava"), QStringLiteral("--stream"),
                                            QStringLiteral("--image"), server.url(QStringLiteral("/photos/cat.png")).toString(),
                                            QStringLiteral("describe")},
                                           env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, QByteArray("The sky is blue.\n"));
        QCOMPARE(server.count("/photos/cat.png"), 1);
        QVERIFY(server.requests().last().body.contains(png.toBase64()));
    }
};

QTEST_GUILESS_MAIN(TestCliNativeProviders)
#include "tst_clinativeproviders.moc"
