// The client the official conformance suite runs once per scenario: the
// server's URL is the last argument, the scenario is named in
// MCP_CONFORMANCE_SCENARIO. It connects with McpSession as Muxi does and
// performs what the scenario expects of a client.
#include "memorytokenstore.h"

#include <mcpsession.h>
#include <oauthclient.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

using namespace muxi::mcp;

namespace {
// The client ID metadata document URL the suite's CIMD scenario expects.
const QUrl clientMetadataUrl(QStringLiteral("https://conformance-test.local/client-metadata.json"));
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationVersion(QStringLiteral("1.0.0"));
    QTextStream err(stderr);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2) {
        err << "usage: conformanceclient SERVER-URL" << Qt::endl;
        return 2;
    }
    const QString scenario = qEnvironmentVariable("MCP_CONFORMANCE_SCENARIO");
    McpServerConfig config = McpServerConfig::fromUrl(QUrl(arguments.last()));
    config.initializeTimeout = std::chrono::milliseconds(10'000);
    config.requestTimeout = std::chrono::milliseconds(10'000);
    McpSession session(config);
    session.setElicitationPolicy(McpSession::ElicitationPolicy::Defaults);
    // Authorization as Muxi does it; $BROWSER follows the suite's redirect.
    muxi::test::MemoryTokenStore tokens;
    OAuthClient oauth(config.url, nullptr, &tokens);
    oauth.setClientMetadataUrl(clientMetadataUrl);
    oauth.setAuthorizationTimeout(std::chrono::milliseconds(20'000));
    const QJsonObject context = QJsonDocument::fromJson(qgetenv("MCP_CONFORMANCE_CONTEXT")).object();
    if (context.contains(QLatin1String("client_id")))
        oauth.setPreRegisteredClient(context.value(QLatin1String("client_id")).toString(), context.value(QLatin1String("client_secret")).toString());
    session.setAuthorizer(&oauth);
    if (!session.waitForReady()) {
        err << session.failure().toString() << Qt::endl;
        return 1;
    }
    QJsonObject callArguments;
    if (scenario == QLatin1String("tools_call"))
        callArguments = {{QLatin1String("a"), 2}, {QLatin1String("b"), 3}};
    int code = 0;
    // Every listed tool is called once: each scenario's server offers the one it checks.
    for (const McpTool &tool : session.tools()) {
        McpCall *call = session.callTool(tool.name, callArguments);
        call->waitForFinished();
        if (call->hasError()) {
            err << call->failure().toString() << Qt::endl;
            code = 1;
        } else {
            QTextStream(stdout) << McpToolResult::fromJson(call->result()).text() << Qt::endl;
        }
    }
    session.waitForClosed();
    return code;
}
