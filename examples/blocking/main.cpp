// The blocking API: one call, then a ChatCompletion or an Error. The provider
// is chosen by the model's "provider/" prefix; its key and base URL come from
// the environment as for every Muxi program (OPENAI_API_KEY, OPENAI_BASE_URL,
// ANTHROPIC_API_KEY, …) or from Muxi's config file.
//   example-blocking [MODEL] PROMPT
//   example-blocking mistral/mistral-small-latest "Name a primary colour"

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
        err << "usage: example-blocking [MODEL] PROMPT\n";
        return 2;
    }

    muxi::Client client(muxi::builtinRegistry());
    muxi::ChatRequest request;
    request.model = arguments.size() == 2 ? arguments.first() : QStringLiteral("openai/gpt-4o-mini");
    request.messages = {muxi::Message::system(QStringLiteral("Answer in one sentence.")), muxi::Message::user(arguments.last())};
    request.maxCompletionTokens = 200;

    // Spins an event loop until the answer is complete; QCoreApplication must exist.
    const muxi::Expected<muxi::ChatCompletion> result = client.chatBlocking(request);
    if (!result) {
        // Names provider, model, HTTP status and the provider's own message; never the key.
        err << "error: " << result.error().toString() << '\n';
        return 1;
    }
    out << result->text() << '\n';
    out << "answered by: " << result->provider << '/' << result->model << '\n';
    if (result->usage)
        out << "tokens: " << result->usage->promptTokens << " prompt, " << result->usage->completionTokens << " completion\n";
    return 0;
}
