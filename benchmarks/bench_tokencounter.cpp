// Token counting cost: the time to load each encoding's ranks, and encoding
// throughput on 1 MB of English prose, against running the same compiled
// pre-tokenizer regex alone over the same text (the floor for any encoder
// built on QRegularExpression). Needs the js-tiktoken ranks that
// scripts/install-deps.sh installs, or MUXI_TIKTOKEN_DIR.

#include <muxi/bpeencoder.h>
#include <muxi/tiktokenranks.h>

#include <QFile>
#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

using muxi::BpeEncoder;
using muxi::TiktokenRanks;

namespace {

constexpr qsizetype TextChars = 1'000'000;
constexpr int Runs = 3;

const char *const words[] = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on",
                             "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had", "they",
                             "you", "were", "their", "one", "all", "we", "can", "her", "has", "there", "been", "if", "more", "when",
                             "will", "would", "who", "so", "no", "government", "information", "development", "understanding",
                             "particularly", "tokenizer", "don't", "it's", "1984", "2025", "London", "Wednesday", "however"};
const char *const punctuation[] = {".", ",", ";", ":", "?", "!", " -", "\""};

// Deterministic English-like prose: sentences of common words with punctuation,
// numbers, contractions and paragraph breaks.
QString englishText(qsizetype chars)
{
    QString text;
    text.reserve(chars + 64);
    quint32 state = 2463534242u;
    auto next = [&state](quint32 bound) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state % bound;
    };
    bool capital = true;
    while (text.size() < chars) {
        QString word = QString::fromLatin1(words[next(std::size(words))]);
        if (capital)
            word[0] = word[0].toUpper();
        text += word;
        capital = false;
        const quint32 roll = next(100);
        if (roll < 8) {
            text += QLatin1String(".");
            text += next(6) == 0 ? QLatin1String("\n\n") : QLatin1String(" ");
            capital = true;
        } else if (roll < 14) {
            text += QLatin1String(punctuation[next(std::size(punctuation))]);
            text += QLatin1Char(' ');
        } else {
            text += QLatin1Char(' ');
        }
    }
    return text;
}

template<typename Function>
double bestSeconds(Function run)
{
    double best = 1e9;
    for (int i = 0; i < Runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        run();
        const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
        best = std::min(best, seconds.count());
    }
    return best;
}

qsizetype pretokenize(const QRegularExpression &pattern, const QString &text)
{
    qsizetype pieces = 0;
    QRegularExpressionMatchIterator matches = pattern.globalMatch(text);
    while (matches.hasNext()) {
        matches.next();
        ++pieces;
    }
    return pieces;
}

} // namespace

int main()
{
    const QString text = englishText(TextChars);
    const double megabytes = double(text.toUtf8().size()) / 1e6;
    std::printf("%-12s %9s %9s %12s %9s %12s %9s\n", "encoding", "load ms", "tokens", "tokens/s", "MB/s", "regex MB/s", "vs regex");
    for (const char *name : {"o200k_base", "cl100k_base"}) {
        const QString encoding = QString::fromLatin1(name);
        QFile file(TiktokenRanks::locate(encoding));
        if (file.fileName().isEmpty() || !file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "%s: %s; run scripts/install-deps.sh or set MUXI_TIKTOKEN_DIR\n", name,
                         qPrintable(file.fileName().isEmpty() ? QStringLiteral("ranks not found") : file.errorString()));
            return EXIT_FAILURE;
        }
        // Reading the file is part of what a first count pays.
        std::shared_ptr<const BpeEncoder> encoder;
        const double load = bestSeconds([&] {
            file.seek(0);
            encoder = *TiktokenRanks::parse(encoding, file.readAll());
        });

        qsizetype tokens = 0;
        const double encode = bestSeconds([&] {
            tokens = encoder->count(text);
        });
        qsizetype pieces = 0;
        const double split = bestSeconds([&] {
            pieces = pretokenize(encoder->pretokenizer(), text);
        });
        if (tokens < pieces || pieces == 0) {
            std::fprintf(stderr, "%s: %lld tokens from %lld pieces\n", name, qlonglong(tokens), qlonglong(pieces));
            return EXIT_FAILURE;
        }
        std::printf("%-12s %9.1f %9lld %12.0f %9.2f %12.2f %8.2fx\n", name, load * 1e3, qlonglong(tokens), double(tokens) / encode,
                    megabytes / encode, megabytes / split, split / encode);
    }
    std::printf("\n%.2f MB of generated English prose; best of %d runs; \"vs regex\" is encoding speed over pre-tokenization alone.\n", megabytes, Runs);
    return EXIT_SUCCESS;
}
