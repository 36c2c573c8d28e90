#pragma once

#include <muxi/client.h>

#include <optional>

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

namespace muxi::cli {

// What every subcommand gets: the client, its arguments and the two output streams.
class CommandContext
{
public:
    CommandContext(Client &client, QStringList arguments);

    Client &client;
    QStringList arguments;
    QTextStream out;
    QTextStream err;

    // Parses the arguments with the help option added. An exit code when the
    // command is already over: --help printed, or a usage error reported.
    std::optional<int> parse(QCommandLineParser &parser);
    // Prints "muxi: <error>" on one line and returns the documented exit code.
    int fail(const Error &error);
    int usage(const QString &message);
    void printAttempts(const QList<AttemptRecord> &attempts);
};

} // namespace muxi::cli
