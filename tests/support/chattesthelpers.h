#pragma once

#include <muxi/client.h>
#include <muxi/tool.h>

#include <QJsonObject>
#include <QProcessEnvironment>

#include <memory>

namespace muxi::test {

// JSON keys and expected objects, written the short way.
QLatin1String key(const char *name);
QJsonObject jsonObject(const char *json);
ToolCall toolCall(const QString &id, const QString &name, const QString &arguments);

// A client over `registry` configured from `environment` alone, with retries
// off so that an error reaches the test as the server sent it.
std::unique_ptr<Client> clientWithoutRetries(const ProviderRegistry *registry, const QProcessEnvironment &environment);

// "Be brief." as the system prompt, then `prompt` from the user.
ChatRequest briefChat(const QString &model, const QString &prompt, bool stream);

// A function tool whose parameters are an object with one string property.
Tool functionTool(const QString &name, const QString &property);

// The columns of the data-driven HTTP error tests: status, fixture file, expected kind, message start.
void addHttpErrorColumns();

} // namespace muxi::test
