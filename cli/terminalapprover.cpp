#include "terminalapprover.h"

#include <unistd.h>

namespace muxi::cli {

TerminalApprover::TerminalApprover(mcp::ToolLoop *loop, QTextStream &err)
    : QObject(loop)
    , m_loop(loop)
    , m_err(err)
{
    connect(loop, &mcp::ToolLoop::approvalNeeded, this, &TerminalApprover::ask);
}

bool TerminalApprover::hasTerminal()
{
    return isatty(STDIN_FILENO) == 1;
}

void TerminalApprover::ask(const mcp::ToolInvocation &invocation)
{
    if (!hasTerminal()) {
        m_err << "muxi: " << tr("declined tool call %1/%2(%3): no terminal to ask for approval; pass --yes to run tool calls")
                                 .arg(invocation.serverName, invocation.toolName, invocation.arguments)
              << Qt::endl;
        m_loop->deny(invocation.callId);
        return;
    }
    m_callId = invocation.callId;
    m_err << tr("Run tool %1/%2 with %3? [y]es, [a]lways for this tool, [N]o: ")
                 .arg(invocation.serverName, invocation.toolName, invocation.arguments.isEmpty() ? QStringLiteral("{}") : invocation.arguments);
    m_err.flush();
    m_line.clear();
    m_notifier = std::make_unique<QSocketNotifier>(STDIN_FILENO, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &TerminalApprover::onInput);
}

void TerminalApprover::onInput()
{
    char buffer[256];
    const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (count > 0) {
        m_line.append(buffer, count);
        if (!m_line.contains('\n'))
            return;
    }
    m_notifier.reset();
    const QString answer = QString::fromLocal8Bit(m_line).trimmed().toLower();
    const QString callId = m_callId;
    m_callId.clear();
    if (answer == QLatin1String("y") || answer == QLatin1String("yes"))
        m_loop->approve(callId);
    else if (answer == QLatin1String("a") || answer == QLatin1String("always"))
        m_loop->approve(callId, true);
    else
        m_loop->deny(callId);
}

} // namespace muxi::cli
