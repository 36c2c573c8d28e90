#include "mcpcommand.h"

#include "exitcodes.h"
#include "mcpserveroptions.h"

#include <mcpsession.h>
#include <mcptoolresult.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace muxi::cli {

using namespace mcp;

int McpCommand::tools(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List the tools of an MCP server."));
    McpServerOptions serverOptions(QStringLiteral("server"), QStringLiteral("url"), QString());
    serverOptions.addTo(parser);
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print the tools as the server listed them (JSON)."));
    parser.addOption(jsonOption);
    if (const std::optional<int> done = context.parse(parser))
        return *done;
    const Expected<QList<McpServerConfig>> configs = serverOptions.servers(parser);
    if (!configs)
        return context.usage(configs.error().message);
    if (configs->size() != 1)
        return context.usage(tr("name one server with --server or --url"));

    std::vector<std::unique_ptr<McpSession>> sessions;
    if (const std::optional<Error> error = serverOptions.start(context, parser, sessions))
        return context.fail(*error);
    const McpSession &session = *sessions.front();
    if (parser.isSet(jsonOption)) {
        QJsonArray tools;
        for (const McpTool &tool : session.tools())
            tools.append(tool.raw);
        context.out << QJsonDocument(tools).toJson(QJsonDocument::Indented);
    } else {
        for (const McpTool &tool : session.tools()) {
            const QString description = tool.description.section(QLatin1Char('\n'), 0, 0).trimmed();
            context.out << tool.name;
            if (!description.isEmpty())
                context.out << "  " << description;
            context.out << Qt::endl;
        }
    }
    McpServerOptions::closeAll(sessions);
    return Ok;
}

int McpCommand::call(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Call one tool of an MCP server and print its result."));
    McpServerOptions serverOptions(QStringLiteral("server"), QStringLiteral("url"), QString());
    serverOptions.addTo(parser);
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print the result as the server sent it (JSON)."));
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("tool"), tr("The tool's name."));
    parser.addPositionalArgument(QStringLiteral("arguments"), tr("The arguments as a JSON object (default {})."));
    if (const std::optional<int> done = context.parse(parser))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty() || positional.size() > 2)
        return context.usage(tr("give the tool's name and, optionally, its arguments as one JSON object"));
    QJsonObject arguments;
    if (positional.size() == 2) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(positional.at(1).toUtf8(), &parseError);
        if (!document.isObject())
            return context.usage(tr("the arguments must be a JSON object: %1").arg(parseError.errorString()));
        arguments = document.object();
    }
    const Expected<QList<McpServerConfig>> configs = serverOptions.servers(parser);
    if (!configs)
        return context.usage(configs.error().message);
    if (configs->size() != 1)
        return context.usage(tr("name one server with --server or --url"));

    std::vector<std::unique_ptr<McpSession>> sessions;
    if (const std::optional<Error> error = serverOptions.start(context, parser, sessions))
        return context.fail(*error);
    McpSession &session = *sessions.front();
    McpCall *call = session.callTool(positional.first(), arguments);
    if (serverOptions.verbose(parser)) {
        QObject::connect(call, &McpCall::progress, call, [&context](double progress, double total, const QString &message) {
            context.err << "muxi: progress " << progress;
            if (total > 0)
                context.err << '/' << total;
            if (!message.isEmpty())
                context.err << ' ' << message;
            context.err << Qt::endl;
        });
    }
    call->waitForFinished();
    int code = Ok;
    if (call->hasError()) {
        code = context.fail(call->failure());
    } else {
        const McpToolResult result = McpToolResult::fromJson(call->result());
        if (parser.isSet(jsonOption))
            context.out << QJsonDocument(result.raw).toJson(QJsonDocument::Indented);
        else
            context.out << result.text() << Qt::endl;
        if (result.isError) {
            context.out.flush();
            context.err << "muxi: " << tr("%1 reported an error from tool \"%2\"").arg(session.name(), positional.first()) << Qt::endl;
            code = ToolFailed;
        }
    }
    McpServerOptions::closeAll(sessions);
    return code;
}

int McpCommand::run(CommandContext &context)
{
    // The subcommand follows "mcp": muxi mcp tools …
    const QString sub = context.arguments.value(1);
    if (sub == QLatin1String("tools") || sub == QLatin1String("call")) {
        context.arguments.removeAt(1);
        return sub == QLatin1String("tools") ? McpCommand::tools(context) : McpCommand::call(context);
    }
    const QString usage = tr("Usage: muxi mcp tools --server \"COMMAND ARGS…\" | --url URL\n"
                             "       muxi mcp call --server \"COMMAND ARGS…\" | --url URL TOOL [JSON-ARGUMENTS]\n");
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        context.out << usage;
        return Ok;
    }
    if (sub.isEmpty()) {
        context.err << usage;
        return Usage;
    }
    return context.usage(tr("muxi mcp takes tools or call, not \"%1\"").arg(sub));
}

} // namespace muxi::cli
