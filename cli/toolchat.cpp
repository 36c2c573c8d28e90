#include "toolchat.h"

#include "exitcodes.h"
#include "mcpserveroptions.h"
#include "terminalapprover.h"

#include <mcpsession.h>
#include <toolloop.h>

#include <QJsonArray>
#include <QJsonDocument>

namespace muxi::cli {

using namespace mcp;

namespace {
// Results can be long; the log line shows their start.
constexpr qsizetype shownResultChars = 300;
}

int ToolChat::run(CommandContext &context, const QCommandLineParser &parser, McpServerOptions &servers, const ChatRequest &request,
                  const Options &options)
{
    std::vector<std::unique_ptr<McpSession>> sessions;
    if (const std::optional<Error> error = servers.start(context, parser, sessions)) {
        McpServerOptions::closeAll(sessions);
        return context.fail(*error);
    }

    ToolLoop loop(&context.client);
    for (const std::unique_ptr<McpSession> &session : sessions)
        loop.addSession(session.get());
    loop.setAllowedTools(options.tools);
    loop.setMaxSteps(options.maxSteps);
    loop.setApproval(options.approveAll ? ToolLoop::Approval::ApproveAll : ToolLoop::Approval::Ask);
    if (const QStringList unknown = loop.unknownAllowedTools(); !unknown.isEmpty()) {
        McpServerOptions::closeAll(sessions);
        return context.usage(tr("no server offers the tool(s) %1").arg(unknown.join(QLatin1String(", "))));
    }
    TerminalApprover approver(&loop, context.err);

    bool lineOpen = false;
    if (request.stream && !options.printJson) {
        QObject::connect(&loop, &ToolLoop::delta, &loop, [&](const QString &text) {
            context.out << text;
            context.out.flush();
            lineOpen = !text.endsWith(QLatin1Char('\n'));
        });
    }
    const auto endLine = [&] {
        if (lineOpen) {
            context.out << Qt::endl;
            lineOpen = false;
        }
    };
    QObject::connect(&loop, &ToolLoop::callStarted, &loop, [&](const ToolInvocation &call) {
        endLine();
        context.err << "muxi: " << tr("calling %1/%2 %3").arg(call.serverName, call.toolName, call.arguments) << Qt::endl;
    });
    QObject::connect(&loop, &ToolLoop::callFinished, &loop, [&](const ToolInvocation &call, const McpToolResult &result) {
        QString text = result.text().simplified();
        if (text.size() > shownResultChars)
            text = text.left(shownResultChars) + QStringLiteral("…");
        context.err << "muxi: "
                    << (result.isError ? tr("%1/%2 reported an error: %3") : tr("%1/%2 returned: %3")).arg(call.serverName, call.toolName, text)
                    << Qt::endl;
    });
    QObject::connect(&loop, &ToolLoop::callFailed, &loop, [&](const ToolInvocation &call, const Error &error) {
        context.err << "muxi: " << tr("%1/%2 failed: %3").arg(call.serverName, call.toolName, error.toString()) << Qt::endl;
    });
    QObject::connect(&loop, &ToolLoop::callDenied, &loop, [&](const ToolInvocation &call) {
        context.err << "muxi: " << tr("%1/%2 was not run").arg(call.serverName, call.toolName) << Qt::endl;
    });

    loop.start(request);
    loop.waitForFinished();
    endLine();
    if (options.verbose)
        context.printAttempts(loop.attempts());
    McpServerOptions::closeAll(sessions);
    if (loop.hasError()) {
        const int code = context.fail(loop.failure());
        return loop.failure().code == QLatin1String("tool_step_limit") ? int(ToolFailed) : code;
    }

    const ChatCompletion completion = loop.lastCompletion();
    if (options.printJson) {
        QJsonObject object = completion.toJson();
        QJsonArray attempts;
        for (const AttemptRecord &attempt : loop.attempts())
            attempts.append(attempt.toJson());
        QJsonArray messages;
        for (const Message &message : loop.messages())
            messages.append(message.toJson());
        object.insert(QLatin1String("x_muxi"), QJsonObject{{QLatin1String("provider"), completion.provider},
                                                           {QLatin1String("answered_by"), loop.answeredBy()},
                                                           {QLatin1String("attempts"), attempts},
                                                           {QLatin1String("tool_steps"), loop.steps()},
                                                           {QLatin1String("messages"), messages}});
        context.out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else if (!request.stream) {
        context.out << completion.text() << Qt::endl;
    }
    return Ok;
}

} // namespace muxi::cli
