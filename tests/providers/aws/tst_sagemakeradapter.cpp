#include "eventstreamwriter.h"
#include "sigv4check.h"

#include <chattesthelpers.h>
#include <replyrecorder.h>

#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString accessKey = QStringLiteral("AKIDCANARYSAGEMAKER");
const QString secretKey = QStringLiteral("canary-sagemaker-secret-123456");
const QString region = QStringLiteral("eu-west-1");
const QByteArray invokePath = "/endpoints/my-tgi-endpoint/invocations";
const QByteArray streamPath = "/endpoints/my-tgi-endpoint/invocations-response-stream";

AwsCredentials canaryCredentials()
{
    AwsCredentials credentials;
    credentials.accessKeyId = accessKey;
    credentials.secretAccessKey = secretKey;
    return credentials;
}

ScriptedResponse eventStream(const QString &fixtureName, bool cutLast = false)
{
    QByteArray listing = fixture(fixtureName);
    if (cutLast)
        listing = listing.left(listing.trimmed().lastIndexOf('\n'));
    ScriptedResponse response;
    response.headers = {{"Content-Type", "application/vnd.amazon.eventstream"}};
    const QByteArray bytes = eventStreamFromListing(listing);
    for (qsizetype at = 0; at < bytes.size(); at += 45)
        response.pieces.append(bytes.mid(at, 45));
    response.chunked = true;
    response.cut = cutLast;
    return response;
}
}

// SageMaker InvokeEndpoint(WithResponseStream) against a loopback server:
// TGI and OpenAI-style containers, PayloadPart bytes decoded as the
// container's own stream, SigV4 (service "sagemaker") recomputed per request.
class TestSageMakerAdapter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<QTemporaryDir> home;
    std::unique_ptr<Client> client;

    ChatRequest ask(bool stream = false, bool withSystem = false)
    {
        ChatRequest request;
        request.model = QStringLiteral("sagemaker/my-tgi-endpoint");
        if (withSystem)
            request.messages.append(Message::system(QStringLiteral("Answer in two words.")));
        request.messages.append(Message::user(QStringLiteral("Why is the sky blue?")));
        request.maxTokens = 32;
        request.temperature = 0.0;
        request.stream = stream;
        return request;
    }

    Reply *run(const ChatRequest &request) { return record(client->chat(request)).reply; }

    void checkSigned(const RecordedRequest &sent)
    {
        const QString mismatch = sigV4Mismatch(sent, canaryCredentials(), region, QStringLiteral("sagemaker"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        home = std::make_unique<QTemporaryDir>();
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), home->path());
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), accessKey);
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secretKey);
        env.insert(QStringLiteral("AWS_DEFAULT_REGION"), region);
        env.insert(QStringLiteral("SAGEMAKER_BASE_URL"), server->url().toString());
        client = clientWithoutRetries(builtinRegistry(), env);
    }

    void tgiInvoke()
    {
        server->script("POST", invokePath, {ScriptedResponse::json(200, fixture(QStringLiteral("sagemaker/tgi-generate.json")))});
        const Expected<ChatCompletion> result = client->chatBlocking(ask(false, true));
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral(" Rayleigh scattering."));
        QCOMPARE(result->choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(result->usage->completionTokens, 4);
        QCOMPARE(result->model, QStringLiteral("my-tgi-endpoint"));

        const RecordedRequest sent = server->requests().first();
        checkSigned(sent);
        QCOMPARE(sent.header("accept"), QByteArray("application/json"));
        const QJsonObject body = sent.json();
        QCOMPARE(body.value(QLatin1String("inputs")).toString(),
                 QStringLiteral("System: Answer in two words.\n\nUser: Why is the sky blue?\n\nAssistant:"));
        const QJsonObject parameters = body.value(QLatin1String("parameters")).toObject();
        QCOMPARE(parameters.value(QLatin1String("max_new_tokens")).toInt(), 32);
        // TGI rejects temperature 0: greedy decoding is do_sample false.
        QVERIFY(!parameters.contains(QLatin1String("temperature")));
        QCOMPARE(parameters.value(QLatin1String("do_sample")).toBool(true), false);
        QCOMPARE(parameters.value(QLatin1String("return_full_text")).toBool(true), false);
        QVERIFY(!body.contains(QLatin1String("stream")));
    }

    void tgiStreamAcrossPayloadParts()
    {
        server->script("POST", streamPath, {eventStream(QStringLiteral("sagemaker/tgi-stream.events"))});
        const RecordedReply streamed = record(client->chat(ask(true)));
        Reply *reply = streamed.reply;
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        // The special </s> token is not text.
        QCOMPARE(streamed.deltas, (QStringList{QStringLiteral(" Ray"), QStringLiteral("leigh")}));
        QCOMPARE(reply->chatCompletion().text(), QStringLiteral(" Rayleigh"));
        QCOMPARE(reply->chatCompletion().choices.first().finishReason, QStringLiteral("stop"));
        QCOMPARE(reply->chatCompletion().usage->completionTokens, 3);

        const RecordedRequest sent = server->requests().first();
        checkSigned(sent);
        QCOMPARE(sent.header("accept"), QByteArray("application/vnd.amazon.eventstream"));
        QCOMPARE(sent.json().value(QLatin1String("stream")).toBool(), true);
        // A lone user message is the prompt as it is.
        QCOMPARE(sent.json().value(QLatin1String("inputs")).toString(), QStringLiteral("Why is the sky blue?"));
    }

    void messagesPayload()
    {
        client->configuration().setProviderSettings(QStringLiteral("sagemaker"),
                                                    QJsonObject{{QLatin1String("payload"), QLatin1String("messages")},
                                                                {QLatin1String("target_variant"), QLatin1String("variant-b")},
                                                                {QLatin1String("inference_component"), QLatin1String("llama-ic")}});
        server->script("POST", streamPath, {eventStream(QStringLiteral("sagemaker/messages-stream.events"))});
        server->script("POST", invokePath, {ScriptedResponse::json(200, fixture(QStringLiteral("sagemaker/messages-response.json")))});

        Reply *reply = run(ask(true, true));
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        QCOMPARE(reply->chatCompletion().text(), QStringLiteral("Hello"));
        QCOMPARE(reply->chatCompletion().choices.first().finishReason, QStringLiteral("stop"));

        const Expected<ChatCompletion> plain = client->chatBlocking(ask(false, true));
        QVERIFY2(plain, qPrintable(plain ? QString() : plain.error().toString()));
        QCOMPARE(plain->text(), QStringLiteral("Hello from the endpoint."));
        QCOMPARE(plain->usage->promptTokens, 11);

        for (const RecordedRequest &sent : server->requests()) {
            checkSigned(sent);
            QCOMPARE(sent.header("x-amzn-sagemaker-target-variant"), QByteArray("variant-b"));
            QCOMPARE(sent.header("x-amzn-sagemaker-inference-component"), QByteArray("llama-ic"));
            const QJsonObject body = sent.json();
            QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("my-tgi-endpoint"));
            QCOMPARE(body.value(QLatin1String("messages")).toArray().size(), 2);
            QCOMPARE(body.value(QLatin1String("max_tokens")).toInt(), 32);
            QVERIFY(!body.contains(QLatin1String("stream_options")));
        }
        QCOMPARE(server->requests().first().json().value(QLatin1String("stream")).toBool(), true);
    }

    void streamErrors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<Error::Kind>("kind");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("partial");
        QTest::newRow("ModelStreamError frame") << "sagemaker/tgi-stream-model-error.events" << Error::Kind::Server
                                                << "Your model stream was interrupted: CUDA out of memory" << " Ray";
        QTest::newRow("TGI error event") << "sagemaker/tgi-stream-error-event.events" << Error::Kind::Overloaded << "Model is overloaded" << "";
    }

    void streamErrors()
    {
        QFETCH(QString, file);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, message);
        QFETCH(QString, partial);
        server->script("POST", streamPath, {eventStream(file)});
        Reply *reply = run(ask(true));
        QVERIFY(reply->hasError());
        QCOMPARE(reply->failure().kind, kind);
        QCOMPARE(reply->failure().message, message);
        QCOMPARE(reply->failure().partialText, partial);
        QCOMPARE(reply->failure().provider, QStringLiteral("sagemaker"));
    }

    void cutStreamIsInterrupted()
    {
        // The final TGI event never comes: SageMaker has no end marker of its own.
        server->script("POST", streamPath, {eventStream(QStringLiteral("sagemaker/tgi-stream.events"), true)});
        Reply *reply = run(ask(true));
        QCOMPARE(reply->failure().kind, Error::Kind::StreamInterrupted);
        QCOMPARE(reply->failure().partialText, QStringLiteral(" Ray"));
    }

    void httpErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("errorType");
        QTest::addColumn<QString>("file");
        QTest::addColumn<Error::Kind>("kind");
        QTest::addColumn<QString>("message");
        // The container's 422 says the input is over TGI's token limit: a context-length refusal.
        QTest::newRow("model error 424") << 424 << QByteArray("ModelError") << "sagemaker/error-model-error.json" << Error::Kind::ContextLength
                                         << "Input validation error: `inputs` must have less than 4096 tokens";
        QTest::newRow("validation 400") << 400 << QByteArray("ValidationError") << "sagemaker/error-validation.json" << Error::Kind::BadRequest
                                        << "Endpoint my-tgi-endpoint of account 123456789012 not found.";
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, errorType);
        QFETCH(QString, file);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, message);
        server->script("POST", invokePath, {ScriptedResponse::json(status, fixture(file), {{"x-amzn-ErrorType", errorType}})});
        const Expected<ChatCompletion> result = client->chatBlocking(ask());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, kind);
        QCOMPARE(result.error().httpStatus, status);
        QCOMPARE(result.error().message, message);
        QCOMPARE(result.error().type, QString::fromLatin1(errorType));
        QVERIFY(!result.error().toString().contains(secretKey));
    }

    void toolsAndImagesCannotBeAPrompt()
    {
        ChatRequest request = ask();
        request.messages.append(Message::user({ContentPart::fromImageData("png", QStringLiteral("image/png"))}));
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Unsupported);
        QCOMPARE(server->requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSageMakerAdapter)
#include "tst_sagemakeradapter.moc"
