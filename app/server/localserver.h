#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace muxi {

class Client;

namespace gateway {
class Gateway;
}

// Settings → Local server: the gateway of `muxi serve` inside the workbench,
// on 127.0.0.1 only and without a key of its own, answering with the
// workbench's Client and so with the keys it read from the keychain. On/off
// and the port are kept in the workbench's settings file.
class LocalServer : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The workbench owns the local server")
    Q_PROPERTY(bool running READ running WRITE setRunning NOTIFY runningChanged)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY portChanged)
    Q_PROPERTY(QString url READ url NOTIFY runningChanged)
    Q_PROPERTY(int requestsInFlight READ requestsInFlight NOTIFY requestsChanged)
    Q_PROPERTY(int requestsServed READ requestsServed NOTIFY requestsChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    static constexpr int DefaultPort = 4000;

    LocalServer(Client *client, QString settingsFile, QObject *parent = nullptr);
    ~LocalServer() override;

    bool running() const { return m_gateway != nullptr; }
    void setRunning(bool running);
    // The port asked for; 0 picks a free one (url then tells which).
    int port() const { return m_port; }
    void setPort(int port);
    // The OpenAI base URL clients use, http://127.0.0.1:PORT/v1; empty while stopped.
    QString url() const;
    int requestsInFlight() const;
    int requestsServed() const;
    QString error() const { return m_error; }

    // Starts the server when it was on when the workbench last closed.
    void restore();
    Q_INVOKABLE void copyUrl() const;

Q_SIGNALS:
    void runningChanged();
    void portChanged();
    void requestsChanged();
    void errorChanged();

private:
    bool start();
    void stop();
    void save() const;
    void setError(const QString &error);

    Client *m_client;
    QString m_settingsFile;
    int m_port = DefaultPort;
    std::unique_ptr<gateway::Gateway> m_gateway;
    QString m_error;
};

} // namespace muxi
