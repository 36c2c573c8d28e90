#include "completecommand.h"

#include "readprompt.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

namespace muxi::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::cli::CompleteCommand", text);
}
}

int CompleteCommand::run(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Complete a prompt with a legacy completions model."));
    const QCommandLineOption modelOption({QStringLiteral("m"), QStringLiteral("model")}, tr("Model as provider/model."), tr("model"));
    const QCommandLineOption streamOption(QStringLiteral("stream"), tr("Print the text as it is generated."));
    const QCommandLineOption maxTokensOption(QStringLiteral("max-tokens"), tr("Cap on generated tokens."), tr("n"));
    const QCommandLineOption outputOption(QStringLiteral("output"), tr("text (default) or json."), tr("format"), QStringLiteral("text"));
    parser.addOptions({modelOption, streamOption, maxTokensOption, outputOption});
    parser.addPositionalArgument(QStringLiteral("prompt"), tr("The prompt, or - to read it from standard input."));
    if (const std::optional<int> done = context.parse(parser))
        return *done;
    if (!parser.isSet(modelOption))
        return context.usage(tr("complete needs -m MODEL"));
    const Expected<QString> prompt = readPrompt(parser.positionalArguments());
    if (!prompt)
        return context.usage(prompt.error().message);

    CompletionRequest request;
    request.model = parser.value(modelOption);
    request.prompt = *prompt;
    request.stream = parser.isSet(streamOption);
    if (parser.isSet(maxTokensOption)) {
        bool ok = false;
        request.maxTokens = parser.value(maxTokensOption).toInt(&ok);
        if (!ok || *request.maxTokens <= 0)
            return context.usage(tr("--max-tokens takes a positive whole number"));
    }
    const bool printJson = parser.value(outputOption) == QLatin1String("json");
    Reply *reply = context.client.complete(request);
    bool printedDelta = false;
    if (request.stream && !printJson) {
        QObject::connect(reply, &Reply::delta, reply, [&](const QString &text, int choiceIndex) {
            if (choiceIndex == 0) {
                context.out << text;
                context.out.flush();
                printedDelta = true;
            }
        });
    }
    reply->waitForFinished();
    if (printedDelta)
        context.out << Qt::endl;
    if (reply->hasError())
        return context.fail(reply->failure());
    if (printJson)
        context.out << QJsonDocument(reply->completion().toJson()).toJson(QJsonDocument::Indented);
    else if (!request.stream)
        context.out << reply->completion().text() << Qt::endl;
    return 0;
}

} // namespace muxi::cli
