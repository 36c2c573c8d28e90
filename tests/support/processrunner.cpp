#include "processrunner.h"

#include <QEventLoop>
#include <QProcess>
#include <QTimer>

namespace muxi::test {

ProcessResult runProcess(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
                         const QByteArray &input, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, [&loop](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, [&] {
        process.kill();
    });
    process.start(program, arguments);
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    process.waitForFinished(1000);
    ProcessResult result;
    result.exitCode = process.exitCode();
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QProcessEnvironment cleanEnvironment(const QString &home)
{
    QProcessEnvironment environment;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {QStringLiteral("PATH"), QStringLiteral("LANG"), QStringLiteral("LC_ALL"),
                                QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("QT_QPA_PLATFORM")}) {
        if (system.contains(name))
            environment.insert(name, system.value(name));
    }
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QLatin1String("/.config"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QLatin1String("/.local/share"));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QLatin1String("/.cache"));
    return environment;
}

} // namespace muxi::test
