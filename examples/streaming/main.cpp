// Streams one answer, printing text as it arrives. The Reply emits delta()
// per piece of text and finished() once, after error() when it failed; a
// stream cut mid-way ends in a StreamInterrupted error, never as complete.
//   example-streaming [MODEL] PROMPT
//   example-streaming groq/llama-3.3-70b-versatile "Tell me a joke"

#include <muxi/client.h>
#include <muxi/providers/builtinproviders.h>

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments().mid(1);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.isEmpty() || arguments.size() > 2) {
        err << "usage: example-streaming [MODEL] PROMPT\n";
        return 2;
    }

    muxi::Client client(muxi::builtinRegistry());
    muxi::ChatRequest request;
    request.model = arguments.size() == 2 ? arguments.first() : QStringLiteral("openai/gpt-4o-mini");
    request.messages = {muxi::Message::user(arguments.last())};
    request.stream = true;

    // The client owns the reply; it lives until the client is destroyed or deleteLater().
    muxi::Reply *reply = client.chat(request);
    int pieces = 0;
    QObject::connect(reply, &muxi::Reply::delta, [&](const QString &text) {
        ++pieces;
        out << text;
        out.flush();
    });
    QObject::connect(reply, &muxi::Reply::error, [&](const muxi::Error &error) {
        out << '\n';
        err << "error: " << error.toString() << '\n';
    });
    QObject::connect(reply, &muxi::Reply::finished, [&] {
        if (reply->hasError()) {
            app.exit(1);
            return;
        }
        const muxi::ChatCompletion completion = reply->chatCompletion();
        out << "\n\nanswered by: " << reply->answeredBy() << " in " << pieces << " pieces\n";
        if (completion.usage)
            out << "tokens: " << completion.usage->promptTokens << " prompt, " << completion.usage->completionTokens << " completion\n";
        app.exit(0);
    });
    return app.exec();
}
