#include "chatcommand.h"
#include "commandcontext.h"
#include "completecommand.h"
#include "embedcommand.h"
#include "exitcodes.h"
#include "mcpcommand.h"
#include "modelscommand.h"
#include "servecommand.h"
#include "tokenscommand.h"

#include <muxi/providers/builtinproviders.h>
#include <translationloader.h>

#include <QCoreApplication>

#include <cstdio>

using namespace muxi;

namespace {
void printUsage(QTextStream &stream)
{
    stream << QCoreApplication::translate("muxi::cli",
                                          "Usage: muxi <command> [options]\n\n"
                                          "Commands:\n"
                                          "  chat      send a chat prompt (-m provider/model, --stream, --image, --json …)\n"
                                          "  complete  legacy text completion\n"
                                          "  embed     embed texts, printed as JSON\n"
                                          "  tokens    count tokens locally (exact for OpenAI models, else an estimate)\n"
                                          "  models    list providers and whether they are configured\n"
                                          "  serve     serve the OpenAI and Anthropic APIs over every provider\n"
                                          "  mcp       list or call the tools of an MCP server (mcp tools, mcp call)\n\n"
                                          "Run muxi <command> --help for a command's options.\n");
}
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("muxi"));
    QCoreApplication::setOrganizationName(QStringLiteral("muxi"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MUXI_VERSION));
    installTranslations(app);

    QStringList arguments = QCoreApplication::arguments();
    QTextStream err(stderr);
    if (arguments.size() < 2) {
        printUsage(err);
        return cli::Usage;
    }
    const QString command = arguments.at(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        QTextStream out(stdout);
        printUsage(out);
        return cli::Ok;
    }
    if (command == QLatin1String("--version")) {
        QTextStream(stdout) << "muxi " << QCoreApplication::applicationVersion() << Qt::endl;
        return cli::Ok;
    }
    // QCommandLineParser wants the program name first; drop the subcommand.
    arguments.removeAt(1);

    Client client(builtinRegistry());
    for (const QString &warning : client.configuration().warnings())
        err << "muxi: warning: " << warning << Qt::endl;
    cli::CommandContext context(client, arguments);
    if (command == QLatin1String("chat"))
        return cli::ChatCommand::run(context);
    if (command == QLatin1String("complete"))
        return cli::CompleteCommand::run(context);
    if (command == QLatin1String("embed"))
        return cli::EmbedCommand::run(context);
    if (command == QLatin1String("models"))
        return cli::ModelsCommand::run(context);
    if (command == QLatin1String("serve"))
        return cli::ServeCommand::run(context);
    if (command == QLatin1String("mcp"))
        return cli::McpCommand::run(context);
    if (command == QLatin1String("tokens"))
        return cli::TokensCommand::run(context);
    err << QCoreApplication::translate("muxi::cli", "muxi: unknown command \"%1\"").arg(command) << Qt::endl;
    printUsage(err);
    return cli::Usage;
}
