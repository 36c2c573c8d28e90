#include "adaptertestcase.h"

namespace muxi::test {

void AdapterTestCase::startServer(const ProviderRegistry *registry, const QString &keyVariable, const QString &apiKey,
                                  const QString &baseUrlVariable, const QString &basePath)
{
    server = std::make_unique<FakeHttpServer>();
    QProcessEnvironment environment;
    environment.insert(keyVariable, apiKey);
    environment.insert(baseUrlVariable, server->url(basePath).toString());
    client = clientWithoutRetries(registry, environment);
}

ChatRequest AdapterTestCase::sayHello(const QString &model, bool stream)
{
    ChatRequest request;
    request.model = model;
    request.messages = {Message::user(QStringLiteral("Say hello"))};
    request.stream = stream;
    return request;
}

QJsonObject AdapterTestCase::sentBody() const
{
    return server->requests().last().json();
}

} // namespace muxi::test
