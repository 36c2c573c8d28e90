#pragma once

#include <chatchunk.h>
#include <error.h>
#include <expected.h>
#include <httpmessage.h>
#include <message.h>
#include <modelinfo.h>
#include <target.h>
#include <toolcall.h>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// What the adapters for non-OpenAI wire formats share: tool arguments
// between JSON text and objects, bodies and stream events to JSON objects,
// requests, and the chunks their stream decoders emit.
namespace muxi::wire {

// The role as native chat APIs name it: "developer" is OpenAI's newer name for "system".
QLatin1String nativeRoleName(Message::Role role);

// Compact JSON text of any value: "{}" for an empty object, "\"x\"" for a string.
QString compactJson(const QJsonValue &value);

// OpenAI carries tool-call arguments as JSON text; native APIs want the
// object. Empty text means no arguments; anything but a JSON object is a
// BadRequest naming the call, reported before anything is sent.
Expected<QJsonObject> argumentsObject(const ToolCall &call, const Target &target);

// The JSON object of a successful body, or InvalidResponse carrying the bytes.
Expected<QJsonObject> responseObject(const HttpResponse &response);

// The JSON object of one stream event (an SSE data field, an NDJSON line), or InvalidResponse.
Expected<QJsonObject> eventObject(const QByteArray &data);

// An Error of `kind` with the provider's own message and the body it came
// from; `status` is 0 for errors reported inside a stream.
Error providerError(Error::Kind kind, const QString &message, int status, const QByteArray &body);

// A request rejected before sending because the provider cannot express it.
Error badRequest(const Target &target, const QString &message);

// A request with a JSON body (or none, for GET), the Accept header matching `streaming`.
HttpRequest jsonRequest(const QByteArray &method, const QUrl &url, const QJsonObject &body, bool streaming);

// Tool-call ids for providers that send none: unique across responses, so
// a conversation's history never holds two calls with the same id.
QString syntheticToolCallId(int ordinal);

// The function name of every tool call in the history, by call id: native
// APIs want the name on a tool result, OpenAI only gives the id there.
QHash<QString, QString> toolNamesById(const QList<Message> &messages);

// The entries of a listing shaped {"models":[{"name":…},…]} (Cohere, Ollama), each kept whole in `raw`.
ModelList modelsByName(const QJsonObject &listing, const Target &target);

// A chunk for choice 0, the only one native streams have.
ChatChunk singleChoiceChunk(const QString &id, const QString &model, const ChunkChoice &choice);

} // namespace muxi::wire
