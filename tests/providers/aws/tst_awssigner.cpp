#include <muxi/providers/awssharedconfig.h>
#include <muxi/providers/awssigner.h>
#include <fixtures.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

namespace {

AwsCredentials suiteCredentials(const QString &token = {})
{
    AwsCredentials credentials;
    credentials.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    credentials.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    credentials.sessionToken = token;
    return credentials;
}

// A request of the suite's .req files: request line, headers, blank line, body.
// The request target may hold raw spaces ("GET /example space/ HTTP/1.1").
struct SuiteRequest {
    QByteArray method;
    QByteArray path;
    QByteArray query;
    HttpHeaders headers;
    QByteArray body;
};

SuiteRequest parseRequest(const QByteArray &raw)
{
    SuiteRequest request;
    const qsizetype blank = raw.indexOf("\n\n");
    const QByteArray head = blank < 0 ? raw : raw.left(blank);
    request.body = blank < 0 ? QByteArray() : raw.mid(blank + 2);
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray &requestLine = lines.first();
    const qsizetype space = requestLine.indexOf(' ');
    request.method = requestLine.left(space);
    const QByteArray target = requestLine.mid(space + 1, requestLine.lastIndexOf(" HTTP/") - space - 1);
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        request.headers.append({lines.at(i).left(colon), lines.at(i).mid(colon + 1)});
    }
    return request;
}

QDateTime suiteTime()
{
    return QDateTime(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC);
}

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &contents)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(contents);
    return path;
}
}

// SigV4 against AWS's published test suite (tests/data/aws-sigv4/README.md),
// and the credential lookup the AWS CLI and SDKs share.
class TestAwsSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void suite_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("intermediate");
        for (const char *name : {"get-vanilla", "get-vanilla-query", "get-vanilla-query-order-key-case", "get-vanilla-empty-query-key",
                                 "get-vanilla-query-unreserved", "get-vanilla-utf8-query", "get-header-value-trim", "get-unreserved",
                                 "get-utf8", "get-space", "get-slashes", "get-slash-dot-slash", "get-slash-pointless-dot",
                                 "get-relative-relative", "post-vanilla", "post-header-key-case", "post-header-key-sort",
                                 "post-header-value-case", "post-vanilla-query", "post-x-www-form-urlencoded", "post-sts-header-before"})
            QTest::newRow(name) << QString::fromLatin1(name) << true;
        // Only the request and the Authorization header are published for these two.
        QTest::newRow("post-x-www-form-urlencoded-parameters") << QStringLiteral("post-x-www-form-urlencoded-parameters") << false;
        QTest::newRow("get-vanilla-with-session-token") << QStringLiteral("get-vanilla-with-session-token") << false;
    }

    void suite()
    {
        QFETCH(QString, name);
        QFETCH(bool, intermediate);
        const QString base = QStringLiteral("aws-sigv4/%1/%1").arg(name);
        const SuiteRequest request = parseRequest(fixture(base + QLatin1String(".req")));
        QCOMPARE(headerValue(request.headers, "X-Amz-Date"), QByteArray("20150830T123600Z"));

        const AwsSigner signer(suiteCredentials(), QStringLiteral("us-east-1"), QStringLiteral("service"));
        const QByteArray payloadHash = QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
        const AwsSigner::Result result = signer.sign(request.method, request.path, request.query, request.headers, payloadHash, suiteTime());

        if (intermediate) {
            const QByteArray creq = fixture(base + QLatin1String(".creq"));
            const QByteArray sts = fixture(base + QLatin1String(".sts"));
            // The files agree with each other before they judge the signer.
            QCOMPARE(sts.split('\n').last(), QCryptographicHash::hash(creq, QCryptographicHash::Sha256).toHex());
            QCOMPARE(result.canonicalRequest, creq);
            QCOMPARE(result.stringToSign, sts);
        }
        QCOMPARE(result.authorization, fixture(base + QLatin1String(".authz")));
    }

    void signingKeyOfTheDocumentation()
    {
        // The derived key the reference (providers-native.md §8) gives for the suite's credentials.
        QCOMPARE(AwsSigner::signingKey(suiteCredentials().secretAccessKey, "20150830", QStringLiteral("us-east-1"), QStringLiteral("service")).toHex(),
                 QByteArray("938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75"));
    }

    void signsAnHttpRequestLikeTheSuite()
    {
        // The same get-vanilla case through the path adapters use: headers added, Host from the URL.
        HttpRequest request;
        request.method = "GET";
        request.url = QUrl(QStringLiteral("https://example.amazonaws.com/"));
        request.body.clear();
        AwsSigner(suiteCredentials(), QStringLiteral("us-east-1"), QStringLiteral("service")).sign(request, suiteTime());
        QCOMPARE(request.header("x-amz-date"), QByteArray("20150830T123600Z"));
        QCOMPARE(request.header("authorization"), fixture(QStringLiteral("aws-sigv4/get-vanilla/get-vanilla.authz")));
        QVERIFY(request.header("x-amz-security-token").isEmpty());
    }

    void bedrockModelIdIsEncodedTwiceInTheCanonicalUri()
    {
        HttpRequest request;
        request.url = QUrl(QStringLiteral("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse"));
        request.setHeader("Content-Type", "application/json");
        request.body = R"({"messages":[]})";
        QCOMPARE(request.url.toEncoded(), QByteArray("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse"));
        const AwsSigner signer(suiteCredentials(), QStringLiteral("us-east-1"), QStringLiteral("bedrock"));
        const QByteArray hash = QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
        const AwsSigner::Result result = signer.sign("POST", request.url.path(QUrl::FullyEncoded).toLatin1(), {},
                                                     {{"Host", "bedrock-runtime.us-east-1.amazonaws.com"},
                                                      {"Content-Type", "application/json"},
                                                      {"X-Amz-Date", "20150830T123600Z"}},
                                                     hash, suiteTime());
        QCOMPARE(result.canonicalRequest,
                 "POST\n/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse\n\ncontent-type:application/json\n"
                 "host:bedrock-runtime.us-east-1.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n"
                     + hash);
        QVERIFY(result.stringToSign.contains("\n20150830/us-east-1/bedrock/aws4_request\n"));
        // S3 signs the path as sent.
        QCOMPARE(AwsSigner::canonicalUri("/bucket/a%3Ab", true), QByteArray("/bucket/a%3Ab"));
        QCOMPARE(AwsSigner::canonicalUri("/bucket/a%3Ab", false), QByteArray("/bucket/a%253Ab"));
    }

    void sessionTokenIsSigned()
    {
        HttpRequest request;
        request.url = QUrl(QStringLiteral("http://127.0.0.1:4566/model/m/converse"));
        request.body = "{}";
        AwsSigner(suiteCredentials(QStringLiteral("session-token-canary")), QStringLiteral("eu-west-1"), QStringLiteral("bedrock"))
            .sign(request, suiteTime());
        QCOMPARE(request.header("x-amz-security-token"), QByteArray("session-token-canary"));
        const QByteArray authorization = request.header("authorization");
        QVERIFY2(authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token, "), authorization.constData());
        QVERIFY(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/bedrock/aws4_request, "));
        QVERIFY(!authorization.contains("session-token-canary"));
    }

    void payloadHeaderWhenAsked()
    {
        HttpRequest request;
        request.url = QUrl(QStringLiteral("https://examplebucket.s3.amazonaws.com/test.txt"));
        request.method = "GET";
        AwsSigner signer(suiteCredentials(), QStringLiteral("us-east-1"), QStringLiteral("s3"));
        signer.setS3PathRules(true);
        signer.setSignPayloadHeader(true);
        signer.sign(request, suiteTime());
        QCOMPARE(request.header("x-amz-content-sha256"), QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QVERIFY(request.header("authorization").contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date, "));
    }

    void hostHeaderAsQtSendsIt()
    {
        QCOMPARE(AwsSigner::hostHeader(QUrl(QStringLiteral("https://bedrock-runtime.us-east-1.amazonaws.com/x"))),
                 QByteArray("bedrock-runtime.us-east-1.amazonaws.com"));
        QCOMPARE(AwsSigner::hostHeader(QUrl(QStringLiteral("http://127.0.0.1:8080/x"))), QByteArray("127.0.0.1:8080"));
        QCOMPARE(AwsSigner::hostHeader(QUrl(QStringLiteral("http://[::1]:9/"))), QByteArray("[::1]:9"));
    }

    void credentialsFromTheEnvironmentFirst()
    {
        QTemporaryDir dir;
        QProcessEnvironment env;
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDENV"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("canary-aws-env-secret"));
        env.insert(QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("canary-aws-env-token"));
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                   write(dir, QStringLiteral("credentials"), "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n"));
        const Expected<AwsCredentials> credentials = AwsSharedConfig(env).credentials();
        QVERIFY(credentials);
        QCOMPARE(credentials->accessKeyId, QStringLiteral("AKIDENV"));
        QCOMPARE(credentials->sessionToken, QStringLiteral("canary-aws-env-token"));
        QCOMPARE(credentials->source, QStringLiteral("environment"));
        // A profile named in the provider settings is meant to win over the variables.
        QCOMPARE(AwsSharedConfig(env, QStringLiteral("default")).credentials()->accessKeyId, QStringLiteral("AKIDFILE"));
    }

    void credentialsFromProfiles()
    {
        QTemporaryDir dir;
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), dir.path());
        QDir(dir.path()).mkpath(QStringLiteral(".aws"));
        write(dir, QStringLiteral(".aws/credentials"),
              "# comment\n[default]\naws_access_key_id=AKIDDEFAULT\naws_secret_access_key=secret/with+chars#kept\n\n"
              "[work]\n aws_access_key_id = ignored-indented\naws_access_key_id = AKIDWORK ; inline comment\n"
              "aws_secret_access_key = canary-aws-work\naws_session_token = tok\n");
        write(dir, QStringLiteral(".aws/config"),
              "[default]\nregion = us-west-2\n[profile cfgonly]\nregion=eu-central-1\naws_access_key_id=AKIDCFG\naws_secret_access_key=x\n"
              "[profile sso]\nsso_session = corp\nregion = ap-south-1\n");

        AwsSharedConfig defaults(env);
        QCOMPARE(defaults.profile(), QStringLiteral("default"));
        QCOMPARE(defaults.credentials()->secretAccessKey, QStringLiteral("secret/with+chars#kept"));
        QCOMPARE(defaults.region(), QStringLiteral("us-west-2"));
        QVERIFY(defaults.credentials()->source.endsWith(QLatin1String(".aws/credentials [default]")));

        env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("work"));
        const Expected<AwsCredentials> work = AwsSharedConfig(env).credentials();
        QCOMPARE(work->accessKeyId, QStringLiteral("AKIDWORK"));
        QCOMPARE(work->sessionToken, QStringLiteral("tok"));
        QCOMPARE(AwsSharedConfig(env).region(), QString());

        const AwsSharedConfig configOnly(env, QStringLiteral("cfgonly"));
        QCOMPARE(configOnly.credentials()->accessKeyId, QStringLiteral("AKIDCFG"));
        QCOMPARE(configOnly.region(), QStringLiteral("eu-central-1"));
        env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("sa-east-1"));
        QCOMPARE(AwsSharedConfig(env, QStringLiteral("cfgonly")).region(), QStringLiteral("sa-east-1"));
        env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("ca-central-1"));
        QCOMPARE(AwsSharedConfig(env, QStringLiteral("cfgonly")).region(), QStringLiteral("ca-central-1"));

        // An SSO profile holds no keys; its settings are there for AwsCredentialResolver (tst_awscredentialchain).
        const AwsSharedConfig ssoProfile(env, QStringLiteral("sso"));
        const Expected<AwsCredentials> sso = ssoProfile.credentials();
        QVERIFY(!sso);
        QCOMPARE(sso.error().kind, Error::Kind::Authentication);
        QVERIFY2(sso.error().message.contains(QLatin1String("profile \"sso\"")), qPrintable(sso.error().message));
        QVERIFY(ssoProfile.profileSettings().contains(QStringLiteral("sso_session")));
    }

    void noCredentialsNamesWhatToSet()
    {
        QTemporaryDir dir;
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), dir.path());
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDONLY"));
        const Expected<AwsCredentials> none = AwsSharedConfig(env).credentials();
        QVERIFY(!none);
        for (const char *name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SHARED_CREDENTIALS_FILE",
                                 "AWS_CONFIG_FILE", "AWS_PROFILE"})
            QVERIFY2(none.error().message.contains(QLatin1String(name)), name);
        QVERIFY(none.error().message.contains(dir.filePath(QStringLiteral(".aws/credentials"))));
    }
};

QTEST_GUILESS_MAIN(TestAwsSigner)
#include "tst_awssigner.moc"
