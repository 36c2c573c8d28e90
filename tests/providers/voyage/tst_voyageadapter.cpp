#include <muxi/providers/builtinproviders.h>
#include <chattesthelpers.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>
#include <processrunner.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString canaryKey = QStringLiteral("canary-voyage-123456");
}

// Voyage AI embeddings against a loopback server speaking Voyage's documented JSON.
class TestVoyageAdapter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<Client> client;
    QProcessEnvironment env;

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        env = QProcessEnvironment();
        env.insert(QStringLiteral("VOYAGE_API_KEY"), canaryKey);
        env.insert(QStringLiteral("VOYAGE_BASE_URL"), server->url(QStringLiteral("/v1")).toString());
        client = clientWithoutRetries(builtinRegistry(), env);
    }

    void embeddingsInInputOrder()
    {
        server->script("POST", "/v1/embeddings", {ScriptedResponse::json(200, fixture(QStringLiteral("voyage/embeddings.json")))});
        EmbeddingRequest request;
        request.model = QStringLiteral("voyage/voyage-3");
        request.input = {QStringLiteral("first"), QStringLiteral("second")};
        request.inputType = QStringLiteral("search_query");
        request.dimensions = 512;
        const Expected<EmbeddingResponse> result = client->embedBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->data.size(), 2);
        // Voyage answered index 1 first; callers get input order.
        QCOMPARE(result->data.at(0).index, 0);
        QCOMPARE(result->data.at(0).vector, (QList<float>{0.5f, 0.75f, -0.25f}));
        QCOMPARE(result->data.at(1).vector, (QList<float>{0.25f, -0.5f, 0.125f}));
        QCOMPARE(result->usage->promptTokens, 10);
        QCOMPARE(result->usage->totalTokens, 10);
        QCOMPARE(result->model, QStringLiteral("voyage-3"));

        const RecordedRequest sent = server->requests().first();
        QCOMPARE(sent.header("authorization"), "Bearer " + canaryKey.toUtf8());
        const QJsonObject body = sent.json();
        QCOMPARE(body.value(QLatin1String("input")).toArray(), QJsonArray({QLatin1String("first"), QLatin1String("second")}));
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("voyage-3"));
        QCOMPARE(body.value(QLatin1String("input_type")).toString(), QStringLiteral("query"));
        QCOMPARE(body.value(QLatin1String("output_dimension")).toInt(), 512);
        QVERIFY(!body.contains(QLatin1String("encoding_format")));
        QVERIFY(!body.contains(QLatin1String("dimensions")));
    }

    void base64Vectors()
    {
        server->script("POST", "/v1/embeddings", {ScriptedResponse::json(200, fixture(QStringLiteral("voyage/embeddings-base64.json")))});
        EmbeddingRequest request;
        request.model = QStringLiteral("voyage/voyage-3.5");
        request.input = {QStringLiteral("x")};
        request.inputType = QStringLiteral("document");
        request.encodingFormat = QStringLiteral("base64");
        const Expected<EmbeddingResponse> result = client->embedBlocking(request);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(result->data.first().vector, (QList<float>{0.5f, -1.0f}));
        const QJsonObject body = server->requests().first().json();
        QCOMPARE(body.value(QLatin1String("encoding_format")).toString(), QStringLiteral("base64"));
        QCOMPARE(body.value(QLatin1String("input_type")).toString(), QStringLiteral("document"));
    }

    void httpErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("file");
        QTest::addColumn<Error::Kind>("kind");
        QTest::newRow("400") << 400 << "voyage/error-400.json" << Error::Kind::BadRequest;
        QTest::newRow("401") << 401 << "voyage/error-401.json" << Error::Kind::Authentication;
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QString, file);
        QFETCH(Error::Kind, kind);
        server->script("POST", "/v1/embeddings", {ScriptedResponse::json(status, fixture(file))});
        EmbeddingRequest request;
        request.model = QStringLiteral("voyage/voyage-9");
        request.input = {QStringLiteral("x")};
        const Expected<EmbeddingResponse> result = client->embedBlocking(request);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, kind);
        QCOMPARE(result.error().httpStatus, status);
        QCOMPARE(result.error().provider, QStringLiteral("voyage"));
        QCOMPARE(result.error().message, QJsonDocument::fromJson(fixture(file)).object().value(QLatin1String("detail")).toString());
        QVERIFY(!result.error().toString().contains(canaryKey));
    }

    void chatIsNotOffered()
    {
        ChatRequest request;
        request.model = QStringLiteral("voyage/voyage-3");
        request.messages = {Message::user(QStringLiteral("hi"))};
        const Expected<ChatCompletion> result = client->chatBlocking(request);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Unsupported);
        QCOMPARE(server->requests().size(), 0);
    }

    void cliEmbeds()
    {
        server->script("POST", "/v1/embeddings", {ScriptedResponse::json(200, fixture(QStringLiteral("voyage/embeddings-base64.json")))});
        QTemporaryDir home;
        QProcessEnvironment cliEnv = cleanEnvironment(home.path());
        cliEnv.insert(QStringLiteral("VOYAGE_API_KEY"), canaryKey);
        cliEnv.insert(QStringLiteral("VOYAGE_BASE_URL"), env.value(QStringLiteral("VOYAGE_BASE_URL")));
        const ProcessResult result = runProcess(QStringLiteral(MUXI_CLI), {QStringLiteral("embed"), QStringLiteral("-m"), QStringLiteral("voyage/voyage-3"), QStringLiteral("x")},
                                                cliEnv);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QJsonObject output = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(output.value(QLatin1String("data")).toArray().first().toObject().value(QLatin1String("embedding")).toArray(),
                 QJsonArray({0.5, -1.0}));
        QCOMPARE(server->requests().first().json().value(QLatin1String("input")).toArray(), QJsonArray({QLatin1String("x")}));
        QCOMPARE(server->requests().first().json().value(QLatin1String("model")).toString(), QStringLiteral("voyage-3"));
    }
};

QTEST_GUILESS_MAIN(TestVoyageAdapter)
#include "tst_voyageadapter.moc"
