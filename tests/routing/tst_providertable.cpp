#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>

#include <QJsonArray>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

// Every OpenAI-compatible provider of the built-in table, pointed at a
// loopback server through its <NAME>_BASE_URL, answers a chat — with that
// provider's parameter quirks applied on the wire.
class TestProviderTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyProviderWorksThroughItsBaseUrl_data()
    {
        QTest::addColumn<QString>("id");
        for (const ProviderInfo &info : builtinRegistry()->providers()) {
            if (info.family == QLatin1String("openai"))
                QTest::newRow(qPrintable(info.id)) << info.id;
        }
    }

    void everyProviderWorksThroughItsBaseUrl()
    {
        QFETCH(QString, id);
        const ProviderInfo info = *builtinRegistry()->provider(id);
        FakeHttpServer server;
        const QByteArray prefix = "/" + id.toLatin1() + "/v1";
        server.script("POST", prefix + "/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        QProcessEnvironment env;
        env.insert(info.allBaseUrlVariables().first(), server.url(QString::fromLatin1(prefix)).toString());
        const QString key = QStringLiteral("canary-%1-key").arg(id);
        env.insert(info.allKeyVariables().last(), key);
        Client client(builtinRegistry(), Configuration(env));
        RetryPolicy once;
        once.maxRetries = 0;
        client.configuration().setRetryPolicy(once);

        ChatRequest request;
        request.model = id + QLatin1String("/vendor/some-model");
        request.messages = {Message::user(QStringLiteral("hi"))};
        request.seed = 7;
        request.maxCompletionTokens = 64;
        request.extra.insert(QLatin1String("logprobs"), true);
        const Expected<ChatCompletion> result = client.chatBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->text(), QStringLiteral("Hello there."));
        QCOMPARE(result->provider, id);

        QCOMPARE(server.requests().size(), 1);
        const RecordedRequest sent = server.requests().first();
        QCOMPARE(sent.header("authorization"), "Bearer " + key.toUtf8());
        const QJsonObject body = sent.json();
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("vendor/some-model"));

        const QJsonObject options = info.options;
        const QJsonObject rename = options.value(QLatin1String("rename")).toObject();
        if (rename.contains(QLatin1String("seed"))) {
            QVERIFY(!body.contains(QLatin1String("seed")));
            QCOMPARE(body.value(rename.value(QLatin1String("seed")).toString()).toInt(), 7);
        } else {
            QCOMPARE(body.value(QLatin1String("seed")).toInt(), 7);
        }
        QCOMPARE(body.contains(QLatin1String("logprobs")), !options.value(QLatin1String("drop")).toArray().contains(QLatin1String("logprobs")));
        const QString limitField = options.value(QLatin1String("max_tokens_field")).toString(QStringLiteral("max_completion_tokens"));
        QCOMPARE(body.value(limitField).toInt(), 64);
        QCOMPARE(body.keys().count(QLatin1String("max_tokens")) + body.keys().count(QLatin1String("max_completion_tokens")), 1);
        const QJsonObject headers = options.value(QLatin1String("headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            QCOMPARE(sent.header(it.key().toLatin1()), it.value().toString().toUtf8());
    }

    void discontinuedProviderSaysSoAndHowToReplaceIt()
    {
        Client client(builtinRegistry(), Configuration(QProcessEnvironment()));
        const Expected<Target> target = client.resolve(QStringLiteral("anyscale/meta-llama/Llama-2-70b"));
        QVERIFY(!target);
        QCOMPARE(target.error().kind, Error::Kind::Unsupported);
        QVERIFY(target.error().message.contains(QStringLiteral("discontinued")));
        QVERIFY(target.error().message.contains(QStringLiteral("2024-08-01")));
        QVERIFY(target.error().message.contains(QStringLiteral("ANYSCALE_BASE_URL")));
    }

    void servicesWithoutASharedEndpointAskForOne()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("DATABRICKS_TOKEN"), QStringLiteral("canary-dbx"));
        Client client(builtinRegistry(), Configuration(env));
        const Expected<Target> target = client.resolve(QStringLiteral("databricks/databricks-meta-llama-3-3-70b-instruct"));
        QVERIFY(!target);
        QVERIFY(target.error().message.contains(QStringLiteral("DATABRICKS_BASE_URL")));
    }

    void modelListingOfAnUnknownProviderNamesTheKnownOnes()
    {
        Client client(builtinRegistry(), Configuration(QProcessEnvironment()));
        const Expected<ModelList> models = client.listModelsBlocking(QStringLiteral("nosuch"));
        QVERIFY(!models);
        QCOMPARE(models.error().code, QStringLiteral("unknown_provider"));
        QVERIFY(models.error().message.contains(QStringLiteral("openai")));
    }

    void customProviderAtRuntime()
    {
        FakeHttpServer server;
        server.script("POST", "/custom/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        Client client(builtinRegistry(), Configuration(QProcessEnvironment()));
        ProviderInfo mine;
        mine.id = QStringLiteral("mybox");
        mine.family = QStringLiteral("openai");
        mine.defaultBaseUrl = server.url(QStringLiteral("/custom"));
        mine.requiresKey = false;
        mine.capabilities = Capability::Chat;
        client.configuration().addCustomProvider(mine);
        ChatRequest request;
        request.model = QStringLiteral("mybox/local-model");
        request.messages = {Message::user(QStringLiteral("hi"))};
        QVERIFY(client.chatBlocking(request));
        QVERIFY(server.requests().first().header("authorization").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProviderTable)
#include "tst_providertable.moc"
