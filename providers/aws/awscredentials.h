#pragma once

#include <QString>

namespace muxi {

// An AWS access key pair, with the session token of temporary credentials.
// Never printed: `source` says where it came from for messages.
class AwsCredentials
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
