#include <muxi/providers/awssigner.h>

#include <QCryptographicHash>
#include <QList>
#include <QMessageAuthenticationCode>
#include <QUrl>

#include <algorithm>
#include <utility>

namespace muxi {

namespace {

QByteArray hmac(QByteArrayView key, QByteArrayView message)
{
    return QMessageAuthenticationCode::hash(message.toByteArray(), key.toByteArray(), QCryptographicHash::Sha256);
}

QByteArray sha256Hex(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// Leading and trailing blanks removed, runs of spaces made one (the canonical header value rule).
QByteArray canonicalHeaderValue(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (const char c : value) {
        if (c == ' ' || c == '\t') {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        out += c;
    }
    return out;
}

// Headers the transport may set or rewrite, or that AWS's own SDKs leave unsigned.
bool isUnsignedHeader(QByteArrayView lowerName)
{
    return lowerName == "authorization" || lowerName == "user-agent" || lowerName == "expect" || lowerName == "content-length"
        || lowerName == "host";
}
}

AwsSigner::AwsSigner(AwsCredentials credentials, QString region, QString service)
    : m_credentials(std::move(credentials))
    , m_region(std::move(region))
    , m_service(std::move(service))
{
}

QByteArray AwsSigner::uriEncode(QByteArrayView bytes, bool keepSlash)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '_'
            || u == '.' || u == '~';
        if (unreserved || (keepSlash && u == '/')) {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0x0f];
        }
    }
    return out;
}

QByteArray AwsSigner::canonicalUri(QByteArrayView path, bool s3PathRules)
{
    if (path.isEmpty())
        return QByteArrayLiteral("/");
    if (s3PathRules)
        return path.toByteArray();
    // RFC 3986 dot-segment removal; empty segments dropped, as the suite's
    // get-slashes and get-relative cases expect.
    QList<QByteArrayView> segments;
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        const QByteArrayView segment = path.sliced(start, end - start);
        if (segment == "..") {
            if (!segments.isEmpty())
                segments.removeLast();
        } else if (!segment.isEmpty() && segment != ".") {
            segments.append(segment);
        }
        start = end + 1;
    }
    QByteArray out;
    for (const QByteArrayView segment : std::as_const(segments)) {
        out += '/';
        out += uriEncode(segment, false);
    }
    if (out.isEmpty() || path.endsWith('/'))
        out += '/';
    return out;
}

QByteArray AwsSigner::canonicalQuery(QByteArrayView query)
{
    QList<std::pair<QByteArray, QByteArray>> parameters;
    for (const QByteArrayView parameter : QByteArray(query.toByteArray()).split('&')) {
        if (parameter.isEmpty())
            continue;
        const qsizetype equals = parameter.indexOf('=');
        const QByteArrayView name = equals < 0 ? parameter : parameter.first(equals);
        const QByteArrayView value = equals < 0 ? QByteArrayView() : parameter.sliced(equals + 1);
        // Decoded first so that a value sent as %7E and one sent as ~ sign alike.
        parameters.append({uriEncode(QByteArray::fromPercentEncoding(name.toByteArray()), false),
                           uriEncode(QByteArray::fromPercentEncoding(value.toByteArray()), false)});
    }
    std::sort(parameters.begin(), parameters.end());
    QByteArray out;
    for (const auto &[name, value] : std::as_const(parameters)) {
        if (!out.isEmpty())
            out += '&';
        out += name + '=' + value;
    }
    return out;
}

QByteArray AwsSigner::signingKey(const QString &secret, QByteArrayView date, const QString &region, const QString &service)
{
    const QByteArray dateKey = hmac(QByteArray("AWS4" + secret.toUtf8()), date);
    const QByteArray regionKey = hmac(dateKey, region.toUtf8());
    const QByteArray serviceKey = hmac(regionKey, service.toUtf8());
    return hmac(serviceKey, "aws4_request");
}

QByteArray AwsSigner::amzDate(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

QByteArray AwsSigner::hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());
    return host;
}

AwsSigner::Result AwsSigner::sign(QByteArrayView method, QByteArrayView path, QByteArrayView query, const HttpHeaders &headers,
                                  QByteArrayView payloadHash, const QDateTime &time) const
{
    // Names lower-cased and sorted; repeated headers keep their order, joined by commas.
    QList<std::pair<QByteArray, QByteArray>> canonical;
    for (const auto &[name, value] : headers) {
        const QByteArray lower = name.toLower();
        const QByteArray cleaned = canonicalHeaderValue(value);
        auto it = std::find_if(canonical.begin(), canonical.end(), [&](const auto &entry) {
            return entry.first == lower;
        });
        if (it == canonical.end())
            canonical.append({lower, cleaned});
        else
            it->second += ',' + cleaned;
    }
    std::stable_sort(canonical.begin(), canonical.end(), [](const auto &a, const auto &b) {
        return a.first < b.first;
    });
    QByteArray canonicalHeaders;
    QByteArray signedHeaders;
    for (const auto &[name, value] : std::as_const(canonical)) {
        canonicalHeaders += name + ':' + value + '\n';
        if (!signedHeaders.isEmpty())
            signedHeaders += ';';
        signedHeaders += name;
    }

    Result result;
    result.canonicalRequest = method.toByteArray() + '\n' + canonicalUri(path, m_s3PathRules) + '\n' + canonicalQuery(query) + '\n'
        + canonicalHeaders + '\n' + signedHeaders + '\n' + payloadHash.toByteArray();

    const QByteArray date = amzDate(time);
    const QByteArray day = date.left(8);
    const QByteArray scope = day + '/' + m_region.toUtf8() + '/' + m_service.toUtf8() + "/aws4_request";
    result.stringToSign = "AWS4-HMAC-SHA256\n" + date + '\n' + scope + '\n' + sha256Hex(result.canonicalRequest);
    result.signature = hmac(signingKey(m_credentials.secretAccessKey, day, m_region, m_service), result.stringToSign).toHex();
    result.authorization = "AWS4-HMAC-SHA256 Credential=" + m_credentials.accessKeyId.toUtf8() + '/' + scope
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + result.signature;
    return result;
}

void AwsSigner::sign(HttpRequest &request, const QDateTime &now) const
{
    request.headers.removeIf([](const auto &header) {
        const QByteArray lower = header.first.toLower();
        return lower == "authorization" || lower == "x-amz-date" || lower == "x-amz-security-token" || lower == "x-amz-content-sha256";
    });
    const QByteArray payloadHash = sha256Hex(request.body);
    request.setHeader("X-Amz-Date", amzDate(now));
    if (!m_credentials.sessionToken.isEmpty())
        request.setHeader("X-Amz-Security-Token", m_credentials.sessionToken.toUtf8());
    if (m_signPayloadHeader)
        request.setHeader("x-amz-content-sha256", payloadHash);

    const QByteArray explicitHost = request.header("host");
    HttpHeaders toSign{{QByteArrayLiteral("Host"), explicitHost.isEmpty() ? hostHeader(request.url) : explicitHost}};
    for (const auto &header : std::as_const(request.headers)) {
        if (!isUnsignedHeader(header.first.toLower()))
            toSign.append(header);
    }
    const Result result = sign(request.method.toUpper(), request.url.path(QUrl::FullyEncoded).toLatin1(),
                               request.url.query(QUrl::FullyEncoded).toLatin1(), toSign, payloadHash, now);
    request.setHeader("Authorization", result.authorization);
}

} // namespace muxi
