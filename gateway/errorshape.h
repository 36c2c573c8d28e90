#pragma once

#include <muxi/error.h>

#include <QJsonObject>

namespace muxi::gateway {

// How a typed Error leaves the gateway: the HTTP status that mirrors it and
// the body in the shape of the API the client spoke.
class ErrorShape
{
public:
    enum class Api { OpenAi, Anthropic };

    static int status(const Error &error);
    static QJsonObject body(Api api, const Error &error);
    // The text a client sees: provider, model, upstream status and the provider's own words.
    static QString message(const Error &error);
    // An error found by the gateway itself, before any provider was asked.
    static Error request(Error::Kind kind, const QString &message, const QString &code = {}, const QString &param = {});
};

} // namespace muxi::gateway
