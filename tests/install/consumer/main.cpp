// A program built with nothing but `pkg-config --cflags --libs muxi`: it
// links both libraries and asks the configured OpenAI endpoint once.
#include <muxi/client.h>
#include <muxi/providers/builtinproviders.h>

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    muxi::Client client(muxi::builtinRegistry());
    out << "providers: " << client.providers().size() << '\n';
    muxi::ChatRequest request;
    request.model = QStringLiteral("openai/gpt-4o-mini");
    request.messages = {muxi::Message::user(QStringLiteral("ping from pkg-config"))};
    const muxi::Expected<muxi::ChatCompletion> result = client.chatBlocking(request);
    if (!result) {
        out << "error: " << result.error().toString() << '\n';
        return 1;
    }
    out << result->text() << '\n';
    return 0;
}
