#pragma once

#include <QObject>

class QNetworkAccessManager;

namespace muxi {

class Client;

// Asks each local provider (llama.cpp, Ollama, LM Studio, vLLM at their
// configured loopback URLs) for its model list once, with a short timeout,
// so the first-run page can offer a server that is already running. A
// fuller discovery service can replace this: the workbench only listens to
// detected().
class LocalServerProbe : public QObject
{
    Q_OBJECT

public:
    explicit LocalServerProbe(Client *client, QObject *parent = nullptr);

    void probe();
    void setTimeout(int ms) { m_timeoutMs = ms; }

Q_SIGNALS:
    void detected(const QString &providerId, bool running);
    void finished();

private:
    Client *m_client;
    QNetworkAccessManager *m_network;
    int m_timeoutMs = 1500;
    int m_pending = 0;
};

} // namespace muxi
