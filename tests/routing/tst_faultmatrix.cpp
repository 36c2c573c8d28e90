#include "eventstreamwriter.h"

#include <exitcodes.h>

#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>
#include <processrunner.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {

enum class Framing { Sse, Ndjson, EventStream };

// A canned answer: status, body, headers.
struct Answer {
    int status = 0;
    QByteArray body;
    Headers headers;
};

// One native protocol family as the matrix drives it: where it listens, what
// its streams look like, and how it says "too long", "slow down", "who are you"
// and "busy".
struct Family {
    QString model;
    // Variable → value; "{base}" is replaced by the fake server's address.
    QList<std::pair<QString, QString>> environment;
    QByteArray path;
    QByteArray streamPath;
    QByteArray streamMethod = "POST";
    // Streams that begin with another request (Replicate's prediction).
    QByteArray createPath;
    QString createFixture;
    Framing framing = Framing::Sse;
    // An in-stream error fixture: every event but the last is a good partial
    // answer (the prefix the cut and malformed cases reuse), the last the error.
    QString streamErrorFixture;
    Error::Kind streamErrorKind = Error::Kind::Server;
    // A complete non-streamed answer, cut in half for the mid-body drop.
    QString answerFixture;
    // One malformed event in the family's framing; empty: the framing's default.
    QByteArray malformedEvent;
    std::optional<Answer> contextLength;
    Answer auth;
    Error::Kind authKind = Error::Kind::Authentication;
    Answer rateLimit;
    Answer overloaded;
    bool embeddings = false;
};

Answer fromFixture(int status, const QString &file, Headers headers = {})
{
    return {status, fixture(file), std::move(headers)};
}

Headers awsError(const QByteArray &type)
{
    return {{"x-amzn-ErrorType", type}, {"x-amzn-RequestId", "req-fault-1"}};
}

QHash<QString, Family> families()
{
    QHash<QString, Family> all;
    const Answer openAiAuth = fromFixture(401, QStringLiteral("openai/error-401.json"));
    const Answer openAiRate = fromFixture(429, QStringLiteral("openai/error-429-rate.json"));
    const Answer openAiBusy = fromFixture(503, QStringLiteral("openai/error-500.json"));

    Family openai;
    openai.model = QStringLiteral("openai/gpt-4o-mini");
    openai.environment = {{QStringLiteral("OPENAI_BASE_URL"), QStringLiteral("{base}/v1")}, {QStringLiteral("OPENAI_API_KEY"), QStringLiteral("canary-fault-openai")}};
    openai.path = openai.streamPath = "/v1/chat/completions";
    openai.streamErrorFixture = QStringLiteral("openai/chat-stream-error.sse");
    openai.answerFixture = QStringLiteral("openai/chat-completion.json");
    openai.contextLength = fromFixture(400, QStringLiteral("openai/error-400-context.json"));
    openai.auth = openAiAuth;
    openai.rateLimit = openAiRate;
    openai.overloaded = openAiBusy;
    all.insert(QStringLiteral("openai"), openai);

    Family azure = openai;
    azure.model = QStringLiteral("azure/prod-4o");
    azure.environment = {{QStringLiteral("AZURE_OPENAI_ENDPOINT"), QStringLiteral("{base}")}, {QStringLiteral("AZURE_OPENAI_API_KEY"), QStringLiteral("canary-fault-azure")}};
    azure.path = azure.streamPath = "/openai/deployments/prod-4o/chat/completions";
    azure.answerFixture = QStringLiteral("azure/chat.json");
    azure.auth = fromFixture(401, QStringLiteral("azure/error-401.json"));
    azure.rateLimit = fromFixture(429, QStringLiteral("azure/error-429.json"));
    all.insert(QStringLiteral("azure"), azure);

    Family anthropic;
    anthropic.model = QStringLiteral("anthropic/claude-sonnet-4-5");
    anthropic.environment = {{QStringLiteral("ANTHROPIC_BASE_URL"), QStringLiteral("{base}/v1")}, {QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("canary-fault-anthropic")}};
    anthropic.path = anthropic.streamPath = "/v1/messages";
    anthropic.streamErrorFixture = QStringLiteral("anthropic/stream-error.sse");
    anthropic.streamErrorKind = Error::Kind::Overloaded;
    anthropic.answerFixture = QStringLiteral("anthropic/messages-text.json");
    anthropic.contextLength = fromFixture(400, QStringLiteral("anthropic/error-400-too-long.json"));
    anthropic.auth = fromFixture(401, QStringLiteral("anthropic/error-401.json"));
    anthropic.rateLimit = fromFixture(429, QStringLiteral("anthropic/error-429.json"));
    anthropic.overloaded = fromFixture(529, QStringLiteral("anthropic/error-529.json"));
    all.insert(QStringLiteral("anthropic"), anthropic);

    Family gemini;
    gemini.model = QStringLiteral("gemini/gemini-2.5-flash");
    gemini.environment = {{QStringLiteral("GEMINI_BASE_URL"), QStringLiteral("{base}/v1beta")}, {QStringLiteral("GEMINI_API_KEY"), QStringLiteral("canary-fault-gemini")}};
    gemini.path = "/v1beta/models/gemini-2.5-flash:generateContent";
    gemini.streamPath = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";
    gemini.streamErrorFixture = QStringLiteral("gemini/stream-error.sse");
    gemini.streamErrorKind = Error::Kind::Overloaded;
    gemini.answerFixture = QStringLiteral("gemini/generate-text.json");
    gemini.contextLength = fromFixture(400, QStringLiteral("gemini/error-400-too-long.json"));
    gemini.auth = fromFixture(401, QStringLiteral("gemini/error-401.json"));
    gemini.rateLimit = fromFixture(429, QStringLiteral("gemini/error-429.json"));
    gemini.overloaded = fromFixture(503, QStringLiteral("gemini/error-503.json"));
    all.insert(QStringLiteral("gemini"), gemini);

    Family cohere;
    cohere.model = QStringLiteral("cohere/command-a-03-2025");
    cohere.environment = {{QStringLiteral("COHERE_BASE_URL"), QStringLiteral("{base}")}, {QStringLiteral("COHERE_API_KEY"), QStringLiteral("canary-fault-cohere")}};
    cohere.path = cohere.streamPath = "/v2/chat";
    cohere.streamErrorFixture = QStringLiteral("cohere/chat-stream-error.sse");
    cohere.answerFixture = QStringLiteral("cohere/chat.json");
    cohere.contextLength = fromFixture(400, QStringLiteral("cohere/error-400-too-long.json"));
    cohere.auth = fromFixture(401, QStringLiteral("cohere/error-401.json"));
    cohere.rateLimit = fromFixture(429, QStringLiteral("cohere/error-429.json"));
    cohere.overloaded = {503, QByteArray(R"({"message":"service unavailable"})"), {}};
    all.insert(QStringLiteral("cohere"), cohere);

    Family ollama;
    ollama.model = QStringLiteral("ollama/llama3.2");
    ollama.environment = {{QStringLiteral("OLLAMA_HOST"), QStringLiteral("{base}")}};
    ollama.path = ollama.streamPath = "/api/chat";
    ollama.framing = Framing::Ndjson;
    ollama.streamErrorFixture = QStringLiteral("ollama/chat-stream-error.ndjson");
    ollama.answerFixture = QStringLiteral("ollama/chat.json");
    ollama.contextLength = fromFixture(400, QStringLiteral("ollama/error-400-context.json"));
    ollama.auth = fromFixture(401, QStringLiteral("ollama/error-401.json"));
    ollama.rateLimit = fromFixture(429, QStringLiteral("ollama/error-429.json"));
    ollama.overloaded = {503, QByteArray(R"({"error":"server busy, please try again.  maximum pending requests exceeded"})"), {}};
    all.insert(QStringLiteral("ollama"), ollama);

    Family tgi;
    tgi.model = QStringLiteral("tgi/tgi");
    tgi.environment = {{QStringLiteral("TGI_BASE_URL"), QStringLiteral("{base}")}};
    tgi.path = "/generate";
    tgi.streamPath = "/generate_stream";
    tgi.streamErrorFixture = QStringLiteral("tgi/generate-stream-error.sse");
    tgi.answerFixture = QStringLiteral("tgi/generate.json");
    tgi.contextLength = fromFixture(422, QStringLiteral("tgi/error-422-context.json"));
    tgi.auth = fromFixture(401, QStringLiteral("tgi/error-401.json"));
    // TGI itself answers 429 only when its queue is full (overloaded); this is the Hub's rate limit in front of it.
    tgi.rateLimit = {429, QByteArray(R"({"error":"Rate limit reached. You reached free usage limit (reset hourly). Please subscribe to a plan."})"), {}};
    tgi.overloaded = {503, QByteArray(R"({"error":"Model is overloaded","error_type":"overloaded"})"), {}};
    all.insert(QStringLiteral("tgi"), tgi);

    const QList<std::pair<QString, QString>> aws = {{QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDFAULTMATRIX")},
                                                    {QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("canary-fault-aws-secret")},
                                                    {QStringLiteral("AWS_REGION"), QStringLiteral("us-west-2")}};
    Family bedrock;
    bedrock.model = QStringLiteral("bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0");
    bedrock.environment = aws;
    bedrock.environment.append({QStringLiteral("BEDROCK_BASE_URL"), QStringLiteral("{base}")});
    bedrock.path = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse";
    bedrock.streamPath = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream";
    bedrock.framing = Framing::EventStream;
    bedrock.streamErrorFixture = QStringLiteral("bedrock/converse-stream-throttled.events");
    bedrock.streamErrorKind = Error::Kind::RateLimit;
    bedrock.answerFixture = QStringLiteral("bedrock/converse-text.json");
    bedrock.contextLength = fromFixture(400, QStringLiteral("bedrock/error-too-long.json"), awsError("ValidationException"));
    bedrock.auth = fromFixture(403, QStringLiteral("bedrock/error-access-denied.json"), awsError("AccessDeniedException"));
    bedrock.authKind = Error::Kind::Permission;
    bedrock.rateLimit = fromFixture(429, QStringLiteral("bedrock/error-throttling.json"), awsError("ThrottlingException"));
    bedrock.overloaded = fromFixture(503, QStringLiteral("bedrock/error-unavailable.json"), awsError("ServiceUnavailableException"));
    all.insert(QStringLiteral("bedrock"), bedrock);

    Family sagemaker;
    sagemaker.model = QStringLiteral("sagemaker/my-tgi-endpoint");
    sagemaker.environment = aws;
    sagemaker.environment.append({QStringLiteral("SAGEMAKER_BASE_URL"), QStringLiteral("{base}")});
    sagemaker.path = "/endpoints/my-tgi-endpoint/invocations";
    sagemaker.streamPath = "/endpoints/my-tgi-endpoint/invocations-response-stream";
    sagemaker.framing = Framing::EventStream;
    sagemaker.streamErrorFixture = QStringLiteral("sagemaker/tgi-stream-model-error.events");
    // The container's own stream (TGI's SSE) inside a PayloadPart, broken.
    sagemaker.malformedEvent = ":event-type=PayloadPart :content-type=application/octet-stream \"data:{\\\"token\\\": broken\\n\\n\"\n";
    sagemaker.answerFixture = QStringLiteral("sagemaker/tgi-generate.json");
    sagemaker.contextLength = fromFixture(424, QStringLiteral("sagemaker/error-model-error.json"), awsError("ModelError"));
    sagemaker.auth = {403, QByteArray(R"({"message":"The security token included in the request is invalid."})"), awsError("UnrecognizedClientException")};
    sagemaker.rateLimit = {429, QByteArray(R"({"message":"Rate exceeded"})"), awsError("ThrottlingException")};
    sagemaker.overloaded = {503, QByteArray(R"({"message":"Service Unavailable"})"), awsError("ServiceUnavailable")};
    all.insert(QStringLiteral("sagemaker"), sagemaker);

    Family replicate;
    replicate.model = QStringLiteral("replicate/meta/meta-llama-3-8b-instruct");
    replicate.environment = {{QStringLiteral("REPLICATE_BASE_URL"), QStringLiteral("{base}/v1")}, {QStringLiteral("REPLICATE_API_TOKEN"), QStringLiteral("canary-fault-replicate")}};
    replicate.path = "/v1/models/meta/meta-llama-3-8b-instruct/predictions";
    replicate.createPath = replicate.path;
    replicate.createFixture = QStringLiteral("replicate/prediction-starting.json");
    replicate.streamPath = "/v1/stream/gm3qorzdhgbfurvjtvhg6dckhu";
    replicate.streamMethod = "GET";
    replicate.streamErrorFixture = QStringLiteral("replicate/stream-error.sse");
    // Output events are plain text; the JSON ones are error and done.
    replicate.malformedEvent = "event: done\ndata: {\"reason\": \n\n";
    replicate.answerFixture = QStringLiteral("replicate/prediction-succeeded.json");
    replicate.auth = fromFixture(401, QStringLiteral("replicate/error-401.json"));
    replicate.rateLimit = {429, QByteArray(R"({"title":"Request was throttled.","detail":"Request was throttled. Expected available in 1 second.","status":429})"), {}};
    replicate.overloaded = {503, QByteArray(R"({"detail":"Service Unavailable","status":503})"), {}};
    all.insert(QStringLiteral("replicate"), replicate);

    Family voyage;
    voyage.model = QStringLiteral("voyage/voyage-3.5");
    voyage.environment = {{QStringLiteral("VOYAGE_BASE_URL"), QStringLiteral("{base}/v1")}, {QStringLiteral("VOYAGE_API_KEY"), QStringLiteral("canary-fault-voyage")}};
    voyage.path = "/v1/embeddings";
    voyage.embeddings = true;
    voyage.answerFixture = QStringLiteral("voyage/embeddings.json");
    voyage.contextLength = fromFixture(400, QStringLiteral("voyage/error-400-too-long.json"));
    voyage.auth = fromFixture(401, QStringLiteral("voyage/error-401.json"));
    voyage.rateLimit = {429, QByteArray(R"({"detail":"You have exceeded your rate limit."})"), {}};
    voyage.overloaded = {503, QByteArray(R"({"detail":"Service temporarily overloaded"})"), {}};
    all.insert(QStringLiteral("voyage"), voyage);
    return all;
}

// The events of a stream fixture, each with its framing.
QList<QByteArray> events(const QByteArray &bytes, Framing framing)
{
    QList<QByteArray> list;
    if (framing == Framing::Sse) {
        qsizetype at = 0;
        while (at < bytes.size()) {
            qsizetype end = bytes.indexOf("\n\n", at);
            end = end < 0 ? bytes.size() : end + 2;
            const QByteArray event = bytes.mid(at, end - at);
            if (!event.trimmed().isEmpty())
                list.append(event);
            at = end;
        }
        return list;
    }
    for (const QByteArray &line : bytes.split('\n')) {
        if (!line.trimmed().isEmpty() && !line.startsWith('#'))
            list.append(line + '\n');
    }
    return list;
}

QByteArray encode(const QList<QByteArray> &events, Framing framing)
{
    const QByteArray joined = events.join();
    return framing == Framing::EventStream ? eventStreamFromListing(joined) : joined;
}

QByteArray malformedEvent(Framing framing)
{
    switch (framing) {
    case Framing::Sse:
        return "data: {\"choices\": [ this is not JSON\n\n";
    case Framing::Ndjson:
        return "{\"message\": {\"content\": unquoted}\n";
    case Framing::EventStream:
        return ":event-type=contentBlockDelta {\"contentBlockIndex\":0,\"delta\":{\"text\":\n";
    }
    return {};
}
}

// Every native family × every way an upstream fails → the typed error, the
// exit code docs/cli.md documents, and never a cut answer passed off as whole.
// Each case runs twice: in process through Client (the kind), and through the
// muxi binary (the exit code and the one-line message).
class TestFaultMatrix : public QObject
{
    Q_OBJECT

private:
    QHash<QString, Family> m_families;

    static int documentedExitCode(Error::Kind kind) { return cli::exitCodeFor(Error(kind, {})); }

private Q_SLOTS:
    void initTestCase() { m_families = families(); }

    void matrix_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("fault");
        QStringList names = m_families.keys();
        names.sort();
        for (const QString &name : std::as_const(names)) {
            const Family &family = m_families.value(name);
            QStringList faults{QStringLiteral("malformed-body"), QStringLiteral("dropped-mid-body"), QStringLiteral("dropped-mid-chunked-body"),
                               QStringLiteral("rate-limited"),
                               QStringLiteral("auth-failure"),   QStringLiteral("overloaded"),       QStringLiteral("slow-first-byte")};
            if (family.contextLength)
                faults.append(QStringLiteral("context-too-long"));
            if (!family.embeddings)
                faults += {QStringLiteral("malformed-stream-event"), QStringLiteral("error-in-200-stream"), QStringLiteral("dropped-mid-stream")};
            for (const QString &fault : std::as_const(faults))
                QTest::newRow(qPrintable(name + QLatin1Char(' ') + fault)) << name << fault;
        }
    }

    void matrix()
    {
        QFETCH(QString, family);
        QFETCH(QString, fault);
        const Family f = m_families.value(family);
        FakeHttpServer server;
        QTemporaryDir home;

        // What the case sends and what it must come to.
        bool streaming = false;
        Error::Kind expected = Error::Kind::Server;
        // A second kind the case may end in, for faults the transport reports either way.
        std::optional<Error::Kind> alternative;
        ScriptedResponse response;
        const QList<QByteArray> streamEvents = f.streamErrorFixture.isEmpty() ? QList<QByteArray>()
                                                                              : events(fixture(f.streamErrorFixture), f.framing);
        const QList<QByteArray> partial = streamEvents.mid(0, streamEvents.size() - 1);
        auto streamResponse = [&](const QByteArray &bytes) {
            ScriptedResponse r;
            r.headers = {{"Content-Type", f.framing == Framing::EventStream ? "application/vnd.amazon.eventstream"
                                          : f.framing == Framing::Ndjson    ? "application/x-ndjson"
                                                                            : "text/event-stream"}};
            r.pieces = {bytes};
            r.chunked = true;
            return r;
        };
        auto answer = [](const Answer &a) {
            return ScriptedResponse::json(a.status, a.body, a.headers);
        };
        if (fault == QLatin1String("malformed-body")) {
            response = ScriptedResponse::json(200, QByteArray("{\"id\": \"x\", \"choices\": [ {\"message\": "));
            expected = Error::Kind::InvalidResponse;
        } else if (fault == QLatin1String("dropped-mid-body")) {
            const QByteArray whole = fixture(f.answerFixture);
            response = ScriptedResponse::json(200, whole.left(whole.size() / 2));
            response.announcedLength = whole.size();
            response.cut = true;
            expected = Error::Kind::Network;
        } else if (fault == QLatin1String("dropped-mid-chunked-body")) {
            // Qt 6.4 sometimes ends a chunked body at the connection's close
            // without an error: then what is left is half a document, refused as such.
            const QByteArray whole = fixture(f.answerFixture);
            response = ScriptedResponse::json(200, whole.left(whole.size() / 2));
            response.chunked = true;
            response.cut = true;
            expected = Error::Kind::Network;
            alternative = Error::Kind::InvalidResponse;
        } else if (fault == QLatin1String("context-too-long")) {
            response = answer(*f.contextLength);
            expected = Error::Kind::ContextLength;
        } else if (fault == QLatin1String("rate-limited")) {
            response = answer(f.rateLimit);
            expected = Error::Kind::RateLimit;
        } else if (fault == QLatin1String("auth-failure")) {
            response = answer(f.auth);
            expected = f.authKind;
        } else if (fault == QLatin1String("overloaded")) {
            response = answer(f.overloaded);
            expected = Error::Kind::Overloaded;
        } else if (fault == QLatin1String("slow-first-byte")) {
            response = ScriptedResponse::json(200, fixture(f.answerFixture));
            response.headDelayMs = 2500;
            expected = Error::Kind::Timeout;
        } else if (fault == QLatin1String("malformed-stream-event")) {
            streaming = true;
            const QByteArray broken = f.malformedEvent.isEmpty() ? malformedEvent(f.framing) : f.malformedEvent;
            response = streamResponse(encode(partial + QList<QByteArray>{broken}, f.framing));
            expected = Error::Kind::InvalidResponse;
        } else if (fault == QLatin1String("error-in-200-stream")) {
            streaming = true;
            response = streamResponse(encode(streamEvents, f.framing));
            expected = f.streamErrorKind;
        } else if (fault == QLatin1String("dropped-mid-stream")) {
            streaming = true;
            response = streamResponse(encode(partial, f.framing));
            response.cut = true;
            expected = Error::Kind::StreamInterrupted;
        }
        if (streaming && !f.createPath.isEmpty()) {
            QByteArray created = fixture(f.createFixture);
            created.replace("{{base}}", server.url().toString().toUtf8());
            server.script("POST", f.createPath, {ScriptedResponse::json(201, created)});
            server.script(f.streamMethod, f.streamPath, {response});
        } else {
            server.script("POST", streaming ? f.streamPath : f.path, {response});
        }

        QProcessEnvironment env = cleanEnvironment(home.path());
        for (const auto &[name, value] : f.environment)
            env.insert(name, QString(value).replace(QLatin1String("{base}"), server.url().toString()));
        env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        const QString configPath = home.filePath(QStringLiteral("config.json"));
        QFile config(configPath);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(R"({"retry": {"max_retries": 0}, "timeouts": {"first_byte_ms": 600}})");
        config.close();
        env.insert(QStringLiteral("MUXI_CONFIG"), configPath);

        // In process: the typed error, and no answer passed off as complete.
        Configuration configuration(env);
        QVERIFY(configuration.loadFile(configPath));
        Client client(builtinRegistry(), configuration);
        Reply *reply = nullptr;
        QString streamed;
        if (f.embeddings) {
            EmbeddingRequest request;
            request.model = f.model;
            request.input = {QStringLiteral("hello")};
            reply = client.embed(request);
        } else {
            ChatRequest request;
            request.model = f.model;
            request.messages = {Message::user(QStringLiteral("hello"))};
            request.maxTokens = 32;
            request.stream = streaming;
            reply = client.chat(request);
            connect(reply, &Reply::delta, this, [&streamed](const QString &text) {
                streamed += text;
            });
        }
        reply->waitForFinished();
        QVERIFY2(reply->hasError(), "a failed upstream was reported as a success");
        const Error error = reply->failure();
        const Error::Kind planned = expected;
        if (alternative && error.kind == *alternative)
            expected = *alternative;
        QVERIFY2(error.kind == expected,
                 qPrintable(QStringLiteral("expected %1, got %2").arg(Error::kindName(expected), error.toString())));
        QCOMPARE(error.provider, f.model.section(QLatin1Char('/'), 0, 0));
        if (fault == QLatin1String("dropped-mid-stream") || fault == QLatin1String("error-in-200-stream")) {
            // What was shown before the failure is all the error claims was said.
            QVERIFY2(!streamed.isEmpty(), "the partial answer never reached the listener");
            if (error.kind == Error::Kind::StreamInterrupted)
                QCOMPARE(error.partialText, streamed);
        }
        const int exitCode = documentedExitCode(expected);

        // The binary: the documented exit code and one line naming the kind.
        QStringList arguments = f.embeddings ? QStringList{QStringLiteral("embed"), QStringLiteral("-m"), f.model, QStringLiteral("hello")}
                                             : QStringList{QStringLiteral("chat"), QStringLiteral("-m"), f.model, QStringLiteral("hello")};
        if (streaming)
            arguments.insert(1, QStringLiteral("--stream"));
        const ProcessResult run = runProcess(QStringLiteral(MUXI_CLI), arguments, env);
        const QString err = QString::fromUtf8(run.err).trimmed();
        QVERIFY2(run.exitCode == exitCode, qPrintable(QStringLiteral("exit code %1, expected %2: %3").arg(run.exitCode).arg(exitCode).arg(err)));
        const QString lastLine = err.section(QLatin1Char('\n'), -1);
        const bool namesKind = lastLine.contains(Error::kindName(planned)) || (alternative && lastLine.contains(Error::kindName(*alternative)));
        QVERIFY2(lastLine.startsWith(QLatin1String("muxi: ")) && namesKind, qPrintable(err));
        for (const auto &[name, value] : f.environment) {
            if (value.startsWith(QLatin1String("canary")))
                QVERIFY(!run.err.contains(value.toUtf8()) && !run.out.contains(value.toUtf8()));
        }
    }
};

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "tst_faultmatrix.moc"
