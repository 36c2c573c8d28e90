#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

namespace muxi::test {

struct ProcessResult {
    int exitCode = -1;
    bool crashed = false;
    QByteArray out;
    QByteArray err;
};

// Runs a program while this process's event loop keeps turning, so a
// FakeHttpServer living in the test can answer it.
ProcessResult runProcess(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
                         const QByteArray &input = {}, int timeoutMs = 60'000);

// An environment with no provider keys or base URLs leaking in from the
// developer's shell, and with HOME/XDG dirs pointing at `home`.
QProcessEnvironment cleanEnvironment(const QString &home);

} // namespace muxi::test
