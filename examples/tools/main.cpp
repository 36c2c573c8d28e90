// A function-call round trip: the model is offered a tool, asks for it to be
// called, the program runs it and sends the result back, and the model
// answers with it. The same code works with every provider that has tools
// (OpenAI, Anthropic, Gemini, Mistral, …): Muxi translates the shapes.
//   example-tools [MODEL] PROMPT
//   example-tools anthropic/claude-3-5-haiku-latest "What is the weather in Paris?"

#include <muxi/client.h>
#include <muxi/providers/builtinproviders.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace {

// The "tool": a real program would look the weather up.
QJsonObject weatherIn(const QString &city)
{
    const bool coastal = city.compare(QStringLiteral("Lisbon"), Qt::CaseInsensitive) == 0;
    return {{QStringLiteral("city"), city}, {QStringLiteral("temperature_c"), coastal ? 21 : 14}, {QStringLiteral("sky"), coastal ? QStringLiteral("sunny") : QStringLiteral("cloudy")}};
}

muxi::Tool weatherTool()
{
    muxi::Tool tool;
    tool.name = QStringLiteral("get_weather");
    tool.description = QStringLiteral("The current weather in a city.");
    tool.parameters = QJsonObject{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"), QJsonObject{{QStringLiteral("city"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}},
        {QStringLiteral("required"), QJsonArray{QStringLiteral("city")}},
    };
    return tool;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments().mid(1);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.isEmpty() || arguments.size() > 2) {
        err << "usage: example-tools [MODEL] PROMPT\n";
        return 2;
    }

    muxi::Client client(muxi::builtinRegistry());
    muxi::ChatRequest request;
    request.model = arguments.size() == 2 ? arguments.first() : QStringLiteral("openai/gpt-4o-mini");
    request.messages = {muxi::Message::user(arguments.last())};
    request.tools = {weatherTool()};

    muxi::Expected<muxi::ChatCompletion> result = client.chatBlocking(request);
    // Up to three rounds: the model may want the tool more than once.
    for (int round = 0; result && round < 3; ++round) {
        if (result->choices.isEmpty() || result->choices.first().message.toolCalls.isEmpty())
            break;
        const muxi::Message &asked = result->choices.first().message;
        // The assistant turn with its calls goes back first, then one result per call id.
        request.messages.append(asked);
        for (const muxi::ToolCall &call : asked.toolCalls) {
            // The arguments are the model's own JSON text and may be invalid: say so to the model.
            QJsonParseError parseError;
            const QJsonObject arguments = QJsonDocument::fromJson(call.arguments.toUtf8(), &parseError).object();
            QString answer;
            if (call.name != QLatin1String("get_weather"))
                answer = QStringLiteral("error: no tool named %1").arg(call.name);
            else if (parseError.error != QJsonParseError::NoError || !arguments.value(QStringLiteral("city")).isString())
                answer = QStringLiteral("error: arguments must be {\"city\": string}");
            else
                answer = QString::fromUtf8(QJsonDocument(weatherIn(arguments.value(QStringLiteral("city")).toString())).toJson(QJsonDocument::Compact));
            out << "tool call: " << call.name << ' ' << call.arguments << " -> " << answer << '\n';
            request.messages.append(muxi::Message::toolResult(call.id, answer));
        }
        result = client.chatBlocking(request);
    }
    if (!result) {
        err << "error: " << result.error().toString() << '\n';
        return 1;
    }
    out << "answer: " << result->text() << '\n';
    return 0;
}
