#pragma once

#include <QtGlobal>

namespace muxi::gateway {

// What one connection may send and how long it may take. A request over a
// size limit is refused before the rest of it is read; a connection that
// stalls in any phase is closed, so slow or idle clients cannot pin the server.
class HttpLimits
{
public:
    qint64 maxHeaderBytes = 64 * 1024;
    qint64 maxBodyBytes = 64 * 1024 * 1024;
    // From a request's first byte to the end of its head.
    int headTimeoutMs = 10'000;
    // Longest pause while a body arrives.
    int bodyTimeoutMs = 30'000;
    // A kept-alive connection with no request.
    int idleTimeoutMs = 60'000;
};

} // namespace muxi::gateway
