#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/awscredentials.h>

#include <muxi/httpmessage.h>

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace muxi {

// AWS Signature Version 4 with the Authorization header
// (docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html).
// Checked byte for byte against AWS's aws-sig-v4-test-suite (tests/data/aws-sigv4).
class MUXI_PROVIDERS_TESTS_EXPORT AwsSigner
{
public:
    // The intermediate results AWS publishes for each test-suite case.
    struct Result {
        QByteArray canonicalRequest;
        QByteArray stringToSign;
        QByteArray signature;
        QByteArray authorization;
    };

    AwsSigner(AwsCredentials credentials, QString region, QString service);

    // S3 signs the path as sent; every other service normalises it and
    // percent-encodes it once more (so "%3A" on the wire is "%253A" here).
    void setS3PathRules(bool s3) { m_s3PathRules = s3; }
    // Adds and signs x-amz-content-sha256, which S3 requires and others ignore.
    void setSignPayloadHeader(bool sign) { m_signPayloadHeader = sign; }

    // Signs the request as it will go on the wire: `path` and `query` exactly
    // as sent (percent-encoded), every header to sign including Host.
    Result sign(QByteArrayView method, QByteArrayView path, QByteArrayView query, const HttpHeaders &headers,
                QByteArrayView payloadHash, const QDateTime &time) const;

    // Adds X-Amz-Date, X-Amz-Security-Token for session credentials,
    // x-amz-content-sha256 when asked, and Authorization to `request`,
    // signing the Host the transport will send and all of its headers.
    void sign(HttpRequest &request, const QDateTime &now) const;

    // The Host header Qt sends for `url`: the port only when the URL names one.
    static QByteArray hostHeader(const QUrl &url);
    static QByteArray amzDate(const QDateTime &time);
    static QByteArray canonicalUri(QByteArrayView path, bool s3PathRules);
    static QByteArray canonicalQuery(QByteArrayView query);
    // RFC 3986 unreserved characters kept, everything else %XY in upper case.
    static QByteArray uriEncode(QByteArrayView bytes, bool keepSlash);
    static QByteArray signingKey(const QString &secret, QByteArrayView date, const QString &region, const QString &service);

private:
    AwsCredentials m_credentials;
    QString m_region;
    QString m_service;
    bool m_s3PathRules = false;
    bool m_signPayloadHeader = false;
};

} // namespace muxi
