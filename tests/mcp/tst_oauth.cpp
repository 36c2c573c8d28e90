#include "mcptestservers.h"

#include <fakehttpserver.h>
#include <filetokenstore.h>

#include <mcpsession.h>
#include <oauthclient.h>

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace muxi;
using namespace muxi::mcp;
using namespace muxi::test;

// The parts of OAuth the conformance suite leaves out: refreshing a stored
// token, and the command line's private token file.
class TestOAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void challengeAndPkce()
    {
        const QHash<QString, QString> challenge = OAuthClient::parseChallenge(
            "Bearer realm=\"mcp\", error=\"insufficient_scope\", scope=\"files:read files:write\", resource_metadata=\"https://mcp.example/.well-known/oauth-protected-resource/mcp\"");
        QCOMPARE(challenge.value(QStringLiteral("scope")), QStringLiteral("files:read files:write"));
        QCOMPARE(challenge.value(QStringLiteral("error")), QStringLiteral("insufficient_scope"));
        QCOMPARE(challenge.value(QStringLiteral("resource_metadata")), QStringLiteral("https://mcp.example/.well-known/oauth-protected-resource/mcp"));
        QCOMPARE(OAuthClient::parseChallenge("Bearer scope=tools").value(QStringLiteral("scope")), QStringLiteral("tools"));
        // S256 of the verifier, base64url without padding (computed independently).
        QCOMPARE(OAuthClient::codeChallenge("dBjftJeZ4CVP-mJ92K9mIA4qknNUqN0BhuaSd5Rt8Vq2Nn8"),
                 QByteArray("M4wMNX54lrAR4B8Lp2f1j3EBQxJFKpcf89Kopc-ZYZs"));
    }

    void refreshesAStoredToken()
    {
        FakeHttpServer server;
        const QUrl mcpUrl = server.url(QStringLiteral("/mcp"));
        server.route("POST", "/mcp", [](const RecordedRequest &request) {
            if (request.header("Authorization") != "Bearer fresh-token")
                return ScriptedResponse::json(401, QByteArray("{\"error\":\"invalid_token\"}"),
                                              {{"WWW-Authenticate", "Bearer error=\"invalid_token\""}});
            const QJsonObject message = request.json();
            const QString method = message.value(QLatin1String("method")).toString();
            if (!message.contains(QLatin1String("id")))
                return ScriptedResponse::json(202, QByteArray());
            QJsonObject result;
            if (method == QLatin1String("initialize"))
                result = {{QLatin1String("protocolVersion"), QLatin1String("2025-06-18")},
                          {QLatin1String("capabilities"), QJsonObject{{QLatin1String("tools"), QJsonObject()}}},
                          {QLatin1String("serverInfo"), QJsonObject{{QLatin1String("name"), QLatin1String("guarded")}, {QLatin1String("version"), QLatin1String("1")}}}};
            else if (method == QLatin1String("tools/list"))
                result = {{QLatin1String("tools"), QJsonArray{QJsonObject{{QLatin1String("name"), QLatin1String("secret")},
                                                                          {QLatin1String("inputSchema"), QJsonObject{{QLatin1String("type"), QLatin1String("object")}}}}}}};
            return ScriptedResponse::json(200, QJsonObject{{QLatin1String("jsonrpc"), QLatin1String("2.0")},
                                                           {QLatin1String("id"), message.value(QLatin1String("id"))},
                                                           {QLatin1String("result"), result}});
        });
        server.route("GET", "/mcp", [](const RecordedRequest &) { return ScriptedResponse::json(405, QByteArray()); });
        server.route("POST", "/token", [](const RecordedRequest &) {
            return ScriptedResponse::json(200, QByteArray("{\"access_token\":\"fresh-token\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"refresh-2\"}"));
        });

        QTemporaryDir directory;
        cli::FileTokenStore store(directory.filePath(QStringLiteral("muxi/mcp-tokens.json")));
        OAuthTokens stale;
        stale.accessToken = QStringLiteral("stale-token");
        stale.refreshToken = QStringLiteral("refresh-1");
        stale.clientId = QStringLiteral("muxi-test-client");
        stale.tokenEndpointAuthMethod = QStringLiteral("none");
        stale.tokenEndpoint = server.url(QStringLiteral("/token"));
        store.save(mcpUrl, stale);
        QFile file(store.path());
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
                 QFileDevice::Permissions());

        McpSession session(McpServerConfig::fromUrl(mcpUrl));
        OAuthClient oauth(mcpUrl, nullptr, &store);
        // A browser must not be needed: the refresh token suffices.
        oauth.setBrowserCommand(QStringLiteral("false"));
        session.setAuthorizer(&oauth);
        QVERIFY2(session.waitForReady(), qPrintable(session.failure().toString()));
        QCOMPARE(session.tools().size(), 1);

        QCOMPARE(server.count("/token"), 1);
        const RecordedRequest tokenRequest = server.requests().at(1);
        QCOMPARE(tokenRequest.path(), QByteArray("/token"));
        const QUrlQuery form(QString::fromUtf8(tokenRequest.body));
        QCOMPARE(form.queryItemValue(QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
        QCOMPARE(form.queryItemValue(QStringLiteral("refresh_token")), QStringLiteral("refresh-1"));
        QCOMPARE(form.queryItemValue(QStringLiteral("client_id")), QStringLiteral("muxi-test-client"));
        QCOMPARE(form.queryItemValue(QStringLiteral("resource"), QUrl::FullyDecoded), mcpUrl.toString());

        const OAuthTokens saved = cli::FileTokenStore(store.path()).load(mcpUrl);
        QCOMPARE(saved.accessToken, QStringLiteral("fresh-token"));
        QCOMPARE(saved.refreshToken, QStringLiteral("refresh-2"));
        QVERIFY(saved.expiresAt > QDateTime::currentDateTimeUtc());
        QCOMPARE(QFile(store.path()).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        session.waitForClosed();
    }
};

QTEST_GUILESS_MAIN(TestOAuth)
#include "tst_oauth.moc"
