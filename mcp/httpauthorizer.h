#pragma once

#include <muxi/error.h>

#include <QByteArray>

#include <functional>
#include <optional>

namespace muxi::mcp {

// Supplies credentials for a remote server: the Authorization header for each
// request, and a way to obtain (new) credentials when the server refuses.
class HttpAuthorizer
{
public:
    virtual ~HttpAuthorizer() = default;

    // "Bearer …", or empty before any authorization.
    virtual QByteArray authorizationHeader() const = 0;
    // The server answered 401, or 403 asking for more scope; `wwwAuthenticate` is
    // that header. `done` gets nothing on success (the request is sent again) or the reason.
    virtual void authorize(int status, const QByteArray &wwwAuthenticate, std::function<void(std::optional<Error>)> done) = 0;
};

} // namespace muxi::mcp
