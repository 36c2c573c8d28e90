#include "chattesthelpers.h"

#include <QJsonDocument>
#include <QTest>

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

std::unique_ptr<Client> clientWithoutRetries(const ProviderRegistry *registry, const QProcessEnvironment &environment)
{
    auto client = std::make_unique<Client>(registry, Configuration(environment));
    RetryPolicy noRetries;
    noRetries.maxRetries = 0;
    client->configuration().setRetryPolicy(noRetries);
    return client;
}

ChatRequest briefChat(const QString &model, const QString &prompt, bool stream)
{
    ChatRequest request;
    request.model = model;
    request.messages = {Message::system(QStringLiteral("Be brief.")), Message::user(prompt)};
    request.stream = stream;
    return request;
}

Tool functionTool(const QString &name, const QString &property)
{
    Tool tool;
    tool.name = name;
    tool.description = QStringLiteral("Looks up %1").arg(property);
    tool.parameters = QJsonObject{{QLatin1String("type"), QLatin1String("object")},
                                  {QLatin1String("properties"), QJsonObject{{property, QJsonObject{{QLatin1String("type"), QLatin1String("string")}}}}}};
    return tool;
}

void addHttpErrorColumns()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("file");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<QString>("message");
}

} // namespace muxi::test
