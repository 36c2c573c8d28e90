#pragma once

#include <muxi/providers/awscredentials.h>
#include <fakehttpserver.h>

#include <QString>

namespace muxi::test {

// Recomputes a recorded request's SigV4 Authorization from what arrived on
// the wire (the path and query as sent, the headers its SignedHeaders names,
// the body, its X-Amz-Date) and compares. Empty when the signature covers
// exactly what was sent; otherwise what differs. Also insists on the header's
// shape and on host, x-amz-date and content-type being signed.
QString sigV4Mismatch(const RecordedRequest &request, const AwsCredentials &credentials, const QString &region, const QString &service);

} // namespace muxi::test
