#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/error.h>
#include <muxi/expected.h>
#include <muxi/httpmessage.h>
#include <muxi/message.h>
#include <muxi/modelinfo.h>
#include <muxi/target.h>
#include <muxi/toolcall.h>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUrl>

// What the adapters for non-OpenAI wire formats share when they translate
// OpenAI-shaped requests and answers: tool arguments between JSON text and
// objects, tool_choice, bodies and stream events to JSON objects, endpoints,
// requests, errors, and the chunks their stream decoders emit.
namespace muxi::wire {

// JSON keys are Latin-1 literals all over the translation code.
inline QLatin1String key(const char *name)
{
    return QLatin1String(name);
}

// The role as native chat APIs name it: "developer" is OpenAI's newer name for "system".
MUXI_PROVIDERS_TESTS_EXPORT QLatin1String nativeRoleName(Message::Role role);

// Compact JSON text of any value: "{}" for an empty object, "\"x\"" for a string, "null" for undefined.
MUXI_PROVIDERS_TESTS_EXPORT QString compactJson(const QJsonValue &value);

// OpenAI's tool_choice read once for every native mapping: "auto", "none",
// "required", or {"type":"function","function":{"name"}} (Function).
struct MUXI_PROVIDERS_TESTS_EXPORT ToolChoice {
    enum class Mode { Unset, Auto, None, Required, Function };
    Mode mode = Mode::Unset;
    QString function;
};
// BadRequest for a mode OpenAI does not define or a function object without a name.
MUXI_PROVIDERS_TESTS_EXPORT Expected<ToolChoice> readToolChoice(const QJsonValue &value);

// OpenAI carries tool-call arguments as JSON text; native APIs want the
// object. Empty text means no arguments; anything but a JSON object is a
// BadRequest naming the call, reported before anything is sent.
MUXI_PROVIDERS_TESTS_EXPORT Expected<QJsonObject> argumentsObject(const ToolCall &call, const Target &target);

// The JSON object of a successful body, or InvalidResponse carrying the bytes.
MUXI_PROVIDERS_TESTS_EXPORT Expected<QJsonObject> responseObject(const HttpResponse &response);

// The JSON object of one stream event (an SSE data field, an NDJSON line), or InvalidResponse.
MUXI_PROVIDERS_TESTS_EXPORT Expected<QJsonObject> eventObject(const QByteArray &data);

// The kind of error an HTTP status means; 0, an error reported inside a
// stream after the 200, is a server error.
MUXI_PROVIDERS_TESTS_EXPORT Error::Kind statusKind(int status);

// True when a provider's error message says the input did not fit the model's
// context window, in the wordings of Ollama and the llama.cpp server it embeds,
// TGI (also behind SageMaker), and Voyage: what their status codes (400, 422,
// 424, even 500) leave ambiguous.
MUXI_PROVIDERS_TESTS_EXPORT bool isContextOverflow(const QString &message);

// An Error of `kind` with the provider's own message and the body it came
// from; `status` is 0 for errors reported inside a stream.
MUXI_PROVIDERS_TESTS_EXPORT Error providerError(Error::Kind kind, const QString &message, int status, const QByteArray &body);

// A request rejected before sending because the provider cannot express it.
MUXI_PROVIDERS_TESTS_EXPORT Error badRequest(const Target &target, const QString &message);

// Unsupported, for input the provider cannot take ("audio input"), refused before anything is sent.
MUXI_PROVIDERS_TESTS_EXPORT Error unsupportedInput(const Target &target, const QString &what);

// `target.endpoint(path)`, with `versionPath` ("/v1") put in front of `path`
// when the base URL has no path of its own: the providers' SDKs take base URLs
// without the version (ANTHROPIC_BASE_URL=https://api.anthropic.com), and a
// user copying such a value should reach the same API.
MUXI_PROVIDERS_TESTS_EXPORT QUrl versionedEndpoint(const Target &target, const QString &versionPath, const QString &path);

// `url` with `name=value` added to its query.
MUXI_PROVIDERS_TESTS_EXPORT QUrl withQueryItem(QUrl url, const QString &name, const QString &value);

// A request with a JSON body (or none, for GET), the Accept header matching `streaming`.
MUXI_PROVIDERS_TESTS_EXPORT HttpRequest jsonRequest(const QByteArray &method, const QUrl &url, const QJsonObject &body, bool streaming);

// Tool-call ids for providers that send none: unique across responses, so
// a conversation's history never holds two calls with the same id.
MUXI_PROVIDERS_TESTS_EXPORT QString syntheticToolCallId(int ordinal);

// The function name of every tool call in the history, by call id: native
// APIs want the name on a tool result, OpenAI only gives the id there.
MUXI_PROVIDERS_TESTS_EXPORT QHash<QString, QString> toolNamesById(const QList<Message> &messages);

// The entries of a listing shaped {"models":[{"name":…},…]} (Cohere, Ollama), each kept whole in `raw`.
// The listing's next page: the first-page request `first` with `cursor` as
// the query item `queryName`; nothing when there is no cursor.
MUXI_PROVIDERS_TESTS_EXPORT std::optional<HttpRequest> nextListingPage(Expected<HttpRequest> first, const QString &cursor,
                                                                      const QString &queryName);

// OpenAI-style list objects (also Anthropic's): the id to continue after when
// `has_more` says there is more, else nothing.
MUXI_PROVIDERS_TESTS_EXPORT QString listCursor(const HttpResponse &response);

MUXI_PROVIDERS_TESTS_EXPORT ModelList modelsByName(const QJsonObject &listing, const Target &target);

} // namespace muxi::wire
