#pragma once

#include <muxi/muxi_providers_export.h>

#include <QString>

namespace muxi {

// An AWS access key pair, with the session token of temporary credentials.
// Never printed: `source` says where it came from for messages.
class MUXI_PROVIDERS_TESTS_EXPORT AwsCredentials
{
public:
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;
    // "environment" or "<file> [<profile>]".
    QString source;

    bool isComplete() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
};

} // namespace muxi
