#pragma once

#include "chattesthelpers.h"
#include "fakehttpserver.h"

#include <muxi/client.h>

#include <QJsonObject>
#include <QObject>
#include <QProcessEnvironment>

#include <memory>

namespace muxi::test {

// What the adapter tests share: a fresh FakeHttpServer per test function, a
// Client that reaches it through the provider's own environment variables and
// never retries (so an error reaches the test as the server sent it), and
// what the server received.
class AdapterTestCase : public QObject
{
    Q_OBJECT

protected:
    // Points `baseUrlVariable` at the server plus `basePath` and sets `keyVariable` to `apiKey`.
    void startServer(const ProviderRegistry *registry, const QString &keyVariable, const QString &apiKey,
                     const QString &baseUrlVariable, const QString &basePath);
    // One user message, "Say hello", for `model`.
    static ChatRequest sayHello(const QString &model, bool stream);
    // The JSON body of the last request the server got.
    QJsonObject sentBody() const;

    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<Client> client;
};

} // namespace muxi::test
