#include "sigv4check.h"

#include <muxi/providers/awssigner.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QRegularExpression>

namespace muxi::test {

QString sigV4Mismatch(const RecordedRequest &request, const AwsCredentials &credentials, const QString &region, const QString &service)
{
    const QString authorization = QString::fromLatin1(request.header("authorization"));
    static const QRegularExpression shape(QStringLiteral("^AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request, "
                                                         "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$"));
    const QRegularExpressionMatch match = shape.match(authorization);
    if (!match.hasMatch())
        return QStringLiteral("malformed Authorization: ") + authorization;
    const QByteArray amzDate = request.header("x-amz-date");
    if (match.captured(1) != credentials.accessKeyId || match.captured(2) != QString::fromLatin1(amzDate.left(8))
        || match.captured(3) != region || match.captured(4) != service)
        return QStringLiteral("wrong credential scope: ") + authorization;
    const QStringList signedNames = match.captured(5).split(QLatin1Char(';'));
    for (const char *required : {"host", "x-amz-date", "content-type"}) {
        if (!signedNames.contains(QLatin1String(required)))
            return QStringLiteral("%1 is not signed: %2").arg(QLatin1String(required), authorization);
    }

    HttpHeaders headers;
    for (const QString &name : signedNames) {
        bool found = false;
        for (const auto &[key, value] : request.headers) {
            if (key.compare(name.toLatin1(), Qt::CaseInsensitive) == 0) {
                headers.append({key, value});
                found = true;
            }
        }
        if (!found)
            return QStringLiteral("signed header %1 was not sent").arg(name);
    }
    const QDateTime time = QDateTime::fromString(QString::fromLatin1(amzDate), QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    if (!time.isValid())
        return QStringLiteral("bad X-Amz-Date: ") + QString::fromLatin1(amzDate);
    const qsizetype question = request.target.indexOf('?');
    const QByteArray path = question < 0 ? request.target : request.target.left(question);
    const QByteArray query = question < 0 ? QByteArray() : request.target.mid(question + 1);
    const AwsSigner::Result expected = AwsSigner(credentials, region, service)
                                           .sign(request.method, path, query, headers,
                                                 QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex(),
                                                 QDateTime(time.date(), time.time(), Qt::UTC));
    if (expected.authorization != authorization.toLatin1()) {
        return QStringLiteral("signature does not cover what was sent\nexpected %1\nreceived %2\ncanonical request:\n%3")
            .arg(QString::fromLatin1(expected.authorization), authorization, QString::fromLatin1(expected.canonicalRequest));
    }
    return {};
}

} // namespace muxi::test
