#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/eventstreammessage.h>

#include <muxi/error.h>
#include <muxi/httpmessage.h>

#include <QByteArray>
#include <QString>

#include <optional>

namespace muxi {

// Errors of AWS's JSON protocols (Bedrock Runtime, SageMaker Runtime): the
// type in the x-amzn-ErrorType header or the body's __type, the text in
// `message` or `Message`, and the same names again in event-stream exception
// frames (":exception-type").
class MUXI_PROVIDERS_TESTS_EXPORT AwsError
{
public:
    static Error fromResponse(const HttpResponse &response);
    // An exception frame's type and JSON payload.
    static Error fromException(const QString &type, const QByteArray &payload);
    // The error an event-stream message reports (":message-type" exception or
    // error), or nothing for an event.
    static std::optional<Error> fromStreamMessage(const EventStreamMessage &message);
    // ThrottlingException, throttlingException and Throttling are one type.
    static Error::Kind kindFor(const QString &type, int status, const QString &message);
};

} // namespace muxi
