#include <apptestenvironment.h>
#include <fixtures.h>

#include <localserver.h>

#include <muxi/client.h>

#include <QClipboard>
#include <QDir>
#include <QEventLoop>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

// Settings → Local server: the gateway inside the workbench answers with the
// workbench's own Client (its keychain keys), counts requests live, and
// comes back on at the next start when it was left on.
class TestLocalServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AppTestEnvironment> env;

    QString settingsFile() const { return QDir(env->dataDir()).filePath(QStringLiteral("workbench.conf")); }

    std::pair<int, QJsonObject> post(const QString &url, const QJsonObject &body)
    {
        QNetworkAccessManager network;
        QNetworkRequest request{QUrl(url)};
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson());
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return {status, json};
    }

private Q_SLOTS:
    void init()
    {
        env = std::make_unique<AppTestEnvironment>();
    }

    void answersWithTheWorkbenchKeys()
    {
        env->server.script("POST", "/v1/chat/completions", {ScriptedResponse::json(200, fixture(QStringLiteral("openai/chat-completion.json")))});
        LocalServer server(env->client.get(), settingsFile());
        server.setPort(0);
        QSignalSpy requests(&server, &LocalServer::requestsChanged);
        server.setRunning(true);
        QVERIFY(server.running());
        QVERIFY2(server.url().startsWith(QLatin1String("http://127.0.0.1:")), qPrintable(server.url()));
        QVERIFY(server.error().isEmpty());

        const QJsonObject body{{QLatin1String("model"), QLatin1String("openai/gpt-4o-mini")},
                               {QLatin1String("messages"), QJsonArray{QJsonObject{{QLatin1String("role"), QLatin1String("user")}, {QLatin1String("content"), QLatin1String("hi")}}}}};
        const auto [status, json] = post(server.url() + QLatin1String("/chat/completions"), body);
        QCOMPARE(status, 200);
        QCOMPARE(json.value(QLatin1String("choices")).toArray().first().toObject().value(QLatin1String("message")).toObject().value(QLatin1String("content")).toString(),
                 QStringLiteral("Hello there."));
        // The provider saw the key the workbench holds, not anything the local client sent.
        QCOMPARE(env->server.requests().last().header("authorization"), "Bearer " + AppTestEnvironment::canaryKey.toUtf8());
        QCOMPARE(server.requestsServed(), 1);
        QCOMPARE(server.requestsInFlight(), 0);
        QVERIFY(requests.count() >= 2);

        server.copyUrl();
        QCOMPARE(QGuiApplication::clipboard()->text(), server.url());

        server.setRunning(false);
        QVERIFY(!server.running());
        QVERIFY(server.url().isEmpty());
    }

    void stoppingWithAStreamInFlight()
    {
        QList<QByteArray> events;
        for (int i = 0; i < 100; ++i)
            events.append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}]}\n\n");
        env->server.script("POST", "/v1/chat/completions", {ScriptedResponse::sse(events, 100)});
        LocalServer server(env->client.get(), settingsFile());
        server.setPort(0);
        server.setRunning(true);
        QNetworkAccessManager network;
        QNetworkRequest request{QUrl(server.url() + QLatin1String("/chat/completions"))};
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        const QJsonObject body{{QLatin1String("model"), QLatin1String("openai/gpt-4o-mini")},
                               {QLatin1String("stream"), true},
                               {QLatin1String("messages"), QJsonArray{QJsonObject{{QLatin1String("role"), QLatin1String("user")}, {QLatin1String("content"), QLatin1String("hi")}}}}};
        QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson());
        QTRY_VERIFY(reply->bytesAvailable() > 0);
        QCOMPARE(server.requestsInFlight(), 1);
        // Turned off mid-stream: the client sees its stream cut, nothing crashes.
        server.setRunning(false);
        QTRY_VERIFY(reply->isFinished());
        QVERIFY(reply->error() != QNetworkReply::NoError);
        QVERIFY(!reply->readAll().contains("[DONE]"));
        reply->deleteLater();
    }

    void comesBackOnWhenLeftOn()
    {
        {
            LocalServer server(env->client.get(), settingsFile());
            server.setPort(0);
            server.setRunning(true);
            QVERIFY(server.running());
        }
        LocalServer again(env->client.get(), settingsFile());
        QCOMPARE(again.port(), 0);
        QVERIFY(!again.running());
        again.restore();
        QVERIFY(again.running());
        again.setRunning(false);
        LocalServer off(env->client.get(), settingsFile());
        off.restore();
        QVERIFY(!off.running());
    }

    void aTakenPortIsReported()
    {
        LocalServer first(env->client.get(), settingsFile());
        first.setPort(0);
        first.setRunning(true);
        const int taken = first.url().section(QLatin1Char(':'), 2).section(QLatin1Char('/'), 0, 0).toInt();
        QVERIFY(taken > 0);
        LocalServer second(env->client.get(), QDir(env->dataDir()).filePath(QStringLiteral("other.conf")));
        second.setPort(taken);
        second.setRunning(true);
        QVERIFY(!second.running());
        QVERIFY2(second.error().contains(QString::number(taken)), qPrintable(second.error()));
    }
};

QTEST_MAIN(TestLocalServer)
#include "tst_localserver.moc"
