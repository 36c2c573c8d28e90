#include "sigv4check.h"

#include <chattesthelpers.h>

#include <muxi/providers/awscredentialresolver.h>
#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>
#include <fakehttpserver.h>
#include <fixtures.h>
#include <processrunner.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {
const QString region = QStringLiteral("us-west-2");
const QString model = QStringLiteral("anthropic.claude-3-5-sonnet-20240620-v1:0");
const QByteArray conversePath = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse";
const QString fetchedKey = QStringLiteral("ASIAFETCHEDCANARY");
const QString fetchedSecret = QStringLiteral("canary-fetched-secret-7c1d");
const QString fetchedToken = QStringLiteral("canary-fetched-session-token");

AwsCredentials fetched()
{
    AwsCredentials credentials;
    credentials.accessKeyId = fetchedKey;
    credentials.secretAccessKey = fetchedSecret;
    credentials.sessionToken = fetchedToken;
    return credentials;
}

// The credentials JSON that credential_process, container and instance metadata endpoints print.
QByteArray credentialsJson(const char *tokenField)
{
    return QJsonDocument(QJsonObject{{QLatin1String("Version"), 1},
                                     {QLatin1String("Code"), QLatin1String("Success")},
                                     {QLatin1String("AccessKeyId"), fetchedKey},
                                     {QLatin1String("SecretAccessKey"), fetchedSecret},
                                     {QLatin1String(tokenField), fetchedToken},
                                     {QLatin1String("Expiration"), QLatin1String("2099-01-01T00:00:00Z")}})
        .toJson(QJsonDocument::Compact);
}
}

// The AWS credential chain behind Bedrock and SageMaker, source by source:
// credential_process (a real script), the SSO token cache and portal, the
// container endpoint and IMDSv2, the last three on a loopback server standing
// in for AWS. Every Bedrock request's signature is recomputed with the
// credentials the source handed out.
class TestAwsCredentialChain : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<QTemporaryDir> home;
    QProcessEnvironment env;

    void writeFile(const QString &relativePath, const QByteArray &contents)
    {
        const QString path = home->filePath(relativePath);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
    }

    Expected<ChatCompletion> chat()
    {
        auto client = clientWithoutRetries(builtinRegistry(), env);
        return client->chatBlocking(briefChat(QLatin1String("bedrock/") + model, QStringLiteral("Say hello"), false));
    }

    void expectSignedWithFetchedCredentials()
    {
        const QList<RecordedRequest> sent = server->requests();
        QVERIFY(!sent.isEmpty());
        const RecordedRequest &converse = sent.last();
        QCOMPARE(converse.path(), conversePath);
        QCOMPARE(converse.header("x-amz-security-token"), fetchedToken.toUtf8());
        const QString mismatch = sigV4Mismatch(converse, fetched(), region, QStringLiteral("bedrock"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    static void expectNoSecrets(const Error &error)
    {
        for (const QString &secret : {fetchedSecret, fetchedToken})
            QVERIFY2(!error.toString().contains(secret), qPrintable(error.toString()));
    }

    QString describe()
    {
        auto client = clientWithoutRetries(builtinRegistry(), env);
        const Expected<Target> target = client->resolve(QLatin1String("bedrock/") + model);
        return target ? AwsCredentialResolver::describe(*target) : target.error().message;
    }

private Q_SLOTS:
    void init()
    {
        AwsCredentialResolver::clearCache();
        server = std::make_unique<FakeHttpServer>();
        home = std::make_unique<QTemporaryDir>();
        env = QProcessEnvironment();
        env.insert(QStringLiteral("HOME"), home->path());
        env.insert(QStringLiteral("PATH"), QProcessEnvironment::systemEnvironment().value(QStringLiteral("PATH")));
        env.insert(QStringLiteral("AWS_REGION"), region);
        env.insert(QStringLiteral("BEDROCK_BASE_URL"), server->url().toString());
        // Nothing here may wander off to a real metadata address.
        env.insert(QStringLiteral("AWS_EC2_METADATA_SERVICE_ENDPOINT"), server->url(QStringLiteral("/unrouted-imds")).toString());
        server->script("POST", conversePath, {ScriptedResponse::json(200, fixture(QStringLiteral("bedrock/converse-text.json")))});
    }

    void credentialProcessIsRunOnceAndCached()
    {
        // The script counts its runs, so the second request proves the cache.
        writeFile(QStringLiteral("bin/creds.sh"),
                  "#!/bin/sh\necho run >> \"$HOME/runs\"\ntest \"$1\" = \"--role\" || exit 3\nprintf '%s' '" + credentialsJson("SessionToken") + "'\n");
        QFile::setPermissions(home->filePath(QStringLiteral("bin/creds.sh")), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        writeFile(QStringLiteral(".aws/config"),
                  "[profile tool]\ncredential_process = \"" + home->filePath(QStringLiteral("bin/creds.sh")).toUtf8() + "\" --role dev\n");
        env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("tool"));
        QVERIFY2(describe().contains(QStringLiteral("credential_process of profile \"tool\"")), qPrintable(describe()));

        const Expected<ChatCompletion> first = chat();
        QVERIFY2(first, qPrintable(first ? QString() : first.error().toString()));
        expectSignedWithFetchedCredentials();
        QVERIFY(chat());
        QFile runs(home->filePath(QStringLiteral("runs")));
        QVERIFY(runs.open(QIODevice::ReadOnly));
        QCOMPARE(runs.readAll(), QByteArray("run\n"));
    }

    void failingCredentialProcessSaysWhy()
    {
        writeFile(QStringLiteral("bin/fail.sh"), "#!/bin/sh\necho '{\"Version\":1,\"SecretAccessKey\":\"canary-fetched-secret-7c1d\"}'\n"
                                                 "echo 'the refresh token expired' >&2\nexit 4\n");
        QFile::setPermissions(home->filePath(QStringLiteral("bin/fail.sh")), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        writeFile(QStringLiteral(".aws/config"), "[default]\ncredential_process = " + home->filePath(QStringLiteral("bin/fail.sh")).toUtf8() + "\n");
        const Expected<ChatCompletion> result = chat();
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Authentication);
        QCOMPARE(result.error().provider, QStringLiteral("bedrock"));
        QVERIFY2(result.error().message.contains(QStringLiteral("exit code 4")), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(QStringLiteral("the refresh token expired")), qPrintable(result.error().message));
        expectNoSecrets(result.error());
        QCOMPARE(server->count(conversePath), 0);
    }

    void ssoTokenCacheIsExchangedAtThePortal()
    {
        writeFile(QStringLiteral(".aws/config"), "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Developer\n"
                                                 "[sso-session corp]\nsso_region = eu-central-1\nsso_start_url = https://corp.awsapps.com/start\n");
        const QByteArray hash = QCryptographicHash::hash("corp", QCryptographicHash::Sha1).toHex();
        const QString cacheFile = QStringLiteral(".aws/sso/cache/") + QString::fromLatin1(hash) + QLatin1String(".json");
        env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("dev"));
        env.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO"), server->url(QStringLiteral("/sso")).toString());
        QVERIFY2(describe().contains(QStringLiteral("aws sso login --profile dev")), qPrintable(describe()));

        writeFile(cacheFile, QJsonDocument(QJsonObject{{QLatin1String("startUrl"), QLatin1String("https://corp.awsapps.com/start")},
                                                       {QLatin1String("region"), QLatin1String("eu-central-1")},
                                                       {QLatin1String("accessToken"), QLatin1String("canary-sso-access-token")},
                                                       {QLatin1String("expiresAt"), QLatin1String("2099-01-01T00:00:00Z")}})
                                 .toJson());
        QVERIFY2(describe().contains(QStringLiteral("SSO, profile \"dev\"")), qPrintable(describe()));
        server->route("GET", "/sso/federation/credentials", [](const RecordedRequest &request) {
            const QUrlQuery query(request.url());
            if (request.header("x-amz-sso_bearer_token") != "canary-sso-access-token"
                || query.queryItemValue(QStringLiteral("account_id")) != QLatin1String("111122223333")
                || query.queryItemValue(QStringLiteral("role_name")) != QLatin1String("Developer"))
                return ScriptedResponse::json(401, QByteArray(R"({"message":"Session token not found or invalid"})"));
            return ScriptedResponse::json(200, QJsonObject{{QLatin1String("roleCredentials"),
                                                            QJsonObject{{QLatin1String("accessKeyId"), fetchedKey},
                                                                        {QLatin1String("secretAccessKey"), fetchedSecret},
                                                                        {QLatin1String("sessionToken"), fetchedToken},
                                                                        {QLatin1String("expiration"), 4070908800000.0}}}});
        });
        const Expected<ChatCompletion> result = chat();
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QCOMPARE(server->count("/sso/federation/credentials"), 1);
        expectSignedWithFetchedCredentials();

        // An expired login is reported with the command that renews it, and nothing is sent.
        AwsCredentialResolver::clearCache();
        server->clear();
        writeFile(cacheFile, R"({"accessToken":"canary-sso-access-token","expiresAt":"2020-01-01T00:00:00UTC"})");
        const Expected<ChatCompletion> expired = chat();
        QVERIFY(!expired);
        QCOMPARE(expired.error().kind, Error::Kind::Authentication);
        QVERIFY2(expired.error().message.contains(QStringLiteral("aws sso login --profile dev")), qPrintable(expired.error().message));
        QVERIFY(server->requests().isEmpty());
    }

    void containerEndpointWithTokenFile()
    {
        writeFile(QStringLiteral("token"), "canary-container-auth\n");
        env.insert(QStringLiteral("AWS_CONTAINER_CREDENTIALS_FULL_URI"), server->url(QStringLiteral("/v2/credentials/abc")).toString());
        env.insert(QStringLiteral("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"), home->filePath(QStringLiteral("token")));
        env.insert(QStringLiteral("AWS_CONTAINER_AUTHORIZATION_TOKEN"), QStringLiteral("the file wins"));
        QVERIFY2(describe().contains(QStringLiteral("AWS_CONTAINER_CREDENTIALS_FULL_URI")), qPrintable(describe()));
        server->route("GET", "/v2/credentials/abc", [](const RecordedRequest &request) {
            if (request.header("authorization") != "canary-container-auth")
                return ScriptedResponse::json(403, QByteArray(R"({"message":"bad token"})"));
            return ScriptedResponse::json(200, credentialsJson("Token"));
        });
        const Expected<ChatCompletion> result = chat();
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        expectSignedWithFetchedCredentials();

        // Plain HTTP elsewhere than this machine or the container agent is refused.
        AwsCredentialResolver::clearCache();
        env.insert(QStringLiteral("AWS_CONTAINER_CREDENTIALS_FULL_URI"), QStringLiteral("http://192.0.2.7/creds"));
        const Expected<ChatCompletion> refused = chat();
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("must be https")), qPrintable(refused.error().message));
    }

    void instanceMetadataVersion2()
    {
        env.insert(QStringLiteral("AWS_EC2_METADATA_SERVICE_ENDPOINT"), server->url(QStringLiteral("/imds")).toString());
        QVERIFY2(describe().contains(QStringLiteral("instance metadata")), qPrintable(describe()));
        server->route("PUT", "/imds/latest/api/token", [](const RecordedRequest &request) {
            if (request.header("x-aws-ec2-metadata-token-ttl-seconds").isEmpty())
                return ScriptedResponse::json(400, QByteArray("{}"));
            ScriptedResponse token = ScriptedResponse::json(200, QByteArray("canary-imds-token"));
            return token;
        });
        auto needsToken = [](const QByteArray &body) {
            return [body](const RecordedRequest &request) {
                if (request.header("x-aws-ec2-metadata-token") != "canary-imds-token")
                    return ScriptedResponse::json(401, QByteArray(""));
                return ScriptedResponse::json(200, body);
            };
        };
        server->route("GET", "/imds/latest/meta-data/iam/security-credentials/", needsToken("WebServerRole\n"));
        server->route("GET", "/imds/latest/meta-data/iam/security-credentials/WebServerRole", needsToken(credentialsJson("Token")));
        const Expected<ChatCompletion> result = chat();
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        expectSignedWithFetchedCredentials();
        QCOMPARE(server->count("/imds/latest/api/token"), 1);
    }

    void nothingFoundListsWhereItLooked()
    {
        env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        QVERIFY2(describe().startsWith(QStringLiteral("none found")), qPrintable(describe()));
        const Expected<ChatCompletion> result = chat();
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Authentication);
        const QString message = result.error().message;
        for (const char *place : {"AWS_ACCESS_KEY_ID", "AWS_PROFILE", "credential_process", "SSO", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                                  "AWS_EC2_METADATA_DISABLED", "AWS_BEARER_TOKEN_BEDROCK", ".aws/credentials", ".aws/config"})
            QVERIFY2(message.contains(QLatin1String(place)), qPrintable(message));
        QVERIFY(server->requests().isEmpty());

        // With instance metadata on, its failure to answer is the last place named.
        env.remove(QStringLiteral("AWS_EC2_METADATA_DISABLED"));
        const Expected<ChatCompletion> unanswered = chat();
        QVERIFY(!unanswered);
        QVERIFY2(unanswered.error().message.contains(QStringLiteral("instance metadata at")), qPrintable(unanswered.error().message));
        QVERIFY2(unanswered.error().message.contains(QStringLiteral("HTTP 404")), qPrintable(unanswered.error().message));
    }

    // Each source's ways of failing end in an authentication error that says
    // what went wrong and what to do, with nothing sent to Bedrock.
    void failuresSayWhatToDo_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("expected");
        QTest::newRow("process missing") << "process missing" << "could not be started";
        QTest::newRow("process without version") << "process {}" << "did not print a JSON object with \"Version\": 1";
        QTest::newRow("process without keys") << "process version only" << "printed no AccessKeyId and SecretAccessKey";
        QTest::newRow("sso incomplete") << "sso incomplete" << "lacks sso_account_id, sso_role_name or sso_region";
        QTest::newRow("sso not logged in") << "sso no cache" << "but no login is cached in";
        QTest::newRow("sso cache without token") << "sso empty cache" << "holds no accessToken and expiresAt";
        QTest::newRow("sso portal refuses") << "sso 403" << "the SSO portal refused the cached login of profile \"dev\" (HTTP 403)";
        QTest::newRow("sso portal fails") << "sso 500" << "the SSO portal answered HTTP 500 for role Developer in account 111122223333: portal down";
        QTest::newRow("sso portal without credentials") << "sso empty answer" << "the SSO portal's answer holds no roleCredentials";
        QTest::newRow("assumed role") << "role_arn" << "uses role_arn, which Muxi does not resolve";
        QTest::newRow("container error") << "container 500" << "answered HTTP 500: agent broken";
        QTest::newRow("container without keys") << "container empty" << "answered without AccessKeyId and SecretAccessKey";
        QTest::newRow("container token file missing") << "container token file" << "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
        QTest::newRow("imds without instance profile") << "imds 404 roles" << "role listing (is an instance profile attached?) answered HTTP 404";
        QTest::newRow("imds lists no role") << "imds no role" << "which lists no role: attach an instance profile";
        QTest::newRow("imds credentials refused") << "imds 500 credentials" << "credentials of role WebServerRole answered HTTP 500";
        QTest::newRow("imds failure code") << "imds failure code" << "gave no credentials for role WebServerRole (AssumeRoleUnauthorizedAccess)";
    }

    void failuresSayWhatToDo()
    {
        QFETCH(QString, setup);
        QFETCH(QString, expected);
        const QByteArray ssoProfile = "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Developer\n"
                                      "[sso-session corp]\nsso_region = eu-central-1\n";
        const QString ssoCache = QStringLiteral(".aws/sso/cache/") + QString::fromLatin1(QCryptographicHash::hash("corp", QCryptographicHash::Sha1).toHex())
            + QLatin1String(".json");
        const QByteArray validLogin = R"({"accessToken":"canary-sso-access-token","expiresAt":"2099-01-01T00:00:00Z"})";
        env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        env.insert(QStringLiteral("AWS_ENDPOINT_URL_SSO"), server->url(QStringLiteral("/sso")).toString());
        auto processPrinting = [this](const QByteArray &output) {
            writeFile(QStringLiteral("bin/creds.sh"), "#!/bin/sh\nprintf '%s' '" + output + "'\n");
            QFile::setPermissions(home->filePath(QStringLiteral("bin/creds.sh")), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
            writeFile(QStringLiteral(".aws/config"), "[default]\ncredential_process = " + home->filePath(QStringLiteral("bin/creds.sh")).toUtf8() + "\n");
        };
        auto imds = [this](const ScriptedResponse &roles, const ScriptedResponse &credentials) {
            env.remove(QStringLiteral("AWS_EC2_METADATA_DISABLED"));
            env.insert(QStringLiteral("AWS_EC2_METADATA_SERVICE_ENDPOINT"), server->url(QStringLiteral("/imds")).toString());
            server->script("PUT", "/imds/latest/api/token", {ScriptedResponse::json(200, QByteArray("canary-imds-token"))});
            server->script("GET", "/imds/latest/meta-data/iam/security-credentials/", {roles});
            server->script("GET", "/imds/latest/meta-data/iam/security-credentials/WebServerRole", {credentials});
        };

        if (setup == QLatin1String("process missing")) {
            writeFile(QStringLiteral(".aws/config"), "[default]\ncredential_process = " + home->filePath(QStringLiteral("bin/nowhere")).toUtf8() + " --x\n");
        } else if (setup == QLatin1String("process {}")) {
            processPrinting("{}");
        } else if (setup == QLatin1String("process version only")) {
            processPrinting(R"({"Version":1,"SecretAccessKey":"canary-fetched-secret-7c1d"})");
        } else if (setup.startsWith(QLatin1String("sso"))) {
            env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("dev"));
            if (setup == QLatin1String("sso incomplete")) {
                writeFile(QStringLiteral(".aws/config"), "[profile dev]\nsso_session = corp\nsso_role_name = Developer\n");
            } else {
                writeFile(QStringLiteral(".aws/config"), ssoProfile);
                if (setup == QLatin1String("sso empty cache"))
                    writeFile(ssoCache, "{}");
                else if (setup != QLatin1String("sso no cache"))
                    writeFile(ssoCache, validLogin);
            }
            if (setup == QLatin1String("sso 403"))
                server->script("GET", "/sso/federation/credentials", {ScriptedResponse::json(403, QByteArray(R"({"message":"expired"})"))});
            else if (setup == QLatin1String("sso 500"))
                server->script("GET", "/sso/federation/credentials", {ScriptedResponse::json(500, QByteArray("portal down"))});
            else if (setup == QLatin1String("sso empty answer"))
                server->script("GET", "/sso/federation/credentials", {ScriptedResponse::json(200, QByteArray("{}"))});
        } else if (setup == QLatin1String("role_arn")) {
            writeFile(QStringLiteral(".aws/config"), "[default]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = base\n");
            QVERIFY2(describe().startsWith(QStringLiteral("none: profile \"default\" uses role_arn")), qPrintable(describe()));
        } else if (setup.startsWith(QLatin1String("container"))) {
            env.insert(QStringLiteral("AWS_CONTAINER_CREDENTIALS_FULL_URI"), server->url(QStringLiteral("/creds")).toString());
            if (setup == QLatin1String("container token file"))
                env.insert(QStringLiteral("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"), home->filePath(QStringLiteral("no-token")));
            server->script("GET", "/creds",
                           {setup == QLatin1String("container 500") ? ScriptedResponse::json(500, QByteArray("agent broken"))
                                                                    : ScriptedResponse::json(200, QByteArray(R"({"Token":"canary-fetched-session-token"})"))});
        } else if (setup == QLatin1String("imds 404 roles")) {
            imds(ScriptedResponse::json(404, QByteArray()), ScriptedResponse::json(404, QByteArray()));
        } else if (setup == QLatin1String("imds no role")) {
            imds(ScriptedResponse::json(200, QByteArray("\n")), ScriptedResponse::json(404, QByteArray()));
        } else if (setup == QLatin1String("imds 500 credentials")) {
            imds(ScriptedResponse::json(200, QByteArray("WebServerRole")), ScriptedResponse::json(500, QByteArray()));
        } else if (setup == QLatin1String("imds failure code")) {
            QJsonObject failure = QJsonDocument::fromJson(credentialsJson("Token")).object();
            failure.insert(QLatin1String("Code"), QLatin1String("AssumeRoleUnauthorizedAccess"));
            imds(ScriptedResponse::json(200, QByteArray("WebServerRole")), ScriptedResponse::json(200, failure));
        }

        const Expected<ChatCompletion> result = chat();
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Authentication);
        QCOMPARE(result.error().provider, QStringLiteral("bedrock"));
        QVERIFY2(result.error().message.startsWith(QStringLiteral("Amazon Bedrock: no AWS credentials: ")), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message));
        expectNoSecrets(result.error());
        QCOMPARE(server->count(conversePath), 0);
    }

    void describeBeforeAnyLogin()
    {
        writeFile(QStringLiteral(".aws/config"), "[profile dev]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"
                                                 "sso_account_id = 1\nsso_role_name = R\n");
        env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("dev"));
        QVERIFY2(describe().startsWith(QStringLiteral("none yet: profile \"dev\" uses SSO but no login is cached")), qPrintable(describe()));
        // Legacy profiles name the cache file after the start URL; an expired login says so.
        const QString cacheFile = QStringLiteral(".aws/sso/cache/")
            + QString::fromLatin1(QCryptographicHash::hash("https://corp.awsapps.com/start", QCryptographicHash::Sha1).toHex()) + QLatin1String(".json");
        writeFile(cacheFile, R"({"accessToken":"canary-sso-access-token","expiresAt":"2020-01-01T00:00:00.000Z"})");
        QVERIFY2(describe().startsWith(QStringLiteral("none yet: the SSO login of profile \"dev\" expired")), qPrintable(describe()));
        writeFile(QStringLiteral(".aws/config"), "[default]\nregion = us-west-2\n");
        env.remove(QStringLiteral("AWS_PROFILE"));
        env.insert(QStringLiteral("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"), QStringLiteral("/v2/credentials/x"));
        QCOMPARE(describe(), QStringLiteral("AWS credentials from the container endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)"));
    }

    void modelsCommandTellsWhereCredentialsComeFrom()
    {
        env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        env.insert(QStringLiteral("MUXI_CONFIG"), home->filePath(QStringLiteral("muxi.json")));
        ProcessResult result = runProcess(QStringLiteral(MUXI_CLI), {QStringLiteral("models")}, env);
        QCOMPARE(result.exitCode, 0);
        const QList<QByteArray> lines = result.out.split('\n');
        qsizetype bedrock = -1;
        for (qsizetype i = 0; i < lines.size() && bedrock < 0; ++i) {
            if (lines.at(i).startsWith("bedrock "))
                bedrock = i;
        }
        QVERIFY(bedrock >= 0 && bedrock + 1 < lines.size());
        // Not "no key needed": SigV4 needs credentials, and none are to be found.
        QVERIFY2(lines.at(bedrock + 1).contains("none found"), lines.at(bedrock + 1).constData());

        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDMODELS"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("canary-models-secret"));
        result = runProcess(QStringLiteral(MUXI_CLI), {QStringLiteral("models"), QStringLiteral("--json")}, env);
        QCOMPARE(result.exitCode, 0);
        QVERIFY(!result.out.contains("canary-models-secret"));
        const QJsonArray providers = QJsonDocument::fromJson(result.out).object().value(QLatin1String("providers")).toArray();
        bool sawSageMaker = false;
        for (const QJsonValue &value : providers) {
            const QJsonObject provider = value.toObject();
            if (provider.value(QLatin1String("family")).toString() != QLatin1String("sagemaker"))
                continue;
            sawSageMaker = true;
            QCOMPARE(provider.value(QLatin1String("credentials")).toString(), QStringLiteral("AWS keys from the environment (AWS_ACCESS_KEY_ID)"));
        }
        QVERIFY(sawSageMaker);
    }
};

QTEST_GUILESS_MAIN(TestAwsCredentialChain)
#include "tst_awscredentialchain.moc"
