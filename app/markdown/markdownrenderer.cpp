#include "markdownrenderer.h"

#include "codehighlighter.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <md4c-html.h>

namespace muxi {

namespace {

void collect(const MD_CHAR *text, MD_SIZE size, void *userData)
{
    static_cast<QByteArray *>(userData)->append(text, qsizetype(size));
}

QString unescape(QString text)
{
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text;
}

QString codeBlockHtml(const QString &code, const QString &language, int index)
{
    const QString label = language.isEmpty() ? QCoreApplication::translate("MarkdownRenderer", "text") : language.toHtmlEscaped();
    const QString copy = QCoreApplication::translate("MarkdownRenderer", "Copy");
    // Qt's rich text has no positioned elements: the header is a table row,
    // with an inner table so the label and the link share one background.
    return QLatin1String("<table class=\"code\" width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"6\">"
                         "<tr><td class=\"codehead\"><table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr><td>")
        + label + QLatin1String("</td><td align=\"right\"><a href=\"copy:") + QString::number(index) + QLatin1String("\">") + copy
        + QLatin1String("</a></td></tr></table></td></tr><tr><td class=\"codebody\"><pre>") + CodeHighlighter::toHtml(code, language)
        + QLatin1String("</pre></td></tr></table>");
}

} // namespace

MarkdownRenderer::Result MarkdownRenderer::render(const QString &markdown, int firstCodeIndex)
{
    const QByteArray source = markdown.toUtf8();
    QByteArray html;
    html.reserve(source.size() * 2);
    md_html(source.constData(), MD_SIZE(source.size()), collect, &html, MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0);

    Result result;
    const QString rendered = QString::fromUtf8(html);
    // md4c writes fenced code as <pre><code class="language-x">escaped text</code></pre>.
    static const QRegularExpression codeBlock(QStringLiteral(R"re(<pre><code(?: class="language-([^"]*)")?>(.*?)</code></pre>\n?)re"),
                                              QRegularExpression::DotMatchesEverythingOption);
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = codeBlock.globalMatch(rendered);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        result.html.append(QStringView(rendered).mid(last, match.capturedStart() - last));
        QString code = unescape(match.captured(2));
        if (code.endsWith(QLatin1Char('\n')))
            code.chop(1);
        const QString language = unescape(match.captured(1));
        result.html.append(codeBlockHtml(code, language, firstCodeIndex + int(result.codeBlocks.size())));
        result.codeBlocks.append(code);
        last = match.capturedEnd();
    }
    result.html.append(QStringView(rendered).mid(last));
    // Qt draws tables without borders unless asked.
    result.html.replace(QLatin1String("<table>"), QLatin1String("<table class=\"md\" border=\"1\" cellspacing=\"0\" cellpadding=\"5\">"));
    return result;
}

QString MarkdownRenderer::styleSheet(bool dark)
{
    // Colours chosen for contrast on the code background of each theme.
    struct Colours {
        const char *codeBg, *headBg, *headFg, *border, *keyword, *type, *string, *comment, *number, *preproc, *function, *link;
    };
    static const Colours light{"#f4f5f7", "#e3e6ea", "#4a5560", "#c8ccd2", "#0b4fb3", "#8a3ea8", "#b0421b",
                               "#6b737c", "#0f7a6e", "#8c5a00", "#1f5f99", "#1558c0"};
    static const Colours darkColours{"#1e2227", "#2b3038", "#aab4c0", "#454c56", "#7fb0ff", "#d59cf0", "#f0a37a",
                                     "#8b949e", "#6fd3c4", "#e5c07b", "#82c6ff", "#7fb0ff"};
    const Colours &c = dark ? darkColours : light;
    return QStringLiteral(
               "a { color: %12; }"
               "table.code { background-color: %1; border-color: %4; }"
               "td.codehead { background-color: %2; color: %3; font-size: small; }"
               "td.codebody { background-color: %1; }"
               "pre { font-family: monospace; }"
               "code { font-family: monospace; background-color: %1; }"
               "table.md { border-color: %4; border-collapse: collapse; }"
               "th { background-color: %2; }"
               ".hl-keyword, .hl-preproc { color: %5; font-weight: bold; }"
               ".hl-type, .hl-usertype, .hl-classname { color: %6; }"
               ".hl-string, .hl-regexp, .hl-specialchar { color: %7; }"
               ".hl-comment { color: %8; font-style: italic; }"
               ".hl-number { color: %9; }"
               ".hl-function, .hl-predef_func { color: %11; }"
               ".hl-variable, .hl-predef_var, .hl-label, .hl-property { color: %10; }")
        .arg(QLatin1String(c.codeBg), QLatin1String(c.headBg), QLatin1String(c.headFg), QLatin1String(c.border),
             QLatin1String(c.keyword), QLatin1String(c.type), QLatin1String(c.string), QLatin1String(c.comment),
             QLatin1String(c.number))
        .arg(QLatin1String(c.preproc), QLatin1String(c.function), QLatin1String(c.link));
}

} // namespace muxi
