#include <muxi/tiktokenranks.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <mutex>

namespace muxi {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::TiktokenRanks", text);
}

Error rankError(const QString &message)
{
    Error error(Error::Kind::Unsupported, message);
    error.code = QStringLiteral("tokenizer_unavailable");
    return error;
}

// A QByteArray over `view`'s bytes, without copying them.
QByteArray rawBytes(QByteArrayView view)
{
    return QByteArray::fromRawData(view.data(), view.size());
}

QList<QByteArrayView> splitView(QByteArrayView text, char separator)
{
    QList<QByteArrayView> parts;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == separator) {
            parts.append(text.sliced(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

// Loaded encodings by file path, so pointing MUXI_TIKTOKEN_DIR elsewhere loads afresh.
std::mutex cacheMutex;
QHash<QString, std::shared_ptr<const BpeEncoder>> &cache()
{
    static QHash<QString, std::shared_ptr<const BpeEncoder>> loaded;
    return loaded;
}

} // namespace

QStringList TiktokenRanks::searchPaths()
{
    // A directory the user names is the only one, so a stale copy elsewhere never answers instead.
    const QString configured = qEnvironmentVariable("MUXI_TIKTOKEN_DIR");
    if (!configured.isEmpty())
        return {configured};
    QStringList paths{QDir::homePath() + QLatin1String("/.cache/muxi/npm/node_modules/js-tiktoken/dist/ranks")};
    for (const QString &dataDir : QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation))
        paths.append(dataDir + QLatin1String("/muxi/tiktoken"));
    return paths;
}

QString TiktokenRanks::locate(const QString &name)
{
    for (const QString &dir : searchPaths()) {
        for (const QLatin1String suffix : {QLatin1String(".json"), QLatin1String(".js")}) {
            const QString path = dir + QLatin1Char('/') + name + suffix;
            if (QFileInfo(path).isFile())
                return path;
        }
    }
    return {};
}

Expected<std::shared_ptr<const BpeEncoder>> TiktokenRanks::encoding(const QString &name)
{
    const QString path = locate(name);
    if (path.isEmpty()) {
        return rankError(tr("the %1 token ranks are not installed (looked for %1.json and %1.js in %2); install the libmuxi0 "
                            "package, run scripts/install-deps.sh, or set MUXI_TIKTOKEN_DIR to the dist/ranks directory of the "
                            "js-tiktoken npm package")
                             .arg(name, searchPaths().join(QLatin1String(", "))));
    }
    {
        const std::lock_guard lock(cacheMutex);
        if (const auto found = cache().constFind(path); found != cache().constEnd())
            return *found;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return rankError(tr("cannot read the %1 token ranks (%2: %3)").arg(name, path, file.errorString()));
    }
    Expected<std::shared_ptr<const BpeEncoder>> parsed = parse(name, file.readAll());
    if (!parsed) {
        Error error = parsed.error();
        error.message = QStringLiteral("%1: %2").arg(path, error.message);
        return error;
    }
    // Two threads may both have parsed it; the first one stored wins, both get the same encoder.
    const std::lock_guard lock(cacheMutex);
    return *cache().insert(path, cache().value(path, *parsed));
}

Expected<std::shared_ptr<const BpeEncoder>> TiktokenRanks::parse(const QString &name, const QByteArray &moduleText)
{
    // The module is "export default {…};" or "module.exports = {…};" around one JSON object, or that object alone.
    const qsizetype open = moduleText.indexOf('{');
    const qsizetype close = moduleText.lastIndexOf('}');
    if (open < 0 || close < open)
        return rankError(tr("no rank table in the %1 module").arg(name));
    QJsonParseError jsonError;
    const QJsonObject table = QJsonDocument::fromJson(moduleText.sliced(open, close - open + 1), &jsonError).object();
    if (jsonError.error != QJsonParseError::NoError)
        return rankError(tr("the %1 rank table is not valid JSON: %2").arg(name, jsonError.errorString()));
    const QString pattern = table.value(QLatin1String("pat_str")).toString();
    const QByteArray lines = table.value(QLatin1String("bpe_ranks")).toString().toLatin1();
    if (pattern.isEmpty() || lines.isEmpty())
        return rankError(tr("the %1 rank table lacks pat_str or bpe_ranks").arg(name));

    BpeEncoder::Vocabulary vocabulary;
    const qsizetype fieldCount = lines.count(' ');
    vocabulary.bytes.reserve(lines.size() * 3 / 4);
    vocabulary.ends.reserve(fieldCount);
    vocabulary.ranks.reserve(fieldCount);
    for (const QByteArrayView line : splitView(lines, '\n')) {
        if (line.isEmpty())
            continue;
        const QList<QByteArrayView> fields = splitView(line, ' ');
        bool ok = false;
        int rank = fields.size() >= 2 ? rawBytes(fields.at(1)).toInt(&ok) : 0;
        if (!ok)
            return rankError(tr("malformed line in the %1 rank table").arg(name));
        for (qsizetype i = 2; i < fields.size(); ++i) {
            const auto decoded = QByteArray::fromBase64Encoding(rawBytes(fields.at(i)), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded || decoded.decoded.isEmpty())
                return rankError(tr("malformed token in the %1 rank table").arg(name));
            vocabulary.add(decoded.decoded, rank++);
        }
    }
    auto encoder = std::make_shared<const BpeEncoder>(name, pattern, std::move(vocabulary));
    if (!encoder->isValid())
        return rankError(tr("the %1 pre-tokenizer pattern does not compile: %2").arg(name, encoder->patternError()));
    if (const int byte = encoder->missingByte(); byte >= 0)
        return rankError(tr("the %1 rank table lacks the single byte %2").arg(name).arg(byte));
    return std::shared_ptr<const BpeEncoder>(std::move(encoder));
}

} // namespace muxi
