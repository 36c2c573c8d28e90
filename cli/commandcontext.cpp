#include "commandcontext.h"

#include "exitcodes.h"

#include <cstdio>

namespace muxi::cli {

CommandContext::CommandContext(Client &client, QStringList arguments)
    : client(client)
    , arguments(std::move(arguments))
    , out(stdout)
    , err(stderr)
{
}

std::optional<int> CommandContext::parse(QCommandLineParser &parser)
{
    parser.addHelpOption();
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return Ok;
    }
    return std::nullopt;
}

int CommandContext::fail(const Error &error)
{
    out.flush();
    err << "muxi: " << error.toString() << Qt::endl;
    return exitCodeFor(error);
}

int CommandContext::usage(const QString &message)
{
    out.flush();
    err << "muxi: " << message << Qt::endl;
    return Usage;
}

void CommandContext::printAttempts(const QList<AttemptRecord> &attempts)
{
    for (const AttemptRecord &attempt : attempts)
        err << "muxi: attempt " << attempt.toString() << Qt::endl;
}

} // namespace muxi::cli
