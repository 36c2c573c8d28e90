#pragma once

#include <error.h>
#include <expected.h>
#include <target.h>
#include <toolcall.h>

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUrl>

// Pieces every adapter for a non-OpenAI wire format needs when it translates
// OpenAI-shaped requests and answers: tool arguments between JSON text and
// objects, bodies and stream events to JSON objects, endpoints.
namespace muxi::translation {

// JSON keys are Latin-1 literals all over the translation code.
inline QLatin1String key(const char *name)
{
    return QLatin1String(name);
}

// Unsupported, for input the provider cannot take ("audio input"), refused before anything is sent.
Error unsupportedInput(const Target &target, const QString &what);

// Compact JSON text of any value ("{}" for an empty object, "\"x\"" for a string).
QString compactJson(const QJsonValue &value);

// OpenAI's tool_choice read once for every native mapping: "auto", "none",
// "required", or {"type":"function","function":{"name"}} (Function).
struct ToolChoice {
    enum class Mode { Unset, Auto, None, Required, Function };
    Mode mode = Mode::Unset;
    QString function;
};
// BadRequest for a mode OpenAI does not define or a function object without a name.
Expected<ToolChoice> readToolChoice(const QJsonValue &value);

// OpenAI carries tool-call arguments as JSON text; native APIs want the object.
// Empty text means no arguments. Anything but a JSON object is a BadRequest
// naming the call, so a bad history is reported before anything is sent.
Expected<QJsonObject> argumentsObject(const ToolCall &call);

// The JSON object of a successful body, or InvalidResponse carrying the bytes.
Expected<QJsonObject> responseObject(const QByteArray &body, int status);

// The JSON object of one stream event, or InvalidResponse.
Expected<QJsonObject> eventObject(const QByteArray &data);

// `target.endpoint(path)`, with `versionPath` ("/v1") put in front of `path`
// when the base URL has no path of its own: the providers' SDKs take base URLs
// without the version (ANTHROPIC_BASE_URL=https://api.anthropic.com), and a
// user copying such a value should reach the same API.
QUrl versionedEndpoint(const Target &target, const QString &versionPath, const QString &path);

// `url` with `name=value` added to its query.
QUrl withQueryItem(QUrl url, const QString &name, const QString &value);

// An Error of `kind` with the provider's own `message` (a stand-in naming the
// status when it sent none) and the body it came from; `status` 0 for errors
// reported inside a stream. Callers add the provider's type and code.
Error providerError(Error::Kind kind, const QString &message, int status, const QByteArray &body);

} // namespace muxi::translation
