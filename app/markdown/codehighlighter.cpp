#include "codehighlighter.h"

#include <QHash>

#include <srchilite/formatter.h>
#include <srchilite/formatterparams.h>
#include <srchilite/formattermanager.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/langmap.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/settings.h>
#include <srchilite/sourcehighlighter.h>

#include <memory>

namespace muxi {

namespace {

// Writes each token as a span named after the element source-highlight
// recognised (keyword, string, comment…, see default.style).
class SpanFormatter : public srchilite::Formatter
{
public:
    SpanFormatter(std::string element, QString *out)
        : m_element(std::move(element))
        , m_out(out)
    {
    }

    void format(const std::string &text, const srchilite::FormatterParams *) override
    {
        const QString escaped = QString::fromStdString(text).toHtmlEscaped();
        if (m_element.empty() || m_element == "normal") {
            m_out->append(escaped);
            return;
        }
        m_out->append(QLatin1String("<span class=\"hl-") + QString::fromStdString(m_element) + QLatin1String("\">") + escaped
                      + QLatin1String("</span>"));
    }

private:
    std::string m_element;
    QString *m_out;
};

// Fence names models use that lang.map lacks (no TypeScript, YAML or TOML definitions ship).
QString aliasFor(const QString &language)
{
    static const QHash<QString, QString> aliases{
        {QStringLiteral("ts"), QStringLiteral("javascript")},
        {QStringLiteral("typescript"), QStringLiteral("javascript")},
        {QStringLiteral("tsx"), QStringLiteral("javascript")},
        {QStringLiteral("jsx"), QStringLiteral("javascript")},
        {QStringLiteral("c++"), QStringLiteral("cpp")},
        {QStringLiteral("zsh"), QStringLiteral("sh")},
        {QStringLiteral("console"), QStringLiteral("sh")},
        {QStringLiteral("shell"), QStringLiteral("sh")},
        {QStringLiteral("golang"), QStringLiteral("go")},
        {QStringLiteral("yaml"), QStringLiteral("conf")},
        {QStringLiteral("yml"), QStringLiteral("conf")},
        {QStringLiteral("toml"), QStringLiteral("ini")},
    };
    return aliases.value(language, language);
}

class Definitions
{
public:
    Definitions()
        : m_dataDir(srchilite::Settings::retrieveDataDir())
        , m_langDefs(&m_ruleFactory)
        , m_langMap(m_dataDir, "lang.map")
    {
        try {
            m_langMap.open();
        } catch (...) {
            m_mapUsable = false;
        }
    }

    // The highlight state for `language`, or null for plain text.
    srchilite::HighlightStatePtr stateFor(const QString &language)
    {
        const QString key = aliasFor(language.trimmed().toLower());
        if (key.isEmpty())
            return {};
        if (const auto it = m_states.constFind(key); it != m_states.constEnd())
            return *it;
        srchilite::HighlightStatePtr state;
        try {
            std::string file = m_mapUsable ? m_langMap.getMappedFileName(key.toStdString()) : std::string();
            if (file.empty())
                file = key.toStdString() + ".lang";
            state = m_langDefs.getHighlightState(m_dataDir, file);
        } catch (...) {
            // No definition or one source-highlight cannot parse: shown as plain text.
            state.reset();
        }
        m_states.insert(key, state);
        return state;
    }

private:
    std::string m_dataDir;
    srchilite::RegexRuleFactory m_ruleFactory;
    srchilite::LangDefManager m_langDefs;
    srchilite::LangMap m_langMap;
    bool m_mapUsable = true;
    QHash<QString, srchilite::HighlightStatePtr> m_states;
};

Definitions &definitions()
{
    static Definitions instance;
    return instance;
}

const char *const elements[] = {"keyword", "type", "usertype", "string", "regexp", "specialchar", "comment", "number", "preproc",
                                "symbol", "function", "cbracket", "classname", "variable", "predef_var", "predef_func", "label",
                                "todo", "url", "property", "selector", "value", "attribute", "atom", "path"};

} // namespace

bool CodeHighlighter::knowsLanguage(const QString &language)
{
    return bool(definitions().stateFor(language));
}

QString CodeHighlighter::toHtml(const QString &code, const QString &language)
{
    const srchilite::HighlightStatePtr state = definitions().stateFor(language);
    if (!state)
        return code.toHtmlEscaped();

    QString out;
    out.reserve(code.size() * 2);
    srchilite::FormatterManager formatters(srchilite::FormatterPtr(new SpanFormatter(std::string(), &out)));
    for (const char *element : elements)
        formatters.addFormatter(element, srchilite::FormatterPtr(new SpanFormatter(element, &out)));
    srchilite::SourceHighlighter highlighter(state);
    highlighter.setFormatterManager(&formatters);
    srchilite::FormatterParams params;
    highlighter.setFormatterParams(&params);
    highlighter.setOptimize(true);

    const QStringList lines = code.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            out.append(QLatin1Char('\n'));
        try {
            highlighter.highlightParagraph(lines.at(i).toStdString());
        } catch (...) {
            out.append(lines.at(i).toHtmlEscaped());
        }
    }
    return out;
}

} // namespace muxi
