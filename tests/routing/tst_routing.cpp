#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;
using std::chrono::milliseconds;

namespace {
QByteArray answer(const QString &text)
{
    const QJsonObject message{{QLatin1String("role"), QLatin1String("assistant")}, {QLatin1String("content"), text}};
    const QJsonObject body{{QLatin1String("id"), QLatin1String("chatcmpl-r")},
                           {QLatin1String("object"), QLatin1String("chat.completion")},
                           {QLatin1String("created"), 1},
                           {QLatin1String("model"), QLatin1String("m")},
                           {QLatin1String("choices"),
                            QJsonArray{QJsonObject{{QLatin1String("index"), 0},
                                                   {QLatin1String("finish_reason"), QLatin1String("stop")},
                                                   {QLatin1String("message"), message}}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray errorBody(const char *message, const char *type, const char *code = nullptr)
{
    QJsonObject error{{QLatin1String("message"), QLatin1String(message)}, {QLatin1String("type"), QLatin1String(type)}};
    error.insert(QLatin1String("code"), code ? QJsonValue(QLatin1String(code)) : QJsonValue());
    return QJsonDocument(QJsonObject{{QLatin1String("error"), error}}).toJson(QJsonDocument::Compact);
}
}

// Retries, fallbacks, capability checks and JSON emulation, against loopback
// providers that fail on cue. Every test counts the upstream requests and
// reads the attempts record.
class TestRouting : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<Client> client;
    QList<milliseconds> delays;

    void addProvider(const QString &id, Capabilities capabilities)
    {
        ProviderInfo info;
        info.id = id;
        info.displayName = id;
        info.family = QStringLiteral("openai");
        info.defaultBaseUrl = server->url(QLatin1Char('/') + id);
        info.requiresKey = false;
        info.capabilities = capabilities;
        client->configuration().addCustomProvider(info);
    }

    static Capabilities everything()
    {
        return Capability::Chat | Capability::Streaming | Capability::Tools | Capability::Vision | Capability::JsonMode
            | Capability::JsonSchema;
    }

    ChatRequest request(const QString &model, const QStringList &fallbacks = {}, bool stream = false)
    {
        ChatRequest r;
        r.model = model;
        r.fallbackModels = fallbacks;
        r.stream = stream;
        r.messages = {Message::user(QStringLiteral("hi"))};
        return r;
    }

    static QByteArray path(const char *provider)
    {
        return QByteArray("/") + provider + "/chat/completions";
    }

    static QStringList outcomes(const QList<AttemptRecord> &attempts)
    {
        QStringList list;
        for (const AttemptRecord &a : attempts)
            list.append(a.toJson().value(QLatin1String("outcome")).toString() + QLatin1Char(':') + a.provider + QLatin1Char(':')
                        + (a.errorKind ? Error::kindName(*a.errorKind) : QString()) + QLatin1Char(':') + QString::number(a.httpStatus));
        return list;
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        client = std::make_unique<Client>(builtinRegistry(), Configuration(QProcessEnvironment()));
        delays.clear();
        client->setScheduler([this](milliseconds delay, QObject *context, std::function<void()> callback) {
            delays.append(delay);
            QMetaObject::invokeMethod(context, std::move(callback), Qt::QueuedConnection);
        });
        client->setJitterSource([] {
            return 0.0;
        });
        RetryPolicy policy;
        policy.maxRetries = 2;
        policy.baseDelay = milliseconds(100);
        client->configuration().setRetryPolicy(policy);
        addProvider(QStringLiteral("alpha"), everything());
        addProvider(QStringLiteral("beta"), everything());
    }

    void retryAfterIsHonoured()
    {
        server->script("POST", path("alpha"),
                       {ScriptedResponse::json(429, errorBody("Rate limit reached", "requests", "rate_limit_exceeded"), {{"retry-after", "2"}}),
                        ScriptedResponse::json(429, errorBody("Rate limit reached", "requests", "rate_limit_exceeded"), {{"retry-after-ms", "1500"}, {"retry-after", "9"}}),
                        ScriptedResponse::json(200, answer(QStringLiteral("ok")))});
        QList<AttemptRecord> attempts;
        const Expected<ChatCompletion> result = client->chatBlocking(request(QStringLiteral("alpha/m")), &attempts);
        QVERIFY(result);
        QCOMPARE(server->count(path("alpha")), 3);
        QCOMPARE(delays, (QList<milliseconds>{milliseconds(2000), milliseconds(1500)}));
        QCOMPARE(outcomes(attempts), (QStringList{QStringLiteral("error:alpha:rate_limit:429"), QStringLiteral("error:alpha:rate_limit:429"),
                                                  QStringLiteral("ok:alpha::200")}));
        QCOMPARE(attempts.at(1).delayBefore, milliseconds(2000));
        QCOMPARE(attempts.at(2).delayBefore, milliseconds(1500));
    }

    void serverErrorsBackOffExponentially()
    {
        server->script("POST", path("alpha"),
                       {ScriptedResponse::json(500, errorBody("boom", "server_error")), ScriptedResponse::json(503, errorBody("busy", "server_error")),
                        ScriptedResponse::json(200, answer(QStringLiteral("ok")))});
        QList<AttemptRecord> attempts;
        QVERIFY(client->chatBlocking(request(QStringLiteral("alpha/m")), &attempts));
        QCOMPARE(server->count(path("alpha")), 3);
        QCOMPARE(delays, (QList<milliseconds>{milliseconds(100), milliseconds(200)}));
        QCOMPARE(outcomes(attempts), (QStringList{QStringLiteral("error:alpha:server:500"), QStringLiteral("error:alpha:overloaded:503"),
                                                  QStringLiteral("ok:alpha::200")}));
    }

    void oneRetryBudgetAcrossTheChain()
    {
        server->script("POST", path("alpha"), {ScriptedResponse::json(529, errorBody("Overloaded", "overloaded_error"))});
        server->script("POST", path("beta"), {ScriptedResponse::json(500, errorBody("boom", "server_error"))});
        QList<AttemptRecord> attempts;
        const Expected<ChatCompletion> result = client->chatBlocking(request(QStringLiteral("alpha/m"), {QStringLiteral("beta/n")}), &attempts);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Server);
        QCOMPARE(result.error().provider, QStringLiteral("beta"));
        QCOMPARE(server->count(path("alpha")), 3);
        QCOMPARE(server->count(path("beta")), 3);
        QCOMPARE(attempts.size(), 6);
        QCOMPARE(attempts.first().errorKind, Error::Kind::Overloaded);
    }

    void authenticationFailureFallsBackAtOnce()
    {
        server->script("POST", path("alpha"), {ScriptedResponse::json(401, fixture(QStringLiteral("openai/error-401.json")))});
        server->script("POST", path("beta"), {ScriptedResponse::json(200, answer(QStringLiteral("from beta")))});
        QList<AttemptRecord> attempts;
        const Expected<ChatCompletion> result = client->chatBlocking(request(QStringLiteral("alpha/m"), {QStringLiteral("beta/n")}), &attempts);
        QVERIFY(result);
        QCOMPARE(result->text(), QStringLiteral("from beta"));
        QCOMPARE(result->provider, QStringLiteral("beta"));
        QCOMPARE(server->count(path("alpha")), 1);
        QCOMPARE(server->count(path("beta")), 1);
        QVERIFY(delays.isEmpty());
        QCOMPARE(outcomes(attempts), (QStringList{QStringLiteral("error:alpha:authentication:401"), QStringLiteral("ok:beta::200")}));
        QCOMPARE(server->requests().at(1).json().value(QLatin1String("model")).toString(), QStringLiteral("n"));
    }

    void quotaIsNeverRetried()
    {
        server->script("POST", path("alpha"), {ScriptedResponse::json(429, fixture(QStringLiteral("openai/error-429-quota.json")))});
        server->script("POST", path("beta"), {ScriptedResponse::json(200, answer(QStringLiteral("ok")))});
        QList<AttemptRecord> attempts;
        QVERIFY(client->chatBlocking(request(QStringLiteral("alpha/m"), {QStringLiteral("beta/n")}), &attempts));
        QCOMPARE(server->count(path("alpha")), 1);
        QCOMPARE(outcomes(attempts).first(), QStringLiteral("error:alpha:quota:429"));
    }

    void badRequestStopsTheChain()
    {
        server->script("POST", path("alpha"), {ScriptedResponse::json(400, fixture(QStringLiteral("openai/error-400-context.json")))});
        server->script("POST", path("beta"), {ScriptedResponse::json(200, answer(QStringLiteral("ok")))});
        const Expected<ChatCompletion> result = client->chatBlocking(request(QStringLiteral("alpha/m"), {QStringLiteral("beta/n")}));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::ContextLength);
        QCOMPARE(server->count(path("alpha")), 1);
        QCOMPARE(server->count(path("beta")), 0);
    }

    void dropBeforeFirstTokenIsRetried()
    {
        ScriptedResponse cut = ScriptedResponse::sse({"data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"}, 5);
        cut.cut = true;
        server->script("POST", path("alpha"), {cut, ScriptedResponse::sseBytes(fixture(QStringLiteral("openai/chat-stream-usage.sse")), 64, 2)});
        Reply *reply = client->chat(request(QStringLiteral("alpha/m"), {}, true));
        QString streamed;
        connect(reply, &Reply::delta, this, [&](const QString &text) {
            streamed += text;
        });
        QSignalSpy finished(reply, &Reply::finished);
        QVERIFY(finished.wait(10'000));
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        QCOMPARE(streamed, QStringLiteral("Hello"));
        QCOMPARE(server->count(path("alpha")), 2);
        QCOMPARE(outcomes(reply->attempts()), (QStringList{QStringLiteral("error:alpha:stream_interrupted:200"), QStringLiteral("ok:alpha::200")}));
    }

    void dropAfterFirstTokenIsNotRetried()
    {
        const QByteArray all = fixture(QStringLiteral("openai/chat-stream-usage.sse"));
        ScriptedResponse cut = ScriptedResponse::sse({all.left(all.indexOf("\n\n", all.indexOf("\"Hel\"")) + 2)}, 5);
        cut.cut = true;
        server->script("POST", path("alpha"), {cut});
        server->script("POST", path("beta"), {ScriptedResponse::json(200, answer(QStringLiteral("never")))});
        Reply *reply = client->chat(request(QStringLiteral("alpha/m"), {QStringLiteral("beta/n")}, true));
        QSignalSpy finished(reply, &Reply::finished);
        QVERIFY(finished.wait(10'000));
        QVERIFY(reply->hasError());
        QCOMPARE(reply->failure().kind, Error::Kind::StreamInterrupted);
        QCOMPARE(reply->failure().partialText, QStringLiteral("Hel"));
        QCOMPARE(server->count(path("alpha")), 1);
        QCOMPARE(server->count(path("beta")), 0);
    }

    void slowFirstByteTimesOutAndFallsBack()
    {
        Timeouts timeouts;
        timeouts.firstByte = milliseconds(300);
        client->configuration().setTimeouts(timeouts);
        RetryPolicy policy;
        policy.maxRetries = 0;
        client->configuration().setRetryPolicy(policy);
        ScriptedResponse slow = ScriptedResponse::json(200, answer(QStringLiteral("too late")));
        slow.headDelayMs = 3000;
        server->script("POST", path("alpha"), {slow});
        server->script("POST", path("beta"), {ScriptedResponse::json(200, answer(QStringLiteral("in time")))});
        QList<AttemptRecord> attempts;
        const Expected<ChatCompletion> result = client->chatBlocking(request(QStringLiteral("alpha/m"), {QStringLiteral("beta/n")}), &attempts);
        QVERIFY(result);
        QCOMPARE(result->text(), QStringLiteral("in time"));
        QCOMPARE(outcomes(attempts), (QStringList{QStringLiteral("error:alpha:timeout:0"), QStringLiteral("ok:beta::200")}));
        QVERIFY2(attempts.first().message.contains(QStringLiteral("300 ms")), qPrintable(attempts.first().message));
    }

    void perProviderRetryAndTimeoutsApplyToThatProviderOnly()
    {
        // alpha: no retries and a 300 ms first-byte limit; beta keeps the global settings.
        QTemporaryDir dir;
        const QString configPath = dir.filePath(QStringLiteral("config.json"));
        QFile file(configPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"providers": {"alpha": {"retry": {"max_retries": 0}, "timeouts": {"first_byte_ms": 300}}}})");
        file.close();
        QVERIFY(client->configuration().loadFile(configPath));
        QCOMPARE(client->configuration().retryPolicy(QStringLiteral("alpha")).maxRetries, 0);
        QCOMPARE(client->configuration().retryPolicy(QStringLiteral("beta")).maxRetries, 2);

        ScriptedResponse slow = ScriptedResponse::json(200, answer(QStringLiteral("too late")));
        slow.headDelayMs = 3000;
        server->script("POST", path("alpha"), {slow});
        ScriptedResponse slowButAllowed = ScriptedResponse::json(200, answer(QStringLiteral("from beta")));
        slowButAllowed.headDelayMs = 900;
        server->script("POST", path("beta"), {ScriptedResponse::json(500, errorBody("boom", "server_error")), slowButAllowed});
        QList<AttemptRecord> attempts;
        const Expected<ChatCompletion> result = client->chatBlocking(request(QStringLiteral("alpha/m"), {QStringLiteral("beta/n")}), &attempts);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("from beta"));
        QCOMPARE(outcomes(attempts), (QStringList{QStringLiteral("error:alpha:timeout:0"), QStringLiteral("error:beta:server:500"),
                                                  QStringLiteral("ok:beta::200")}));
        QVERIFY2(attempts.first().message.contains(QStringLiteral("300 ms")), qPrintable(attempts.first().message));
        QCOMPARE(server->count(path("alpha")), 1);
        QCOMPARE(delays, QList<milliseconds>{milliseconds(100)});
    }

    void incapableCandidateIsSkipped()
    {
        addProvider(QStringLiteral("textonly"), Capability::Chat | Capability::Streaming);
        server->script("POST", path("beta"), {ScriptedResponse::json(200, answer(QStringLiteral("a cat")))});
        ChatRequest r = request(QStringLiteral("textonly/m"), {QStringLiteral("beta/n")});
        r.messages = {Message::user({ContentPart::fromText(QStringLiteral("what?")), ContentPart::fromImageData("\x89PNG", QStringLiteral("image/png"))})};
        QList<AttemptRecord> attempts;
        QVERIFY(client->chatBlocking(r, &attempts));
        QCOMPARE(server->count(path("textonly")), 0);
        QCOMPARE(outcomes(attempts), (QStringList{QStringLiteral("skipped:textonly:unsupported:0"), QStringLiteral("ok:beta::200")}));
        QVERIFY(attempts.first().message.contains(QStringLiteral("cannot read images")));
    }

    void completionsAndEmbeddingsOnlyWhereOffered()
    {
        addProvider(QStringLiteral("chatonly"), everything());
        CompletionRequest completion;
        completion.model = QStringLiteral("chatonly/m");
        completion.prompt = QStringLiteral("Once upon");
        const Expected<Completion> completed = client->completeBlocking(completion);
        QVERIFY(!completed);
        QCOMPARE(completed.error().kind, Error::Kind::Unsupported);
        QVERIFY2(completed.error().message.contains(QStringLiteral("chatonly does not offer text completions")), qPrintable(completed.error().message));
        EmbeddingRequest embedding;
        embedding.model = QStringLiteral("chatonly/m");
        embedding.input = {QStringLiteral("a")};
        const Expected<EmbeddingResponse> embedded = client->embedBlocking(embedding);
        QVERIFY(!embedded);
        QCOMPARE(embedded.error().kind, Error::Kind::Unsupported);
        QVERIFY2(embedded.error().message.contains(QStringLiteral("does not offer embeddings")), qPrintable(embedded.error().message));
        QCOMPARE(server->requests().size(), 0);
    }

    // A provider entry can claim more than its protocol family has: the
    // family's adapter refuses then, naming the provider, and sends nothing.
    void familyWithoutTheEndpointRefusesIt()
    {
        ProviderInfo info;
        info.id = QStringLiteral("overclaimed");
        info.displayName = QStringLiteral("Overclaimed");
        info.family = QStringLiteral("anthropic");
        info.defaultBaseUrl = server->url(QStringLiteral("/overclaimed"));
        info.requiresKey = false;
        info.capabilities = everything() | Capability::Completions | Capability::Embeddings;
        client->configuration().addCustomProvider(info);
        CompletionRequest completion;
        completion.model = QStringLiteral("overclaimed/claude-x");
        completion.prompt = QStringLiteral("Once upon");
        const Expected<Completion> completed = client->completeBlocking(completion);
        QVERIFY(!completed);
        QCOMPARE(completed.error().kind, Error::Kind::Unsupported);
        QCOMPARE(completed.error().message, QStringLiteral("Overclaimed does not offer text completions"));
        QCOMPARE(completed.error().provider, QStringLiteral("overclaimed"));
        EmbeddingRequest embedding;
        embedding.model = QStringLiteral("overclaimed/claude-x");
        embedding.input = {QStringLiteral("a")};
        const Expected<EmbeddingResponse> embedded = client->embedBlocking(embedding);
        QVERIFY(!embedded);
        QCOMPARE(embedded.error().message, QStringLiteral("Overclaimed does not offer embeddings"));
        QCOMPARE(server->requests().size(), 0);
    }

    void imageUrlsAreFetchedForBytesOnlyProviders()
    {
        addProvider(QStringLiteral("bytesonly"), Capability::Chat | Capability::Vision);
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452") + QByteArray(500, '\x11');
        ScriptedResponse image;
        image.headers = {{"Content-Type", "image/png"}};
        image.pieces = {png};
        server->script("GET", "/images/cat.png", {image});
        server->script("POST", path("bytesonly"), {ScriptedResponse::json(200, answer(QStringLiteral("a cat")))});
        ChatRequest r = request(QStringLiteral("bytesonly/m"));
        r.messages = {Message::user({ContentPart::fromText(QStringLiteral("what?")), ContentPart::fromImageUrl(server->url(QStringLiteral("/images/cat.png")))})};
        const ChatRequest original = r;
        QList<AttemptRecord> attempts;
        const Expected<ChatCompletion> result = client->chatBlocking(r, &attempts);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(r, original);
        QCOMPARE(server->count("/images/cat.png"), 1);
        const QString url = server->requests().last().json().value(QLatin1String("messages")).toArray().first().toObject()
                                .value(QLatin1String("content")).toArray().at(1).toObject().value(QLatin1String("image_url")).toObject()
                                .value(QLatin1String("url")).toString();
        QVERIFY(url.startsWith(QLatin1String("data:image/png;base64,")));
        QCOMPARE(QByteArray::fromBase64(url.mid(22).toLatin1()), png);
        QVERIFY(attempts.first().notes.contains(QStringLiteral("image URLs fetched and sent inline")));
    }

    void unfetchableImageUrlIsAClearError_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << 404 << QByteArray("no") << QStringLiteral("HTTP status 404");
        QTest::newRow("not an image") << 200 << QByteArray("<html><body>hello</body></html>") << QStringLiteral("is not an image");
    }

    void unfetchableImageUrlIsAClearError()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        addProvider(QStringLiteral("bytesonly"), Capability::Chat | Capability::Vision);
        ScriptedResponse page;
        page.status = status;
        page.headers = {{"Content-Type", "text/html"}};
        page.pieces = {body};
        server->script("GET", "/images/cat.png", {page});
        ChatRequest r = request(QStringLiteral("bytesonly/m"));
        r.messages = {Message::user({ContentPart::fromImageUrl(server->url(QStringLiteral("/images/cat.png")))})};
        const Expected<ChatCompletion> result = client->chatBlocking(r);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::BadRequest);
        QCOMPARE(result.error().provider, QStringLiteral("bytesonly"));
        QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
        QVERIFY(result.error().message.contains(QStringLiteral("/images/cat.png")));
        QCOMPARE(server->count(path("bytesonly")), 0);
    }

    void jsonModeEmulatedWithOneRepair()
    {
        addProvider(QStringLiteral("plain"), Capability::Chat | Capability::Streaming);
        server->script("POST", path("plain"),
                       {ScriptedResponse::json(200, answer(QStringLiteral("Sure! Here it is: {\"city\": Paris}"))),
                        ScriptedResponse::json(200, answer(QStringLiteral("```json\n{\"city\": \"Paris\"}\n```")))});
        ChatRequest r = request(QStringLiteral("plain/m"), {}, true);
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonObject;
        r.responseFormat = format;
        const ChatRequest original = r;
        Reply *reply = client->chat(r);
        QString streamed;
        connect(reply, &Reply::delta, this, [&](const QString &text) {
            streamed += text;
        });
        QSignalSpy finished(reply, &Reply::finished);
        QVERIFY(finished.wait(10'000));
        QVERIFY2(!reply->hasError(), qPrintable(reply->failure().toString()));
        QCOMPARE(r, original);
        QCOMPARE(reply->chatCompletion().text(), QStringLiteral("{\"city\": \"Paris\"}"));
        // The caller streamed, but only the checked answer reached it.
        QCOMPARE(streamed, QStringLiteral("{\"city\": \"Paris\"}"));
        QCOMPARE(server->count(path("plain")), 2);

        const QJsonObject first = server->requests().at(0).json();
        QVERIFY(!first.contains(QLatin1String("response_format")));
        QVERIFY(!first.contains(QLatin1String("stream")));
        const QJsonArray firstMessages = first.value(QLatin1String("messages")).toArray();
        QCOMPARE(firstMessages.at(0).toObject().value(QLatin1String("role")).toString(), QStringLiteral("system"));
        QVERIFY(firstMessages.at(0).toObject().value(QLatin1String("content")).toString().contains(QStringLiteral("JSON")));
        const QJsonArray repairMessages = server->requests().at(1).json().value(QLatin1String("messages")).toArray();
        QCOMPARE(repairMessages.size(), 4);
        QCOMPARE(repairMessages.at(2).toObject().value(QLatin1String("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(repairMessages.at(3).toObject().value(QLatin1String("role")).toString(), QStringLiteral("user"));

        const QList<AttemptRecord> attempts = reply->attempts();
        QCOMPARE(outcomes(attempts), (QStringList{QStringLiteral("error:plain:invalid_response:200"), QStringLiteral("ok:plain::200")}));
        QVERIFY(attempts.first().notes.contains(QStringLiteral("JSON mode emulated")));
    }

    void jsonModeEmulationGivesUpAfterOneRepair()
    {
        addProvider(QStringLiteral("plain"), Capability::Chat);
        server->script("POST", path("plain"), {ScriptedResponse::json(200, answer(QStringLiteral("no json here")))});
        server->script("POST", path("beta"), {ScriptedResponse::json(200, answer(QStringLiteral("{\"ok\": true}")))});
        ChatRequest r = request(QStringLiteral("plain/m"), {QStringLiteral("beta/n")});
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonObject;
        r.responseFormat = format;
        QList<AttemptRecord> attempts;
        const Expected<ChatCompletion> result = client->chatBlocking(r, &attempts);
        QVERIFY(result);
        QCOMPARE(server->count(path("plain")), 2);
        QCOMPARE(server->count(path("beta")), 1);
        // beta has JSON mode: the format goes through natively.
        QCOMPARE(server->requests().last().json().value(QLatin1String("response_format")).toObject().value(QLatin1String("type")).toString(),
                 QStringLiteral("json_object"));
        QCOMPARE(attempts.size(), 3);
    }

    void streamingEmulatedWhereMissing()
    {
        addProvider(QStringLiteral("batch"), Capability::Chat);
        server->script("POST", path("batch"), {ScriptedResponse::json(200, answer(QStringLiteral("whole answer")))});
        Reply *reply = client->chat(request(QStringLiteral("batch/m"), {}, true));
        QStringList deltas;
        connect(reply, &Reply::delta, this, [&](const QString &text) {
            deltas.append(text);
        });
        QSignalSpy finished(reply, &Reply::finished);
        QVERIFY(finished.wait(10'000));
        QVERIFY(!reply->hasError());
        QCOMPARE(deltas, QStringList{QStringLiteral("whole answer")});
        QVERIFY(!server->requests().first().json().contains(QLatin1String("stream")));
        QVERIFY(reply->attempts().first().notes.first().startsWith(QStringLiteral("streaming emulated")));
    }

    void perRequestRetryOverride()
    {
        server->script("POST", path("alpha"), {ScriptedResponse::json(500, errorBody("boom", "server_error"))});
        ChatRequest r = request(QStringLiteral("alpha/m"));
        r.maxRetries = 0;
        QVERIFY(!client->chatBlocking(r));
        QCOMPARE(server->count(path("alpha")), 1);
    }

    void configuredChainAndFallbackKinds()
    {
        client->configuration().setFallbackChain(QStringLiteral("alpha/m"), {QStringLiteral("beta/n")});
        RetryPolicy policy;
        policy.maxRetries = 0;
        policy.fallbackOn = {Error::Kind::NotFound};
        client->configuration().setRetryPolicy(policy);
        server->script("POST", path("alpha"), {ScriptedResponse::json(404, errorBody("The model does not exist", "invalid_request_error", "model_not_found"))});
        server->script("POST", path("beta"), {ScriptedResponse::json(200, answer(QStringLiteral("ok")))});
        QVERIFY(client->chatBlocking(request(QStringLiteral("alpha/m"))));
        QCOMPARE(server->count(path("beta")), 1);

        server->clear();
        server->script("POST", path("alpha"), {ScriptedResponse::json(500, errorBody("boom", "server_error"))});
        QVERIFY(!client->chatBlocking(request(QStringLiteral("alpha/m"))));
        QCOMPARE(server->count(path("beta")), 0);
    }

    void defaultChainServesModelsWithoutTheirOwn()
    {
        QTemporaryDir dir;
        const QString configPath = dir.filePath(QStringLiteral("config.json"));
        QFile file(configPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"retry": {"max_retries": 0}, "default_chains": {"chat": ["beta/n", "alpha/m"], "embedding": ["embeta/e"]}})");
        file.close();
        QVERIFY(client->configuration().loadFile(configPath));
        client->configuration().setRetryPolicy(RetryPolicy::fromJson(QJsonObject{{QLatin1String("max_retries"), 0}}));
        QCOMPARE(client->configuration().defaultChain(Configuration::ChainKind::Chat),
                 (QStringList{QStringLiteral("beta/n"), QStringLiteral("alpha/m")}));

        server->script("POST", path("alpha"), {ScriptedResponse::json(401, fixture(QStringLiteral("openai/error-401.json")))});
        server->script("POST", path("beta"), {ScriptedResponse::json(200, answer(QStringLiteral("from the default chain")))});
        QList<AttemptRecord> attempts;
        Expected<ChatCompletion> result = client->chatBlocking(request(QStringLiteral("alpha/m")), &attempts);
        QVERIFY(result);
        QCOMPARE(result->text(), QStringLiteral("from the default chain"));
        // The model itself is not tried a second time from the chain.
        QCOMPARE(outcomes(attempts), (QStringList{QStringLiteral("error:alpha:authentication:401"), QStringLiteral("ok:beta::200")}));
        QVERIFY(attempts.first().notes.isEmpty());
        QCOMPARE(attempts.at(1).notes, QStringList{QStringLiteral("from the default chat fallback chain")});

        // A chain of the model's own, even an empty one, replaces the default.
        server->clear();
        client->configuration().setFallbackChain(QStringLiteral("alpha/m"), {});
        result = client->chatBlocking(request(QStringLiteral("alpha/m")), &attempts);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Authentication);
        QCOMPARE(server->count(path("beta")), 0);
        // So do fallbacks given with the request.
        addProvider(QStringLiteral("gamma"), everything());
        server->script("POST", path("gamma"), {ScriptedResponse::json(200, answer(QStringLiteral("from gamma")))});
        result = client->chatBlocking(request(QStringLiteral("beta/x"), {QStringLiteral("gamma/g")}), &attempts);
        QVERIFY(result);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(result->text(), QStringLiteral("from the default chain"));

        // Embeddings follow their own default chain, never the chat one.
        addProvider(QStringLiteral("emalpha"), everything() | Capability::Embeddings);
        addProvider(QStringLiteral("embeta"), everything() | Capability::Embeddings);
        server->script("POST", "/emalpha/embeddings", {ScriptedResponse::json(500, errorBody("boom", "server_error"))});
        server->script("POST", "/embeta/embeddings", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/embeddings-float.json")))});
        EmbeddingRequest embedding;
        embedding.model = QStringLiteral("emalpha/e");
        embedding.input = {QStringLiteral("hello")};
        const Expected<EmbeddingResponse> vectors = client->embedBlocking(embedding, &attempts);
        QVERIFY2(vectors, qPrintable(vectors ? QString() : vectors.error().toString()));
        QCOMPARE(outcomes(attempts), (QStringList{QStringLiteral("error:emalpha:server:500"), QStringLiteral("ok:embeta::200")}));
        QCOMPARE(attempts.at(1).notes, QStringList{QStringLiteral("from the default embedding fallback chain")});
        QCOMPARE(server->count("/beta/chat/completions"), 1);
    }

    void droppedParametersAreNoted()
    {
        ProviderInfo picky;
        picky.id = QStringLiteral("picky");
        picky.family = QStringLiteral("openai");
        picky.defaultBaseUrl = server->url(QStringLiteral("/picky"));
        picky.requiresKey = false;
        picky.capabilities = everything();
        picky.options = QJsonObject{{QLatin1String("drop"), QJsonArray{QLatin1String("logprobs")}}};
        client->configuration().addCustomProvider(picky);
        server->script("POST", path("picky"), {ScriptedResponse::json(200, answer(QStringLiteral("ok")))});
        ChatRequest r = request(QStringLiteral("picky/m"));
        r.extra.insert(QLatin1String("logprobs"), true);
        QList<AttemptRecord> attempts;
        QVERIFY(client->chatBlocking(r, &attempts));
        QVERIFY(!server->requests().first().json().contains(QLatin1String("logprobs")));
        QVERIFY(attempts.first().notes.first().contains(QStringLiteral("logprobs")));
    }

    void unusableModelsAreSkippedWithTheirReason()
    {
        server->script("POST", path("beta"), {ScriptedResponse::json(200, answer(QStringLiteral("ok")))});
        QList<AttemptRecord> attempts;
        QVERIFY(client->chatBlocking(request(QStringLiteral("octoai/x"), {QStringLiteral("groq/y"), QStringLiteral("beta/n")}), &attempts));
        QCOMPARE(outcomes(attempts), (QStringList{QStringLiteral("skipped:octoai:unsupported:0"), QStringLiteral("skipped:groq:authentication:0"),
                                                  QStringLiteral("ok:beta::200")}));
        QVERIFY(attempts.at(0).message.contains(QStringLiteral("discontinued")));
        QVERIFY(attempts.at(0).message.contains(QStringLiteral("OCTOAI_BASE_URL")));
        QVERIFY(attempts.at(1).message.contains(QStringLiteral("GROQ_API_KEY")));
    }

    void cancellationStopsEverything()
    {
        ScriptedResponse slow = ScriptedResponse::sse({"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n", "data: [DONE]\n\n"}, 2000);
        server->script("POST", path("alpha"), {slow});
        Reply *reply = client->chat(request(QStringLiteral("alpha/m"), {QStringLiteral("beta/n")}, true));
        QSignalSpy finished(reply, &Reply::finished);
        QTRY_COMPARE(server->count(path("alpha")), 1);
        reply->abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(reply->failure().kind, Error::Kind::Cancelled);
        QTest::qWait(100);
        QCOMPARE(server->count(path("beta")), 0);
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
