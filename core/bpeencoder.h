#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringView>

namespace muxi {

// Byte-level BPE as OpenAI's tiktoken does it: a pre-tokenizer regex splits the
// text into pieces; a piece whose UTF-8 bytes are a token is that token,
// otherwise its bytes are merged pairwise, always the adjacent pair with the
// lowest rank first (the leftmost one on ties), until no adjacent pair is a
// token. Token ids are the ranks.
//
// Special tokens ("<|endoftext|>"…) are not recognised: their text is encoded
// like any other text, as tiktoken's encode_ordinary() does. Encoding is const
// and may run from several threads at once.
class BpeEncoder
{
public:
    // `pattern` is tiktoken's pat_str. `ranks` must hold every single byte, as
    // every byte-level BPE vocabulary does, so that any text can be encoded.
    BpeEncoder(QString name, const QString &pattern, QHash<QByteArray, int> ranks);

    QString name() const { return m_name; }
    bool isValid() const { return m_pretokenizer.isValid(); }
    QString patternError() const { return m_pretokenizer.errorString(); }
    qsizetype vocabularySize() const { return m_ranks.size(); }
    // The compiled pre-tokenizer, so a benchmark can time the split alone.
    const QRegularExpression &pretokenizer() const { return m_pretokenizer; }

    QList<int> encode(QStringView text) const;
    qsizetype count(QStringView text) const { return encode(text).size(); }

private:
    int rankOf(QByteArrayView bytes) const;
    void encodePiece(QByteArrayView piece, QList<int> &out) const;
    void mergeByScan(QByteArrayView piece, QList<int> &out) const;
    void mergeByHeap(QByteArrayView piece, QList<int> &out) const;

    QString m_name;
    QRegularExpression m_pretokenizer;
    QHash<QByteArray, int> m_ranks;
};

} // namespace muxi
