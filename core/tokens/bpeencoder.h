#pragma once

#include <muxi/muxi_core_export.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringView>

namespace muxi {

/// \brief Byte-level BPE as OpenAI's tiktoken does it.
///
/// A pre-tokenizer regex splits the text into pieces; a piece whose UTF-8
/// bytes are a token is that token, otherwise its bytes are merged pairwise,
/// always the adjacent pair with the lowest rank first (the leftmost one on
/// ties), until no adjacent pair is a token. Token ids are the ranks.
///
/// Special tokens ("<|endoftext|>"…) are not recognised: their text is encoded
/// like any other text, as tiktoken's encode_ordinary() does. Encoding is const
/// and may run from several threads at once. Most callers want TokenCounter;
/// TiktokenRanks loads the encoders.
class MUXI_CORE_EXPORT BpeEncoder
{
public:
    /// \brief The tokens laid end to end in one buffer.
    ///
    /// 200k small allocations and Qt's general-purpose byte hash made loading
    /// and lookups several times slower.
    struct Vocabulary {
        /// Every token's bytes, one after another.
        QByteArray bytes;
        /// Where each token ends in `bytes`.
        QList<qsizetype> ends;
        /// Each token's rank, which is its id.
        QList<int> ranks;

        /// Appends `token` with `rank`.
        void add(QByteArrayView token, int rank);
    };

    /// `pattern` is tiktoken's pat_str. The vocabulary must hold every single
    /// byte, as byte-level BPE vocabularies do, so that any text can be encoded
    /// (missingByte() tells). A pattern QRegularExpression cannot compile leaves
    /// the encoder invalid (isValid(), patternError()).
    BpeEncoder(QString name, const QString &pattern, Vocabulary vocabulary);

    /// The encoding's name ("o200k_base", …).
    QString name() const { return m_name; }
    /// True when the pre-tokenizer pattern compiled.
    bool isValid() const { return m_pretokenizer.isValid(); }
    /// Why the pattern did not compile; empty when it did.
    QString patternError() const { return m_pretokenizer.errorString(); }
    /// How many tokens the vocabulary holds.
    qsizetype vocabularySize() const { return m_vocabulary.ranks.size(); }
    /// The first byte value that is not a token of its own, or -1 when all 256 are.
    int missingByte() const;
    /// The compiled pre-tokenizer, so a benchmark can time the split alone.
    const QRegularExpression &pretokenizer() const { return m_pretokenizer; }

    /// The token ids of `text`, encoded as UTF-8 (lone surrogates as U+FFFD).
    QList<int> encode(QStringView text) const;
    /// How many tokens encode() makes of `text`.
    qsizetype count(QStringView text) const { return encode(text).size(); }

private:
    int rankOf(QByteArrayView bytes) const;
    void encodePiece(QByteArrayView piece, QList<int> &out) const;
    void mergeByScan(QByteArrayView piece, QList<int> &out) const;
    void mergeByHeap(QByteArrayView piece, QList<int> &out) const;

    // A token's bytes inside m_vocabulary.bytes, hashed with FNV-1a: tokens are
    // a few bytes long and the key set is fixed, so a simple hash does.
    struct TokenKey {
        QByteArrayView bytes;
        friend bool operator==(TokenKey a, TokenKey b) { return a.bytes == b.bytes; }
        friend size_t qHash(TokenKey key, size_t seed)
        {
            quint64 hash = 14695981039346656037ull;
            for (const char byte : key.bytes) {
                hash ^= uchar(byte);
                hash *= 1099511628211ull;
            }
            return size_t(hash) ^ seed;
        }
    };

    QString m_name;
    QRegularExpression m_pretokenizer;
    Vocabulary m_vocabulary;
    QHash<TokenKey, int> m_ranks;
};

} // namespace muxi
