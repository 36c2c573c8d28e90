// Streams one answer with fallbacks, printing tokens as they arrive and,
// at the end, which model answered and what was tried.
//   build/bin/example-streaming groq/llama-3.3-70b-versatile openai/gpt-4o-mini "Tell me a joke"

#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList arguments = app.arguments().mid(1);
    QTextStream out(stdout);
    if (arguments.size() < 2) {
        out << "usage: example-streaming MODEL [FALLBACK…] PROMPT\n";
        return 2;
    }

    muxi::Client client(muxi::builtinRegistry());
    muxi::ChatRequest request;
    request.messages = {muxi::Message::user(arguments.takeLast())};
    request.model = arguments.takeFirst();
    request.fallbackModels = arguments;
    request.stream = true;

    muxi::Reply *reply = client.chat(request);
    QObject::connect(reply, &muxi::Reply::delta, [&](const QString &text) {
        out << text;
        out.flush();
    });
    QObject::connect(reply, &muxi::Reply::error, [&](const muxi::Error &error) {
        out << "\nerror: " << error.toString() << '\n';
    });
    QObject::connect(reply, &muxi::Reply::finished, [&] {
        out << "\n\nanswered by: " << reply->answeredBy() << '\n';
        for (const muxi::AttemptRecord &attempt : reply->attempts())
            out << "  " << attempt.toString() << '\n';
        app.exit(reply->hasError() ? 1 : 0);
    });
    return app.exec();
}
