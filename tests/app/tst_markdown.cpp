#include <codehighlighter.h>
#include <fixtures.h>
#include <markdownrenderer.h>
#include <streamingmarkdown.h>

#include <QTest>

using namespace muxi;
using namespace muxi::test;

// GFM rendering through md4c, code colouring through source-highlight, and
// the incremental renderer used while an answer streams.
class TestMarkdown : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gfmTableListsAndCode()
    {
        const MarkdownRenderer::Result r = MarkdownRenderer::render(QString::fromUtf8(fixture(QStringLiteral("workbench/answer-markdown.md"))));
        QVERIFY(r.html.contains(QLatin1String("<table class=\"md\"")));
        QVERIFY(r.html.contains(QLatin1String("<th>Provider</th>")));
        QVERIFY(r.html.contains(QLatin1String("<td>Ollama</td>")));
        QCOMPARE(r.codeBlocks.size(), 1);
        QVERIFY(r.codeBlocks.first().startsWith(QLatin1String("#include <iostream>\n")));
        QVERIFY(r.html.contains(QLatin1String(">cpp</td>")));
        QVERIFY(r.html.contains(QLatin1String("<a href=\"copy:0\">Copy</a>")));
        QVERIFY(r.html.contains(QLatin1String("<span class=\"hl-preproc\">#include</span>")));
        QVERIFY(r.html.contains(QLatin1String("<span class=\"hl-string\">&quot;hello&quot;</span>")));
        QVERIFY(r.html.contains(QLatin1String("<span class=\"hl-comment\">// Prints a greeting.</span>")));

        const MarkdownRenderer::Result list = MarkdownRenderer::render(QStringLiteral("1. one\n2. two\n\n- [x] done\n\n~~old~~"));
        QVERIFY(list.html.contains(QLatin1String("<ol>")));
        QVERIFY(list.html.contains(QLatin1String("<del>old</del>")));
        QVERIFY(list.html.contains(QLatin1String("checkbox")));
    }

    void rawHtmlIsNotPassedThrough()
    {
        const MarkdownRenderer::Result r = MarkdownRenderer::render(QStringLiteral("<img src=x onerror=alert(1)> and <b>bold</b>"));
        QVERIFY(!r.html.contains(QLatin1String("<img")));
        QVERIFY(!r.html.contains(QLatin1String("<b>")));
        QVERIFY(r.html.contains(QLatin1String("&lt;b&gt;")));
    }

    void languagesAndFallbacks()
    {
        QVERIFY(CodeHighlighter::knowsLanguage(QStringLiteral("python")));
        QVERIFY(CodeHighlighter::knowsLanguage(QStringLiteral("py")));
        QVERIFY(CodeHighlighter::knowsLanguage(QStringLiteral("rust")));
        QVERIFY(CodeHighlighter::knowsLanguage(QStringLiteral("ts")));
        QVERIFY(!CodeHighlighter::knowsLanguage(QStringLiteral("no-such-language")));
        QVERIFY(CodeHighlighter::toHtml(QStringLiteral("def f(): return 1"), QStringLiteral("python")).contains(QLatin1String("hl-keyword")));
        // Unknown languages and plain fences are escaped, not coloured.
        QCOMPARE(CodeHighlighter::toHtml(QStringLiteral("a < b && c"), QStringLiteral("no-such-language")), QStringLiteral("a &lt; b &amp;&amp; c"));
        const MarkdownRenderer::Result plain = MarkdownRenderer::render(QStringLiteral("```\nx <y>\n```"));
        QCOMPARE(plain.codeBlocks, QStringList{QStringLiteral("x <y>")});
        QVERIFY(plain.html.contains(QLatin1String("x &lt;y&gt;")));
        QVERIFY(plain.html.contains(QLatin1String(">text</td>")));
    }

    void streamingEqualsRenderingAtOnce_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<int>("step");
        const QString answer = QString::fromUtf8(fixture(QStringLiteral("workbench/answer-markdown.md")));
        QTest::newRow("fixture by 1") << answer << 1;
        QTest::newRow("fixture by 7") << answer << 7;
        QTest::newRow("two code blocks") << QStringLiteral("Intro.\n\n```py\nx = 1\n\ny = 2\n```\n\nMiddle.\n\n```sh\necho hi\n```\n\nEnd.") << 3;
        QTest::newRow("loose list") << QStringLiteral("- a\n\n- b\n\n  more b\n\nAfter.") << 2;
    }

    void streamingEqualsRenderingAtOnce()
    {
        QFETCH(QString, markdown);
        QFETCH(int, step);
        StreamingMarkdown streaming;
        for (qsizetype i = 0; i < markdown.size(); i += step) {
            streaming.append(markdown.mid(i, step));
            // Render between tokens, as the frame timer does.
            streaming.html();
        }
        QCOMPARE(streaming.text(), markdown);
        const MarkdownRenderer::Result once = MarkdownRenderer::render(markdown);
        QCOMPARE(streaming.codeBlocks(), once.codeBlocks);
        QCOMPARE(streaming.html(), once.html);
    }
};

QTEST_GUILESS_MAIN(TestMarkdown)
#include "tst_markdown.moc"
