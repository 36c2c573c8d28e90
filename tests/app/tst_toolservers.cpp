#include <elicitationform.h>
#include <keystore.h>
#include <mcpcall.h>
#include <mcpsession.h>
#include <mcptoolresult.h>
#include <toolservers.h>

#include <fakehttpserver.h>

#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QUrlQuery>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;

namespace {
QString scripted(const QString &mode)
{
    return QStringLiteral("node \"%1\" %2").arg(QStringLiteral(MUXI_MCP_SCRIPTED_SERVER), mode);
}

QString stateOf(const ToolServers &servers, int row)
{
    return servers.data(servers.index(row), ToolServers::StateRole).toString();
}

QString statusOf(const ToolServers &servers, int row)
{
    return servers.data(servers.index(row), ToolServers::StatusTextRole).toString();
}

// A remote MCP server that wants "Bearer fresh-token", with an authorization
// server of its own: metadata, registration and token endpoints.
void routeGuardedServer(test::FakeHttpServer &server)
{
    server.route("POST", "/mcp", [](const test::RecordedRequest &request) {
        if (request.header("Authorization") != "Bearer fresh-token")
            return test::ScriptedResponse::json(401, QByteArray("{}"), {{"WWW-Authenticate", "Bearer error=\"invalid_token\""}});
        const QJsonObject message = request.json();
        const QString method = message.value(QLatin1String("method")).toString();
        if (!message.contains(QLatin1String("id")))
            return test::ScriptedResponse::json(202, QByteArray());
        QJsonObject result;
        if (method == QLatin1String("initialize"))
            result = {{QLatin1String("protocolVersion"), QLatin1String("2025-06-18")},
                      {QLatin1String("capabilities"), QJsonObject{{QLatin1String("tools"), QJsonObject()}}},
                      {QLatin1String("serverInfo"), QJsonObject{{QLatin1String("name"), QLatin1String("guarded")}, {QLatin1String("version"), QLatin1String("1")}}}};
        else if (method == QLatin1String("tools/list"))
            result = {{QLatin1String("tools"), QJsonArray{QJsonObject{{QLatin1String("name"), QLatin1String("secret")},
                                                                      {QLatin1String("inputSchema"), QJsonObject{{QLatin1String("type"), QLatin1String("object")}}}}}}};
        return test::ScriptedResponse::json(200, QJsonObject{{QLatin1String("jsonrpc"), QLatin1String("2.0")},
                                                             {QLatin1String("id"), message.value(QLatin1String("id"))},
                                                             {QLatin1String("result"), result}});
    });
    server.route("GET", "/mcp", [](const test::RecordedRequest &) { return test::ScriptedResponse::json(405, QByteArray()); });
    server.route("DELETE", "/mcp", [](const test::RecordedRequest &) { return test::ScriptedResponse::json(200, QByteArray()); });
    const QString base = server.url().toString();
    server.route("GET", "/.well-known/oauth-authorization-server", [base](const test::RecordedRequest &) {
        return test::ScriptedResponse::json(200, QJsonObject{{QLatin1String("issuer"), base},
                                                             {QLatin1String("authorization_endpoint"), base + QLatin1String("/authorize")},
                                                             {QLatin1String("token_endpoint"), base + QLatin1String("/token")},
                                                             {QLatin1String("registration_endpoint"), base + QLatin1String("/register")},
                                                             {QLatin1String("code_challenge_methods_supported"), QJsonArray{QLatin1String("S256")}}});
    });
    server.route("POST", "/register", [](const test::RecordedRequest &) {
        return test::ScriptedResponse::json(201, QByteArray("{\"client_id\":\"registered-client\",\"token_endpoint_auth_method\":\"none\"}"));
    });
    server.route("POST", "/token", [](const test::RecordedRequest &) {
        return test::ScriptedResponse::json(200, QByteArray("{\"access_token\":\"fresh-token\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"refresh-2\"}"));
    });
}

bool keychainAvailable(KeyStore &keys)
{
    bool available = false;
    bool answered = false;
    keys.write(QStringLiteral("probe"), QStringLiteral("x"), [&](bool ok, const QString &) {
        available = ok;
        answered = true;
    });
    QDeadlineTimer deadline(6000);
    while (!answered && !deadline.hasExpired())
        QTest::qWait(20);
    return available;
}
}

// Settings → Tools behind the page: configured MCP servers with real
// sessions (the scripted stdio server of tests/mcp), their status, tool
// switches, persistence, secrets kept out of the settings file, and import
// of the "mcpServers" JSON of Claude Desktop and Cursor.
class TestToolServers : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    std::unique_ptr<KeyStore> keys;

    QString settingsFile() const { return dir.filePath(QStringLiteral("workbench.conf")); }

    std::unique_ptr<ToolServers> make()
    {
        auto servers = std::make_unique<ToolServers>(settingsFile(), keys.get());
        new QAbstractItemModelTester(servers.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, servers.get());
        return servers;
    }

private Q_SLOTS:
    void init()
    {
        QFile::remove(settingsFile());
        keys = std::make_unique<KeyStore>(QStringLiteral("muxi-test-tools"));
        keys->setTimeout(3000);
    }

    void cleanup()
    {
        keys.reset();
    }

    void startsReadyAndPersists()
    {
        {
            auto servers = make();
            servers->start();
            const int row = servers->addServer({{QStringLiteral("name"), QStringLiteral("weather")}, {QStringLiteral("command"), scripted(QStringLiteral("weather"))}});
            QCOMPARE(row, 0);
            QCOMPARE(stateOf(*servers, 0), QStringLiteral("starting"));
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(*servers, 0), QStringLiteral("ready"), 20000);
            QCOMPARE(statusOf(*servers, 0), QStringLiteral("Ready with 4 tools"));
            QCOMPARE(servers->data(servers->index(0), ToolServers::ToolCountRole).toInt(), 4);
            QCOMPARE(servers->readySessions().size(), 1);
            QCOMPARE(servers->readyToolCount(), 4);

            // A tool switched off is not offered; "always" is remembered.
            QSignalSpy changed(servers.get(), &QAbstractItemModel::dataChanged);
            servers->setToolEnabled(0, QStringLiteral("get_time"), false);
            QCOMPARE(changed.count(), 1);
            QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
            QVERIFY(!servers->enabledToolNames().contains(QStringLiteral("get_time")));
            QVERIFY(servers->enabledToolNames().contains(QStringLiteral("get_weather")));
            QCOMPARE(servers->readyToolCount(), 3);
            servers->setAlwaysAllowed(QStringLiteral("weather"), QStringLiteral("get_weather"));
            QVERIFY(servers->isAlwaysAllowed(QStringLiteral("weather"), QStringLiteral("get_weather")));
            servers->setMaxSteps(4);
        }
        // A restart reads it all back and starts the server again.
        auto servers = make();
        QCOMPARE(servers->rowCount(), 1);
        QCOMPARE(servers->data(servers->index(0), ToolServers::NameRole).toString(), QStringLiteral("weather"));
        QVERIFY(servers->data(servers->index(0), ToolServers::CommandRole).toString().contains(QLatin1String("scripted.mjs")));
        QCOMPARE(servers->maxSteps(), 4);
        servers->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*servers, 0), QStringLiteral("ready"), 20000);
        QVERIFY(!servers->enabledToolNames().contains(QStringLiteral("get_time")));
        QVERIFY(servers->isAlwaysAllowed(QStringLiteral("weather"), QStringLiteral("get_weather")));
        const QVariantList tools = servers->data(servers->index(0), ToolServers::ToolsRole).toList();
        QCOMPARE(tools.size(), 4);

        // Disabled: no session, no tools; enabled again: ready again.
        servers->setServerEnabled(0, false);
        QCOMPARE(stateOf(*servers, 0), QStringLiteral("disabled"));
        QCOMPARE(servers->readySessions().size(), 0);
        servers->setServerEnabled(0, true);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*servers, 0), QStringLiteral("ready"), 20000);

        servers->removeServer(0);
        QCOMPARE(servers->rowCount(), 0);
        QCOMPARE(make()->rowCount(), 0);
    }

    void failingServerShowsItsError()
    {
        auto servers = make();
        servers->start();
        servers->addServer({{QStringLiteral("name"), QStringLiteral("broken")}, {QStringLiteral("command"), scripted(QStringLiteral("exit"))}});
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*servers, 0), QStringLiteral("failed"), 20000);
        const QString status = statusOf(*servers, 0);
        QVERIFY2(status.startsWith(QLatin1String("Failed: ")), qPrintable(status));
        QVERIFY2(status.contains(QLatin1String("broken")), qPrintable(status));
        // The server's stderr tail.
        QVERIFY2(status.contains(QLatin1String("missing configuration, giving up")), qPrintable(status));
        QCOMPARE(servers->readySessions().size(), 0);

        QCOMPARE(servers->addServer({{QStringLiteral("command"), QString()}}), -1);
        QVERIFY(!servers->lastError().isEmpty());
        QCOMPARE(servers->addServer({{QStringLiteral("url"), QStringLiteral("ftp://example.com")}}), -1);
        QVERIFY(servers->lastError().contains(QLatin1String("ftp://example.com")));
    }

    void importsMcpServersJson()
    {
        auto servers = make();
        servers->start();
        const QJsonObject config{{QStringLiteral("mcpServers"), QJsonObject{
            {QStringLiteral("weather"), QJsonObject{
                {QStringLiteral("command"), QStringLiteral("node")},
                {QStringLiteral("args"), QJsonArray{QStringLiteral(MUXI_MCP_SCRIPTED_SERVER), QStringLiteral("weather")}},
                {QStringLiteral("env"), QJsonObject{{QStringLiteral("CITY"), QStringLiteral("Paris")},
                                                    {QStringLiteral("API_TOKEN"), QStringLiteral("canary-env-0123456789abcdef")}}}}},
            {QStringLiteral("remote"), QJsonObject{
                {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/mcp")},
                {QStringLiteral("headers"), QJsonObject{{QStringLiteral("Authorization"), QStringLiteral("Bearer canary-header-0123456789")},
                                                        {QStringLiteral("X-Team"), QStringLiteral("blue")}}}}},
        }}};
        const QString json = QString::fromUtf8(QJsonDocument(config).toJson());
        QCOMPARE(servers->importJson(json), 2);
        QCOMPARE(servers->rowCount(), 2);
        const int weather = servers->rowOfName(QStringLiteral("weather"));
        const int remote = servers->rowOfName(QStringLiteral("remote"));
        QVERIFY(weather >= 0 && remote >= 0);
        QCOMPARE(servers->data(servers->index(remote), ToolServers::TransportRole).toString(), QStringLiteral("http"));
        QCOMPARE(servers->data(servers->index(remote), ToolServers::UrlRole).toString(), QStringLiteral("http://127.0.0.1:9/mcp"));
        // Secrets are masked on screen and absent from the settings file.
        const QString headers = servers->data(servers->index(remote), ToolServers::HeadersRole).toString();
        QVERIFY2(headers.contains(QLatin1String("X-Team: blue")), qPrintable(headers));
        QVERIFY2(headers.contains(QLatin1String("Authorization: ") + ToolServers::secretMask), qPrintable(headers));
        const QString environment = servers->data(servers->index(weather), ToolServers::EnvironmentRole).toString();
        QVERIFY2(environment.contains(QLatin1String("CITY=Paris")), qPrintable(environment));
        QVERIFY(!environment.contains(QLatin1String("canary")));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*servers, weather), QStringLiteral("ready"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*servers, remote), QStringLiteral("failed"), 20000);
        QVERIFY(statusOf(*servers, remote).contains(QLatin1String("remote")));

        servers.reset();
        QFile file(settingsFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains("X-Team: blue"));
        QVERIFY(stored.contains("CITY=Paris"));
        QVERIFY2(!stored.contains("canary"), stored.constData());

        // Bad JSON and a JSON without servers say so.
        servers = make();
        QCOMPARE(servers->importJson(QStringLiteral("{nope")), -1);
        QVERIFY(servers->lastError().contains(QLatin1String("not a JSON object")));
        QCOMPARE(servers->importJson(QStringLiteral("{\"other\": 1}")), -1);
        QVERIFY(servers->lastError().contains(QLatin1String("mcpServers")));
        QCOMPARE(servers->rowCount(), 2);
        // A second import of the same names keeps both, named apart.
        QCOMPARE(servers->importJson(QStringLiteral("{\"mcpServers\": {\"weather\": {\"command\": \"true\"}}}")), 1);
        QVERIFY(servers->rowOfName(QStringLiteral("weather 2")) >= 0);
    }

    // A server's elicitation request becomes a form; its answer goes back typed as the schema says.
    void elicitationForm()
    {
        auto servers = make();
        servers->start();
        servers->addServer({{QStringLiteral("name"), QStringLiteral("booking")}, {QStringLiteral("command"), scripted(QStringLiteral("elicit"))}});
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*servers, 0), QStringLiteral("ready"), 20000);
        QSignalSpy shown(servers.get(), &ToolServers::elicitationChanged);
        mcp::McpCall *call = servers->readySessions().first()->callTool(QStringLiteral("book_table"), {});
        QTRY_VERIFY_WITH_TIMEOUT(servers->elicitation() != nullptr, 10000);
        ElicitationForm *form = servers->elicitation();
        QCOMPARE(form->serverName(), QStringLiteral("booking"));
        QCOMPARE(form->message(), QStringLiteral("Details for the booking"));
        const QVariantList fields = form->fields();
        QCOMPARE(fields.size(), 4);
        QVariantMap byName;
        for (const QVariant &field : fields)
            byName.insert(field.toMap().value(QStringLiteral("name")).toString(), field);
        QCOMPARE(byName.value(QStringLiteral("guests")).toMap().value(QStringLiteral("type")).toString(), QStringLiteral("integer"));
        QCOMPARE(byName.value(QStringLiteral("guests")).toMap().value(QStringLiteral("value")).toInt(), 2);
        QCOMPARE(byName.value(QStringLiteral("time")).toMap().value(QStringLiteral("type")).toString(), QStringLiteral("enum"));
        QCOMPARE(byName.value(QStringLiteral("time")).toMap().value(QStringLiteral("options")).toStringList(), (QStringList{QStringLiteral("19:00"), QStringLiteral("20:00")}));
        QVERIFY(byName.value(QStringLiteral("name")).toMap().value(QStringLiteral("required")).toBool());
        // Text fields give strings; the form types them.
        form->accept({{QStringLiteral("name"), QStringLiteral("Ada")}, {QStringLiteral("guests"), QStringLiteral("4")}, {QStringLiteral("terrace"), true}});
        QTRY_VERIFY_WITH_TIMEOUT(call->isFinished(), 10000);
        QVERIFY(!call->hasError());
        const QString text = mcp::McpToolResult::fromJson(call->result()).text();
        QVERIFY2(text.contains(QLatin1String("\"action\":\"accept\"")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("\"guests\":4")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("\"terrace\":true")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("\"time\":\"20:00\"")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("\"name\":\"Ada\"")), qPrintable(text));
        QTRY_VERIFY(servers->elicitation() == nullptr);
        delete call;

        // Declined, the server hears so.
        call = servers->readySessions().first()->callTool(QStringLiteral("book_table"), {});
        QTRY_VERIFY_WITH_TIMEOUT(servers->elicitation() != nullptr, 10000);
        servers->elicitation()->decline();
        QTRY_VERIFY_WITH_TIMEOUT(call->isFinished(), 10000);
        QVERIFY(mcp::McpToolResult::fromJson(call->result()).text().contains(QLatin1String("\"action\":\"decline\"")));
        delete call;
    }

    // A remote server that wants OAuth: the browser is opened (here: a request to
    // the loopback redirect with the code), the token lands in the keychain, and
    // the next start uses it without asking again.
    void oauthSignIn()
    {
        if (!keychainAvailable(*keys))
            QSKIP("no secret service on this machine (scripts/test.sh provides one)");
        test::FakeHttpServer guarded;
        routeGuardedServer(guarded);
        const QUrl url = guarded.url(QStringLiteral("/mcp"));
        QNetworkAccessManager browser;
        QList<QUrl> opened;
        {
            auto servers = make();
            servers->setUrlOpener([&](const QUrl &authorization) {
                opened.append(authorization);
                const QUrlQuery query(authorization);
                QUrl redirect(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
                redirect.setQuery(QStringLiteral("code=the-code&state=") + query.queryItemValue(QStringLiteral("state"), QUrl::FullyEncoded));
                browser.get(QNetworkRequest(redirect));
            });
            qunsetenv("BROWSER");
            servers->start();
            servers->addServer({{QStringLiteral("name"), QStringLiteral("guarded")}, {QStringLiteral("url"), url.toString()}});
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(*servers, 0), QStringLiteral("ready"), 20000);
            QCOMPARE(opened.size(), 1);
            QCOMPARE(opened.first().path(), QStringLiteral("/authorize"));
            QCOMPARE(QUrlQuery(opened.first()).queryItemValue(QStringLiteral("resource"), QUrl::FullyDecoded), url.toString());
            QCOMPARE(servers->data(servers->index(0), ToolServers::ToolCountRole).toInt(), 1);
            QTest::qWait(300);
        }
        // The tokens are in the keychain, not in the settings file.
        QFile file(settingsFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("fresh-token"));
        KeychainTokenStore store(keys.get());
        bool loaded = false;
        store.preload(url, [&](bool ok) { loaded = ok; });
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 6000);
        QCOMPARE(store.load(url).accessToken, QStringLiteral("fresh-token"));

        auto servers = make();
        servers->setUrlOpener([&](const QUrl &authorization) { opened.append(authorization); });
        servers->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*servers, 0), QStringLiteral("ready"), 20000);
        QCOMPARE(opened.size(), 1);
        servers->removeServer(0);
    }

    // Where a secret service runs (scripts/test.sh), secrets come back from it after a restart.
    void secretsComeBackFromTheKeychain()
    {
        if (!keychainAvailable(*keys))
            QSKIP("no secret service on this machine (scripts/test.sh provides one)");
        {
            auto servers = make();
            servers->start();
            servers->addServer({{QStringLiteral("name"), QStringLiteral("env")},
                                {QStringLiteral("command"), scripted(QStringLiteral("weather"))},
                                {QStringLiteral("environment"), QStringLiteral("SERVICE_KEY=canary-keychain-0123456789")}});
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(*servers, 0), QStringLiteral("ready"), 20000);
            QTRY_VERIFY_WITH_TIMEOUT(servers->keychainError().isEmpty(), 5000);
            QTest::qWait(200);
        }
        auto servers = make();
        servers->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*servers, 0), QStringLiteral("ready"), 20000);
        QCOMPARE(servers->readySessions().first()->config().environment.value(QStringLiteral("SERVICE_KEY")),
                 QStringLiteral("canary-keychain-0123456789"));
        // Edited with the mask left as it was, the secret stays.
        QVERIFY(servers->updateServer(0, {{QStringLiteral("name"), QStringLiteral("env")},
                                          {QStringLiteral("command"), scripted(QStringLiteral("weather"))},
                                          {QStringLiteral("environment"), QStringLiteral("SERVICE_KEY=") + ToolServers::secretMask}}));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*servers, 0), QStringLiteral("ready"), 20000);
        QCOMPARE(servers->readySessions().first()->config().environment.value(QStringLiteral("SERVICE_KEY")),
                 QStringLiteral("canary-keychain-0123456789"));
        servers->removeServer(0);
    }
};

QTEST_MAIN(TestToolServers)
#include "tst_toolservers.moc"
