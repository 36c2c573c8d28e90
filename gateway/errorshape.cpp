#include "errorshape.h"

namespace muxi::gateway {

int ErrorShape::status(const Error &error)
{
    if (error.code == QLatin1String("unknown_provider") || error.code == QLatin1String("model_not_found"))
        return 404;
    if (error.code == QLatin1String("request_too_large"))
        return 413;
    switch (error.kind) {
    case Error::Kind::Authentication:
        return 401;
    case Error::Kind::Permission:
        return 403;
    case Error::Kind::NotFound:
        return 404;
    case Error::Kind::RateLimit:
    case Error::Kind::Quota:
        return 429;
    case Error::Kind::BadRequest:
    case Error::Kind::ContentFilter:
        return error.httpStatus >= 400 && error.httpStatus < 500 && error.httpStatus != 401 && error.httpStatus != 403
                   && error.httpStatus != 404 && error.httpStatus != 429
               ? error.httpStatus
               : 400;
    case Error::Kind::ContextLength:
    case Error::Kind::Unsupported:
        return 400;
    case Error::Kind::Server:
        return error.httpStatus >= 500 && error.httpStatus < 600 ? error.httpStatus : 502;
    case Error::Kind::Overloaded:
        return 503;
    case Error::Kind::Timeout:
        return 504;
    case Error::Kind::Network:
    case Error::Kind::StreamInterrupted:
    case Error::Kind::InvalidResponse:
        return 502;
    case Error::Kind::Cancelled:
        return 499;
    }
    return 500;
}

QString ErrorShape::message(const Error &error)
{
    return error.provider.isEmpty() ? error.message : error.toString();
}

Error ErrorShape::request(Error::Kind kind, const QString &message, const QString &code, const QString &param)
{
    Error error(kind, message);
    error.code = code;
    error.param = param;
    return error;
}

namespace {
QString openAiType(const Error &error, int status)
{
    if (error.kind == Error::Kind::Quota)
        return QStringLiteral("insufficient_quota");
    switch (status) {
    case 401:
        return QStringLiteral("authentication_error");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 429:
        return QStringLiteral("rate_limit_error");
    default:
        return status >= 500 ? QStringLiteral("server_error") : QStringLiteral("invalid_request_error");
    }
}

QString anthropicType(int status)
{
    switch (status) {
    case 401:
        return QStringLiteral("authentication_error");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 413:
        return QStringLiteral("request_too_large");
    case 429:
        return QStringLiteral("rate_limit_error");
    case 503:
    case 529:
        return QStringLiteral("overloaded_error");
    default:
        return status >= 500 ? QStringLiteral("api_error") : QStringLiteral("invalid_request_error");
    }
}

QString codeFor(const Error &error)
{
    if (!error.code.isEmpty())
        return error.code;
    switch (error.kind) {
    case Error::Kind::ContextLength:
        return QStringLiteral("context_length_exceeded");
    case Error::Kind::Quota:
        return QStringLiteral("insufficient_quota");
    case Error::Kind::RateLimit:
        return QStringLiteral("rate_limit_exceeded");
    case Error::Kind::ContentFilter:
        return QStringLiteral("content_filter");
    default:
        return {};
    }
}
}

QJsonObject ErrorShape::body(Api api, const Error &error)
{
    const int code = status(error);
    if (api == Api::Anthropic) {
        return QJsonObject{{QLatin1String("type"), QLatin1String("error")},
                           {QLatin1String("error"), QJsonObject{{QLatin1String("type"), anthropicType(code)}, {QLatin1String("message"), message(error)}}}};
    }
    const QString errorCode = codeFor(error);
    return QJsonObject{{QLatin1String("error"),
                        QJsonObject{{QLatin1String("message"), message(error)},
                                    {QLatin1String("type"), error.type.isEmpty() ? openAiType(error, code) : error.type},
                                    {QLatin1String("param"), error.param.isEmpty() ? QJsonValue() : QJsonValue(error.param)},
                                    {QLatin1String("code"), errorCode.isEmpty() ? QJsonValue() : QJsonValue(errorCode)}}}};
}

} // namespace muxi::gateway
