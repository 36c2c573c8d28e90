#pragma once

#include <QString>
#include <QStringList>

namespace muxi {

// The rendering of one message that grows while it streams. Top-level
// blocks that can no longer change (followed by a blank line outside a code
// fence and by a line starting a new block) are rendered once and kept; each
// update renders only the open tail, so the cost of a token does not grow
// with the length of the answer.
class StreamingMarkdown
{
public:
    void setText(const QString &text);
    void append(const QString &text);
    const QString &text() const { return m_text; }

    // Renders what changed since the last call.
    QString html();
    // The two parts of html(): blocks that will not change again, and the open tail.
    const QString &stableHtml();
    const QString &tailHtml();
    // stableHtml() in the pieces it was rendered in, oldest first; only ever grows while text is appended.
    const QStringList &stableParts();
    QStringList codeBlocks();

private:
    void scan();
    void update();

    QString m_text;
    // Everything before m_stableEnd is rendered into m_stableHtml.
    qsizetype m_stableEnd = 0;
    QString m_stableHtml;
    QStringList m_stableParts;
    QStringList m_stableCode;
    // Scanner state: the next unscanned line starts at m_scanPos.
    qsizetype m_scanPos = 0;
    bool m_inFence = false;
    QChar m_fenceChar;
    qsizetype m_fenceLength = 0;
    bool m_previousBlank = false;

    QString m_tailHtml;
    QStringList m_tailCode;
    bool m_dirty = true;
};

} // namespace muxi
