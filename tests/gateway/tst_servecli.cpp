#include <processrunner.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi::test;

// `muxi serve` as a command: its flags, its first line, the rule that only
// loopback may go without a key, and where the access log goes.
class TestServeCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir home;

    QProcessEnvironment environment()
    {
        QProcessEnvironment env = cleanEnvironment(home.path());
        env.insert(QStringLiteral("MUXI_CONFIG"), home.filePath(QStringLiteral("none.json")));
        return env;
    }

    // Starts the server and returns its first stdout line.
    QByteArray start(QProcess &serve, const QStringList &arguments, const QProcessEnvironment &env)
    {
        serve.setProcessEnvironment(env);
        serve.start(QStringLiteral(MUXI_CLI), QStringList{QStringLiteral("serve")} + arguments);
        QByteArray line;
        while (!line.contains('\n') && serve.waitForReadyRead(20'000))
            line += serve.readAllStandardOutput();
        return line;
    }

    static QByteArray get(quint16 port, const QByteArray &path)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5'000))
            return {};
        socket.write("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QByteArray answer;
        while (socket.waitForReadyRead(5'000))
            answer += socket.readAll();
        return answer;
    }

private Q_SLOTS:
    void nonLoopbackWithoutKeyRefusesToStart()
    {
        const ProcessResult r = runProcess(QStringLiteral(MUXI_CLI), {QStringLiteral("serve"), QStringLiteral("--host"), QStringLiteral("0.0.0.0"),
                                                                      QStringLiteral("--port"), QStringLiteral("0")},
                                           environment());
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith("muxi: refusing to serve on 0.0.0.0 without a key"), r.err.constData());
        QVERIFY(r.err.contains("MUXI_SERVE_API_KEY"));
    }

    void badArgumentsAreUsageErrors()
    {
        for (const QStringList &arguments : {QStringList{QStringLiteral("--port"), QStringLiteral("70000")},
                                             QStringList{QStringLiteral("--host"), QStringLiteral("example.org")},
                                             QStringList{QStringLiteral("--max-body-bytes"), QStringLiteral("-1")},
                                             QStringList{QStringLiteral("extra")}}) {
            const ProcessResult r = runProcess(QStringLiteral(MUXI_CLI), QStringList{QStringLiteral("serve")} + arguments, environment());
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.startsWith("muxi: "), r.err.constData());
        }
    }

    void nonLoopbackWithKeyFromTheEnvironmentStarts()
    {
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("MUXI_SERVE_API_KEY"), QStringLiteral("sk-canary-serve-77"));
        QProcess serve;
        const QByteArray line = start(serve, {QStringLiteral("--host"), QStringLiteral("0.0.0.0"), QStringLiteral("--port"), QStringLiteral("0")}, env);
        QVERIFY2(line.startsWith("muxi serve listening on http://0.0.0.0:"), line.constData());
        const quint16 port = quint16(line.trimmed().split(':').last().toUInt());
        QVERIFY(port > 0);
        QVERIFY(get(port, "/health").startsWith("HTTP/1.1 200"));
        QVERIFY(get(port, "/v1/models").startsWith("HTTP/1.1 401"));
        serve.kill();
        serve.waitForFinished();
        QVERIFY(!serve.readAllStandardError().contains("sk-canary-serve-77"));
    }

    void accessLogGoesToTheFileNamed()
    {
        const QString logPath = home.filePath(QStringLiteral("access.log"));
        QProcess serve;
        const QByteArray line = start(serve, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--access-log"), logPath}, environment());
        QVERIFY2(line.startsWith("muxi serve listening on http://127.0.0.1:"), line.constData());
        const quint16 port = quint16(line.trimmed().split(':').last().toUInt());
        QVERIFY(get(port, "/health").startsWith("HTTP/1.1 200"));
        QVERIFY(get(port, "/nowhere").startsWith("HTTP/1.1 404"));
        serve.kill();
        serve.waitForFinished();
        QVERIFY(serve.readAllStandardError().isEmpty());
        QFile log(logPath);
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = log.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject second = QJsonDocument::fromJson(lines.at(1)).object();
        QCOMPARE(second.value(QLatin1String("route")).toString(), QStringLiteral("/nowhere"));
        QCOMPARE(second.value(QLatin1String("status")).toInt(), 404);
    }
};

QTEST_GUILESS_MAIN(TestServeCli)
#include "tst_servecli.moc"
