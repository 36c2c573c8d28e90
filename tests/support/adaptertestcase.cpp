#include "adaptertestcase.h"

#include <QJsonDocument>

namespace muxi::test {

QLatin1String key(const char *name)
{
    return QLatin1String(name);
}

QJsonObject jsonObject(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

ToolCall toolCall(const QString &id, const QString &name, const QString &arguments)
{
    ToolCall call;
    call.id = id;
    call.name = name;
    call.arguments = arguments;
    return call;
}

void AdapterTestCase::startServer(const ProviderRegistry *registry, const QString &keyVariable, const QString &apiKey,
                                  const QString &baseUrlVariable, const QString &basePath)
{
    server = std::make_unique<FakeHttpServer>();
    QProcessEnvironment environment;
    environment.insert(keyVariable, apiKey);
    environment.insert(baseUrlVariable, server->url(basePath).toString());
    client = std::make_unique<Client>(registry, Configuration(environment));
    RetryPolicy noRetries;
    noRetries.maxRetries = 0;
    client->configuration().setRetryPolicy(noRetries);
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
