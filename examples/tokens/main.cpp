// Token counting before anything is sent. OpenAI models, wherever they are
// served, are counted exactly with their own tiktoken encoding (the BPE ranks
// of the js-tiktoken package, looked for where TiktokenRanks::searchPaths()
// says); every other model gets an estimate, and says so.
//   example-tokens [MODEL] TEXT
//   example-tokens anthropic/claude-3-5-haiku-latest "How many tokens is this?"

#include <muxi/tokencounter.h>

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments().mid(1);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.isEmpty() || arguments.size() > 2) {
        err << "usage: example-tokens [MODEL] TEXT\n";
        return 2;
    }
    const QString model = arguments.size() == 2 ? arguments.first() : QStringLiteral("openai/gpt-4o-mini");
    const QString text = arguments.last();

    // Counting needs no key and no network; it fails when an OpenAI model's ranks are missing or broken.
    const muxi::Expected<muxi::TokenCount> plain = muxi::TokenCounter::countText(model, text);
    if (!plain) {
        err << "error: " << plain.error().toString() << '\n';
        return 1;
    }
    out << "text: " << plain->tokens << " tokens (" << plain->method() << ", " << plain->encoding << ")\n";

    // As the prompt of a chat request: the per-message framing adds tokens.
    const muxi::Expected<muxi::TokenCount> prompt = muxi::TokenCounter::countMessages(model, {muxi::Message::user(text)});
    if (!prompt) {
        err << "error: " << prompt.error().toString() << '\n';
        return 1;
    }
    out << "as a chat prompt: " << prompt->tokens << " tokens (" << prompt->method() << ")\n";
    return 0;
}
