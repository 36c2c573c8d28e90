#include "streamingmarkdown.h"

#include "markdownrenderer.h"

namespace muxi {

void StreamingMarkdown::setText(const QString &text)
{
    *this = StreamingMarkdown();
    m_text = text;
}

void StreamingMarkdown::append(const QString &text)
{
    if (text.isEmpty())
        return;
    m_text.append(text);
    m_dirty = true;
}

QString StreamingMarkdown::html()
{
    update();
    return m_stableHtml + m_tailHtml;
}

const QString &StreamingMarkdown::stableHtml()
{
    update();
    return m_stableHtml;
}

const QString &StreamingMarkdown::tailHtml()
{
    update();
    return m_tailHtml;
}

const QStringList &StreamingMarkdown::stableParts()
{
    update();
    return m_stableParts;
}

QStringList StreamingMarkdown::codeBlocks()
{
    update();
    return m_stableCode + m_tailCode;
}

void StreamingMarkdown::update()
{
    if (!m_dirty)
        return;
    const qsizetype stableBefore = m_stableEnd;
    scan();
    if (m_stableEnd > stableBefore) {
        const MarkdownRenderer::Result part =
            MarkdownRenderer::render(m_text.mid(stableBefore, m_stableEnd - stableBefore), int(m_stableCode.size()));
        m_stableHtml += part.html;
        if (!part.html.isEmpty())
            m_stableParts.append(part.html);
        m_stableCode += part.codeBlocks;
    }
    const MarkdownRenderer::Result tail = MarkdownRenderer::render(m_text.mid(m_stableEnd), int(m_stableCode.size()));
    m_tailHtml = tail.html;
    m_tailCode = tail.codeBlocks;
    m_dirty = false;
}

// Walks complete lines only; a line still being written is looked at again next time.
void StreamingMarkdown::scan()
{
    while (true) {
        const qsizetype newline = m_text.indexOf(QLatin1Char('\n'), m_scanPos);
        if (newline < 0)
            return;
        const QStringView line = QStringView(m_text).mid(m_scanPos, newline - m_scanPos);
        const qsizetype lineStart = m_scanPos;
        m_scanPos = newline + 1;

        const QStringView trimmed = line.trimmed();
        const bool blank = trimmed.isEmpty();
        qsizetype indent = 0;
        while (indent < line.size() && line.at(indent) == QLatin1Char(' '))
            ++indent;

        if (!m_inFence && m_previousBlank && !blank && indent == 0) {
            // A new top-level block starts here: what came before is final, unless
            // the line continues a list or a table that a blank line cannot end.
            const QChar first = line.at(0);
            const bool continuesList = first == QLatin1Char('-') || first == QLatin1Char('*') || first == QLatin1Char('+')
                || first.isDigit();
            if (!continuesList)
                m_stableEnd = lineStart;
        }

        // CommonMark fences: three or more ` or ~ after at most three spaces; closed by a longer-or-equal run.
        if (indent <= 3 && trimmed.size() >= 3 && (trimmed.at(0) == QLatin1Char('`') || trimmed.at(0) == QLatin1Char('~'))) {
            const QChar c = trimmed.at(0);
            qsizetype run = 0;
            while (run < trimmed.size() && trimmed.at(run) == c)
                ++run;
            if (run >= 3) {
                if (!m_inFence) {
                    m_inFence = true;
                    m_fenceChar = c;
                    m_fenceLength = run;
                } else if (c == m_fenceChar && run >= m_fenceLength && run == trimmed.size()) {
                    m_inFence = false;
                }
            }
        }
        m_previousBlank = blank && !m_inFence;
    }
}

} // namespace muxi
