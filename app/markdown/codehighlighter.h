#pragma once

#include <QString>

namespace muxi {

// Colours code for the chat view. The output is HTML-escaped text with
// <span class="hl-…"> around tokens; the view's style sheet gives the
// classes their colours, so switching between light and dark needs no
// re-highlighting.
class CodeHighlighter
{
public:
    // Unknown or missing languages come back escaped but uncoloured.
    static QString toHtml(const QString &code, const QString &language);
    // Whether `language` (a fence info string such as "cpp" or "py") maps to a definition.
    static bool knowsLanguage(const QString &language);
};

} // namespace muxi
