#include "exitcodes.h"

namespace muxi::cli {

int exitCodeFor(const Error &error)
{
    // Mistakes in the command line itself are usage errors, whatever layer found them.
    if (error.code == QLatin1String("unknown_provider") || error.code == QLatin1String("usage"))
        return Usage;
    switch (error.kind) {
    case Error::Kind::Authentication:
    case Error::Kind::Permission:
        return Authentication;
    case Error::Kind::RateLimit:
    case Error::Kind::Quota:
        return RateLimited;
    case Error::Kind::Server:
    case Error::Kind::Overloaded:
    case Error::Kind::Network:
    case Error::Kind::Timeout:
    case Error::Kind::StreamInterrupted:
    case Error::Kind::InvalidResponse:
    case Error::Kind::Cancelled:
        return Unavailable;
    case Error::Kind::BadRequest:
    case Error::Kind::ContextLength:
    case Error::Kind::ContentFilter:
    case Error::Kind::NotFound:
    case Error::Kind::Unsupported:
        return Rejected;
    }
    return Unavailable;
}

} // namespace muxi::cli
