// Fallbacks and retries. Each model of the chain is tried again after a
// transient failure (rate limit, overload, 5xx, network), waiting what the
// server's Retry-After asks or an exponential back-off; when its retries are
// used up, or the failure is one a retry would not fix, the request moves on
// to the next model. The attempts record tells what happened to each try.
//   example-fallbacks MODEL FALLBACK… PROMPT
//   example-fallbacks openai/gpt-4o groq/llama-3.3-70b-versatile "Say hello"

#include <muxi/client.h>
#include <muxi/providers/builtinproviders.h>

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList arguments = app.arguments().mid(1);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.size() < 3) {
        err << "usage: example-fallbacks MODEL FALLBACK… PROMPT\n";
        return 2;
    }

    muxi::Client client(muxi::builtinRegistry());
    muxi::ChatRequest request;
    request.messages = {muxi::Message::user(arguments.takeLast())};
    request.model = arguments.takeFirst();
    request.fallbackModels = arguments;
    // This request's own retry settings; the configured RetryPolicy applies otherwise.
    request.maxRetries = 1;
    request.retryBaseDelayMs = 200;

    QList<muxi::AttemptRecord> attempts;
    const muxi::Expected<muxi::ChatCompletion> result = client.chatBlocking(request, &attempts);
    for (const muxi::AttemptRecord &attempt : std::as_const(attempts))
        out << "attempt: " << attempt.toString() << '\n';
    if (!result) {
        // The last model's error; every earlier one is in the attempts.
        err << "error: " << result.error().toString() << '\n';
        return 1;
    }
    out << "answer: " << result->text() << '\n';
    out << "answered by: " << result->provider << '/' << result->model << '\n';
    return 0;
}
