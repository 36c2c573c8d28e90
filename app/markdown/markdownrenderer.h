#pragma once

#include <QString>
#include <QStringList>

namespace muxi {

// GitHub-flavoured Markdown (tables, lists, fenced code, strikethrough) to
// the HTML subset Qt's rich text shows, through md4c. Raw HTML in the
// source is not passed through: answers are untrusted text. Fenced code
// gets a header with its language and a "copy:<n>" link, and is coloured
// by CodeHighlighter.
class MarkdownRenderer
{
public:
    class Result
    {
    public:
        QString html;
        // The plain text of each fenced block, indexed like the "copy:<n>" links.
        QStringList codeBlocks;
    };

    // `firstCodeIndex` numbers the blocks when this text continues an earlier rendered part.
    static Result render(const QString &markdown, int firstCodeIndex = 0);
    // The theme part of the view's style sheet for what render() emits.
    static QString styleSheet(bool dark);
};

} // namespace muxi
