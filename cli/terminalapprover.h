#pragma once

#include <toolloop.h>

#include <QObject>
#include <QSocketNotifier>
#include <QTextStream>

#include <memory>

namespace muxi::cli {

// Asks on the terminal before a tool runs: yes, always for this tool, or no.
// Without a terminal on standard input nothing can be asked, so the call is
// declined and the user is told about --yes. Reading waits on a socket
// notifier, so the MCP servers and the model keep being served meanwhile.
class TerminalApprover : public QObject
{
    Q_OBJECT

public:
    TerminalApprover(mcp::ToolLoop *loop, QTextStream &err);

    static bool hasTerminal();

private:
    void ask(const mcp::ToolInvocation &invocation);
    void onInput();

    mcp::ToolLoop *m_loop;
    QTextStream &m_err;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QByteArray m_line;
    QString m_callId;
};

} // namespace muxi::cli
