#include "localserver.h"

#include <gateway.h>

#include <QClipboard>
#include <QGuiApplication>
#include <QSettings>

namespace muxi {

namespace {
const QString enabledKey = QStringLiteral("localServer/enabled");
const QString portKey = QStringLiteral("localServer/port");
}

LocalServer::LocalServer(Client *client, QString settingsFile, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_settingsFile(std::move(settingsFile))
{
    const QSettings settings(m_settingsFile, QSettings::IniFormat);
    m_port = settings.value(portKey, DefaultPort).toInt();
}

LocalServer::~LocalServer() = default;

void LocalServer::restore()
{
    const QSettings settings(m_settingsFile, QSettings::IniFormat);
    if (settings.value(enabledKey, false).toBool() && !running())
        start();
}

void LocalServer::setRunning(bool running)
{
    if (running == this->running())
        return;
    if (running)
        start();
    else
        stop();
    save();
}

void LocalServer::setPort(int port)
{
    if (port < 0 || port > 65535 || port == m_port)
        return;
    m_port = port;
    Q_EMIT portChanged();
    save();
    if (running()) {
        stop();
        start();
    }
}

bool LocalServer::start()
{
    auto gateway = std::make_unique<gateway::Gateway>(m_client);
    if (!gateway->listen(QHostAddress::LocalHost, quint16(m_port), gateway::HttpLimits())) {
        setError(tr("Cannot listen on 127.0.0.1 port %1: %2").arg(m_port).arg(gateway->errorString()));
        Q_EMIT runningChanged();
        return false;
    }
    connect(gateway.get(), &gateway::Gateway::requestsInFlightChanged, this, &LocalServer::requestsChanged);
    m_gateway = std::move(gateway);
    setError({});
    Q_EMIT runningChanged();
    Q_EMIT requestsChanged();
    return true;
}

void LocalServer::stop()
{
    m_gateway.reset();
    Q_EMIT runningChanged();
    Q_EMIT requestsChanged();
}

void LocalServer::save() const
{
    QSettings settings(m_settingsFile, QSettings::IniFormat);
    settings.setValue(enabledKey, running());
    settings.setValue(portKey, m_port);
}

void LocalServer::setError(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    Q_EMIT errorChanged();
}

QString LocalServer::url() const
{
    return m_gateway ? QStringLiteral("http://127.0.0.1:%1/v1").arg(m_gateway->port()) : QString();
}

int LocalServer::requestsInFlight() const
{
    return m_gateway ? m_gateway->requestsInFlight() : 0;
}

int LocalServer::requestsServed() const
{
    return m_gateway ? int(m_gateway->requestsServed()) : 0;
}

void LocalServer::copyUrl() const
{
    if (running())
        QGuiApplication::clipboard()->setText(url());
}

} // namespace muxi
