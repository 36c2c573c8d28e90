#include <muxi/bpeencoder.h>

#include <QVarLengthArray>

#include <algorithm>
#include <climits>
#include <queue>
#include <vector>

namespace muxi {

namespace {

// tiktoken runs its patterns on Rust's regex engine, where \s is Unicode's
// White_Space property. PCRE2's \s (10.42, with UCP) also takes U+180E
// MONGOLIAN VOWEL SEPARATOR, no longer a space since Unicode 6.3, so \s and \S
// are spelled out as the White_Space list.
const QLatin1String whiteSpace("\\t\\n\\x{0B}\\f\\r\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}");

QString translatePattern(const QString &pattern)
{
    QString out;
    out.reserve(pattern.size() * 2);
    bool inClass = false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'\\' && i + 1 < pattern.size()) {
            const QChar escaped = pattern.at(++i);
            if (escaped == u's') {
                out += inClass ? QString(whiteSpace) : QStringLiteral("[%1]").arg(whiteSpace);
            } else if (escaped == u'S' && !inClass) {
                out += QStringLiteral("[^%1]").arg(whiteSpace);
            } else {
                out += c;
                out += escaped;
            }
            continue;
        }
        out += c;
        if (c == u']' && inClass) {
            inClass = false;
        } else if (c == u'[' && !inClass) {
            inClass = true;
            // "[^" and a ']' right after the opening are part of the class, not its end.
            if (i + 1 < pattern.size() && pattern.at(i + 1) == u'^')
                out += pattern.at(++i);
            if (i + 1 < pattern.size() && pattern.at(i + 1) == u']')
                out += pattern.at(++i);
        }
    }
    return out;
}

// Pieces up to this many bytes are merged by rescanning all pairs after each
// merge (cheap, on the stack); longer ones, rare outside long runs of one
// script or of whitespace, through a priority queue so the cost stays n log n.
constexpr qsizetype scanLimit = 64;
constexpr int noRank = INT_MAX;

} // namespace

void BpeEncoder::Vocabulary::add(QByteArrayView token, int rank)
{
    bytes += token;
    ends.append(bytes.size());
    ranks.append(rank);
}

BpeEncoder::BpeEncoder(QString name, const QString &pattern, Vocabulary vocabulary)
    : m_name(std::move(name))
    , m_pretokenizer(translatePattern(pattern), QRegularExpression::UseUnicodePropertiesOption)
    , m_vocabulary(std::move(vocabulary))
{
    m_pretokenizer.optimize();
    // The keys point into m_vocabulary.bytes, which stays as it is from here on.
    m_ranks.reserve(m_vocabulary.ranks.size());
    const QByteArrayView bytes(m_vocabulary.bytes);
    qsizetype start = 0;
    for (qsizetype i = 0; i < m_vocabulary.ranks.size(); ++i) {
        const qsizetype end = m_vocabulary.ends.at(i);
        m_ranks.insert(TokenKey{bytes.sliced(start, end - start)}, m_vocabulary.ranks.at(i));
        start = end;
    }
}

int BpeEncoder::missingByte() const
{
    for (int byte = 0; byte < 256; ++byte) {
        const char single = char(byte);
        if (rankOf(QByteArrayView(&single, 1)) == noRank)
            return byte;
    }
    return -1;
}

int BpeEncoder::rankOf(QByteArrayView bytes) const
{
    return m_ranks.value(TokenKey{bytes}, noRank);
}

QList<int> BpeEncoder::encode(QStringView text) const
{
    QList<int> tokens;
    if (text.isEmpty())
        return tokens;
    // PCRE2 refuses ill-formed UTF-16, and UTF-8 cannot carry it: a lone surrogate counts as U+FFFD.
    QString repaired;
    if (!text.isValidUtf16()) {
        repaired = text.toString();
        for (qsizetype i = 0; i < repaired.size(); ++i) {
            if (repaired.at(i).isHighSurrogate() && i + 1 < repaired.size() && repaired.at(i + 1).isLowSurrogate())
                ++i;
            else if (repaired.at(i).isSurrogate())
                repaired[i] = QChar::ReplacementCharacter;
        }
        text = repaired;
    }
    const QByteArray utf8 = text.toUtf8();
    tokens.reserve(utf8.size() / 3);

    // Matches come in UTF-16 offsets; walk the UTF-8 copy alongside instead of converting every piece.
    const char16_t *units = text.utf16();
    qsizetype at16 = 0;
    qsizetype at8 = 0;
    auto advanceTo = [&](qsizetype target) {
        while (at16 < target) {
            const char16_t unit = units[at16];
            if (unit < 0x80) {
                at8 += 1;
            } else if (unit < 0x800) {
                at8 += 2;
            } else if (QChar::isHighSurrogate(unit)) {
                at8 += 4;
                ++at16;
            } else {
                at8 += 3;
            }
            ++at16;
        }
    };

    QRegularExpressionMatchIterator matches = m_pretokenizer.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        advanceTo(match.capturedStart());
        const qsizetype begin = at8;
        advanceTo(match.capturedEnd());
        encodePiece(QByteArrayView(utf8.constData() + begin, at8 - begin), tokens);
    }
    return tokens;
}

void BpeEncoder::encodePiece(QByteArrayView piece, QList<int> &out) const
{
    // tiktoken takes a piece that is itself a token as is, without merging.
    const int whole = rankOf(piece);
    if (whole != noRank) {
        out.append(whole);
        return;
    }
    if (piece.size() <= scanLimit)
        mergeByScan(piece, out);
    else
        mergeByHeap(piece, out);
}

void BpeEncoder::mergeByScan(QByteArrayView piece, QList<int> &out) const
{
    // bounds[i] is where part i starts; the last entry is the end of the piece.
    QVarLengthArray<qsizetype, scanLimit + 1> bounds;
    for (qsizetype i = 0; i <= piece.size(); ++i)
        bounds.append(i);
    // pairRanks[i] is the rank of parts i and i + 1 joined.
    auto pairRank = [&](qsizetype i) {
        return rankOf(piece.sliced(bounds[i], bounds[i + 2] - bounds[i]));
    };
    QVarLengthArray<int, scanLimit> pairRanks;
    for (qsizetype i = 0; i + 2 < bounds.size(); ++i)
        pairRanks.append(pairRank(i));

    while (!pairRanks.isEmpty()) {
        const auto lowest = std::min_element(pairRanks.begin(), pairRanks.end());
        if (*lowest == noRank)
            break;
        const qsizetype i = lowest - pairRanks.begin();
        bounds.remove(i + 1);
        pairRanks.remove(i);
        if (i < pairRanks.size())
            pairRanks[i] = pairRank(i);
        if (i > 0)
            pairRanks[i - 1] = pairRank(i - 1);
    }
    for (qsizetype i = 0; i + 1 < bounds.size(); ++i)
        out.append(rankOf(piece.sliced(bounds[i], bounds[i + 1] - bounds[i])));
}

void BpeEncoder::mergeByHeap(QByteArrayView piece, QList<int> &out) const
{
    // Parts form a linked list; a part is named by the byte it starts at, which
    // never changes because a merge keeps the left part and drops the right one.
    const qsizetype n = piece.size();
    std::vector<qsizetype> next(n);
    std::vector<qsizetype> previous(n);
    // Bumped whenever the pair starting at a part changes, so queued entries
    // for the old pair are recognised as stale and skipped.
    std::vector<int> version(n, 0);
    std::vector<bool> alive(n, true);
    for (qsizetype i = 0; i < n; ++i) {
        next[i] = i + 1;
        previous[i] = i - 1;
    }

    struct Candidate {
        int rank;
        qsizetype start;
        int version;
        // Lowest rank first, then leftmost: the order in which a full rescan would pick.
        bool operator>(const Candidate &other) const { return rank != other.rank ? rank > other.rank : start > other.start; }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
    auto offer = [&](qsizetype start) {
        const qsizetype right = next[start];
        if (right >= n)
            return;
        const qsizetype end = next[right];
        const int rank = rankOf(piece.sliced(start, end - start));
        if (rank != noRank)
            queue.push({rank, start, version[start]});
    };
    for (qsizetype i = 0; i + 1 < n; ++i)
        offer(i);

    while (!queue.empty()) {
        const Candidate best = queue.top();
        queue.pop();
        if (!alive[best.start] || version[best.start] != best.version)
            continue;
        const qsizetype left = best.start;
        const qsizetype right = next[left];
        alive[right] = false;
        next[left] = next[right];
        if (next[left] < n)
            previous[next[left]] = left;
        ++version[left];
        offer(left);
        if (previous[left] >= 0) {
            ++version[previous[left]];
            offer(previous[left]);
        }
    }
    for (qsizetype i = 0; i < n; i = next[i])
        out.append(rankOf(piece.sliced(i, next[i] - i)));
}

} // namespace muxi
