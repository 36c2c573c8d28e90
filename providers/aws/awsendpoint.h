#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/awscredentials.h>

#include <muxi/expected.h>
#include <muxi/httpmessage.h>
#include <muxi/target.h>

#include <QUrl>

namespace muxi {

// Where one Bedrock or SageMaker call goes and how it is authorised, worked
// out when the request is built so that changed credentials apply at once.
//
// Provider options (providers.json) and settings (config file) read here:
//   signing_service    SigV4 service name ("bedrock", "sagemaker")
//   regional_base_url  default endpoint with a {region} placeholder, used
//                      unless the user set a base URL (<ID>_BASE_URL, config)
//   bearer_auth        the provider also takes an API key as a Bearer token
//   region, profile    override AWS_REGION / AWS_PROFILE for this provider
class MUXI_PROVIDERS_TESTS_EXPORT AwsEndpoint
{
public:
    static Expected<AwsEndpoint> resolve(const Target &target);

    // POST to `encodedPath` (percent-encoded, as it must go on the wire)
    // under the base URL's path, with `headers`, signed.
    HttpRequest post(const QByteArray &encodedPath, const QByteArray &body, const HttpHeaders &headers, bool streaming) const;

    QUrl baseUrl;
    QString region;
    QString service;
    AwsCredentials credentials;
    // A Bedrock API key (docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html) replaces SigV4.
    QString bearerToken;
};

} // namespace muxi
