// The blocking API: one call, a result or an error. Asks for JSON, which
// providers without a JSON mode get emulated.
//   build/bin/example-blocking mistral/mistral-small-latest "Three primary colours as a JSON list"

#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (argc != 3) {
        out << "usage: example-blocking MODEL PROMPT\n";
        return 2;
    }

    muxi::Client client(muxi::builtinRegistry());
    muxi::ChatRequest request;
    request.model = QString::fromLocal8Bit(argv[1]);
    request.messages = {muxi::Message::system(QStringLiteral("Answer in JSON.")), muxi::Message::user(QString::fromLocal8Bit(argv[2]))};
    muxi::ResponseFormat json;
    json.type = muxi::ResponseFormat::Type::JsonObject;
    request.responseFormat = json;

    const muxi::Expected<muxi::ChatCompletion> result = client.chatBlocking(request);
    if (!result) {
        out << "error: " << result.error().toString() << '\n';
        return 1;
    }
    out << result->text() << '\n';
    return 0;
}
