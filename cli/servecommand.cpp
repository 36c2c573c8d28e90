#include "servecommand.h"

#include "exitcodes.h"

#include <accesslog.h>
#include <gateway.h>
#include <sharedstate.h>

#include <QCommandLineParser>
#include <QHostAddress>
#include <QJsonObject>
#include <QUrl>

namespace muxi::cli {

int ServeCommand::run(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Serve the OpenAI and Anthropic APIs over every configured provider."));
    const QCommandLineOption hostOption(QStringLiteral("host"), tr("Address to listen on (default 127.0.0.1)."), tr("address"),
                                        QStringLiteral("127.0.0.1"));
    const QCommandLineOption portOption(QStringLiteral("port"), tr("Port to listen on; 0 picks a free one (default 4000)."), tr("port"),
                                        QStringLiteral("4000"));
    const QCommandLineOption keyOption(QStringLiteral("api-key"), tr("Key clients must send (default: $MUXI_SERVE_API_KEY)."), tr("key"));
    const QCommandLineOption configOption(QStringLiteral("config"), tr("Config file to read instead of the default one."), tr("file"));
    const QCommandLineOption redisOption(QStringLiteral("redis"), tr("Share cooldowns, usage and budgets with other replicas through Redis."),
                                         tr("redis://host:port"));
    const QCommandLineOption logOption(QStringLiteral("access-log"), tr("Append the access log to this file instead of stderr."), tr("file"));
    const QCommandLineOption bodyOption(QStringLiteral("max-body-bytes"), tr("Largest request body accepted (default 64 MiB)."), tr("bytes"));
    const QCommandLineOption idleOption(QStringLiteral("idle-timeout"), tr("Seconds an idle keep-alive connection stays open (default 60)."),
                                        tr("seconds"));
    parser.addOptions({hostOption, portOption, keyOption, configOption, redisOption, logOption, bodyOption, idleOption});
    if (const std::optional<int> done = context.parse(parser))
        return *done;
    if (!parser.positionalArguments().isEmpty())
        return context.usage(tr("serve takes no arguments"));

    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535)
        return context.usage(tr("--port takes a number from 0 to 65535"));
    const QString host = parser.value(hostOption);
    QHostAddress address(host);
    if (host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    if (address.isNull())
        return context.usage(tr("--host takes an IP address, not \"%1\"").arg(host));

    gateway::HttpLimits limits;
    if (parser.isSet(bodyOption)) {
        limits.maxBodyBytes = parser.value(bodyOption).toLongLong(&ok);
        if (!ok || limits.maxBodyBytes <= 0)
            return context.usage(tr("--max-body-bytes takes a positive number"));
    }
    if (parser.isSet(idleOption)) {
        const double seconds = parser.value(idleOption).toDouble(&ok);
        if (!ok || seconds <= 0)
            return context.usage(tr("--idle-timeout takes a positive number of seconds"));
        limits.idleTimeoutMs = int(seconds * 1000);
    }

    if (parser.isSet(configOption)) {
        const Expected<bool> loaded = context.client.configuration().loadFile(parser.value(configOption));
        if (!loaded)
            return context.fail(loaded.error());
        for (const QString &warning : context.client.configuration().warnings())
            context.err << "muxi: warning: " << warning << Qt::endl;
    }
    const gateway::GatewaySettings settings = gateway::GatewaySettings::fromJson(
        context.client.configuration().fileContents().value(QLatin1String("gateway")).toObject(), context.client.configuration().environment());
    for (const QString &warning : settings.warnings)
        context.err << "muxi: warning: " << warning << Qt::endl;

    const QString key = parser.isSet(keyOption) ? parser.value(keyOption)
                                                : context.client.configuration().environment().value(QStringLiteral("MUXI_SERVE_API_KEY"));
    if (key.isEmpty() && settings.keys.isEmpty() && !address.isLoopback()) {
        return context.usage(tr("refusing to serve on %1 without a key: anyone who can reach it could spend your providers' credit; "
                                "set --api-key or MUXI_SERVE_API_KEY, or listen on 127.0.0.1")
                                 .arg(host));
    }

    gateway::AccessLog accessLog;
    if (!accessLog.open(parser.value(logOption)))
        return context.usage(tr("cannot open the access log %1: %2").arg(parser.value(logOption), accessLog.errorString()));

    gateway::Gateway server(&context.client);
    server.setApiKey(key);
    server.setSettings(settings);
    server.setAccessLog(&accessLog);
    QObject::connect(server.sharedState(), &gateway::SharedState::warning, [&context](const QString &message) {
        context.err << "muxi: warning: " << message << Qt::endl;
    });
    if (parser.isSet(redisOption)) {
        QString why;
        if (!server.sharedState()->useRedis(QUrl(parser.value(redisOption)), &why))
            return context.usage(why);
    }
    if (!server.listen(address, quint16(port), limits)) {
        context.err << "muxi: " << tr("cannot listen on %1 port %2: %3").arg(host).arg(port).arg(server.errorString()) << Qt::endl;
        return Unavailable;
    }
    const QString shownHost = address.protocol() == QAbstractSocket::IPv6Protocol ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                                                                                   : address.toString();
    context.out << "muxi serve listening on http://" << shownHost << ':' << server.port() << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace muxi::cli
