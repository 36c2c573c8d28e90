// JSON mode. With a ResponseFormat of JsonObject (or JsonSchema, with a
// schema) the answer is a JSON document. Providers with a JSON mode get it
// asked for in their own terms; for those without one Muxi adds an
// instruction, checks the answer and asks once for a repair, so the caller
// always gets JSON or an error.
//   example-jsonmode [MODEL] PROMPT
//   example-jsonmode mistral/mistral-small-latest "The three primary colours as {\"colours\": [...]}"

#include <muxi/client.h>
#include <muxi/providers/builtinproviders.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments().mid(1);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.isEmpty() || arguments.size() > 2) {
        err << "usage: example-jsonmode [MODEL] PROMPT\n";
        return 2;
    }

    muxi::Client client(muxi::builtinRegistry());
    muxi::ChatRequest request;
    request.model = arguments.size() == 2 ? arguments.first() : QStringLiteral("openai/gpt-4o-mini");
    request.messages = {muxi::Message::system(QStringLiteral("Answer with one JSON object.")), muxi::Message::user(arguments.last())};
    muxi::ResponseFormat json;
    json.type = muxi::ResponseFormat::Type::JsonObject;
    request.responseFormat = json;

    const muxi::Expected<muxi::ChatCompletion> result = client.chatBlocking(request);
    if (!result) {
        err << "error: " << result.error().toString() << '\n';
        return 1;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(result->text().toUtf8(), &parseError);
    if (!document.isObject()) {
        err << "error: the answer is not a JSON object: " << parseError.errorString() << '\n';
        return 1;
    }
    // One line per field; lists are joined.
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        QStringList items;
        const QJsonArray values = it.value().isArray() ? it.value().toArray() : QJsonArray{it.value()};
        for (const QJsonValue &value : values)
            items.append(value.isObject() ? QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)) : value.toVariant().toString());
        out << it.key() << ": " << items.join(QStringLiteral(", ")) << '\n';
    }
    return 0;
}
