#include "chatcommand.h"

#include "mcpserveroptions.h"
#include "readprompt.h"
#include "toolchat.h"

#include <muxi/attachmentloader.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace muxi::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::cli::ChatCommand", text);
}
}

int ChatCommand::run(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Send a chat prompt to a model."));
    const QCommandLineOption modelOption({QStringLiteral("m"), QStringLiteral("model")},
                                         tr("Model as provider/model; repeat to add fallbacks."), tr("model"));
    const QCommandLineOption systemOption(QStringLiteral("system"), tr("System prompt."), tr("text"));
    const QCommandLineOption streamOption(QStringLiteral("stream"), tr("Print the answer as it is generated."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Ask for a JSON object (JSON mode)."));
    const QCommandLineOption imageOption(QStringLiteral("image"), tr("Attach an image file or http(s) URL."), tr("file-or-url"));
    const QCommandLineOption audioOption(QStringLiteral("audio"), tr("Attach a WAV or MP3 file."), tr("file"));
    const QCommandLineOption temperatureOption(QStringLiteral("temperature"), tr("Sampling temperature."), tr("t"));
    const QCommandLineOption maxTokensOption(QStringLiteral("max-tokens"), tr("Cap on generated tokens."), tr("n"));
    const QCommandLineOption outputOption(QStringLiteral("output"), tr("text (default) or json."), tr("format"), QStringLiteral("text"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"), tr("Print every attempt to stderr."));
    const QCommandLineOption noFallbackOption(QStringLiteral("no-fallback"),
                                              tr("Try only the models given with -m: no configured or default fallback chain."));
    parser.addOptions({modelOption, systemOption, streamOption, jsonOption, imageOption, audioOption, temperatureOption,
                       maxTokensOption, outputOption, verboseOption, noFallbackOption});
    McpServerOptions mcpOptions(QStringLiteral("mcp"), QStringLiteral("mcp-url"), QStringLiteral("mcp-"));
    mcpOptions.addTo(parser);
    const QCommandLineOption toolOption(QStringLiteral("tool"), tr("Offer the model only this MCP tool (repeatable)."), tr("name"));
    const QCommandLineOption yesOption(QStringLiteral("yes"), tr("Run every tool call the model asks for without asking."));
    const QCommandLineOption maxStepsOption(QStringLiteral("max-steps"), tr("Tool rounds allowed before stopping (default 10)."), tr("n"),
                                            QStringLiteral("10"));
    parser.addOptions({toolOption, yesOption, maxStepsOption});
    parser.addPositionalArgument(QStringLiteral("prompt"), tr("The prompt, or - to read it from standard input."));
    if (const std::optional<int> done = context.parse(parser))
        return *done;

    const QString output = parser.value(outputOption);
    if (output != QLatin1String("text") && output != QLatin1String("json"))
        return context.usage(tr("--output takes text or json, not \"%1\"").arg(output));
    const Expected<QString> prompt = readPrompt(parser.positionalArguments());
    if (!prompt)
        return context.usage(prompt.error().message);

    ChatRequest request;
    const QStringList models = parser.values(modelOption);
    request.model = models.isEmpty() ? context.client.configuration().defaultModel() : models.first();
    request.fallbackModels = models.mid(1);
    // An empty chain of its own outranks the configured and the default chain.
    if (parser.isSet(noFallbackOption) && request.fallbackModels.isEmpty())
        context.client.configuration().setFallbackChain(request.model, {});
    if (parser.isSet(systemOption))
        request.messages.append(Message::system(parser.value(systemOption)));

    QList<ContentPart> parts{ContentPart::fromText(*prompt)};
    for (const QString &image : parser.values(imageOption)) {
        const Expected<ContentPart> part = AttachmentLoader::image(image);
        if (!part)
            return context.usage(part.error().message);
        parts.append(*part);
    }
    for (const QString &audio : parser.values(audioOption)) {
        const Expected<ContentPart> part = AttachmentLoader::audio(audio);
        if (!part)
            return context.usage(part.error().message);
        parts.append(*part);
    }
    request.messages.append(parts.size() == 1 ? Message::user(*prompt) : Message::user(parts));

    if (parser.isSet(temperatureOption)) {
        bool ok = false;
        request.temperature = parser.value(temperatureOption).toDouble(&ok);
        if (!ok)
            return context.usage(tr("--temperature takes a number"));
    }
    if (parser.isSet(maxTokensOption)) {
        bool ok = false;
        request.maxTokens = parser.value(maxTokensOption).toInt(&ok);
        if (!ok || *request.maxTokens <= 0)
            return context.usage(tr("--max-tokens takes a positive whole number"));
    }
    if (parser.isSet(jsonOption)) {
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonObject;
        request.responseFormat = format;
    }
    const bool printJson = output == QLatin1String("json");
    request.stream = parser.isSet(streamOption);

    if (parser.isSet(QStringLiteral("mcp")) || parser.isSet(QStringLiteral("mcp-url"))) {
        ToolChat::Options options;
        options.tools = parser.values(toolOption);
        options.approveAll = parser.isSet(yesOption);
        bool ok = false;
        options.maxSteps = parser.value(maxStepsOption).toInt(&ok);
        if (!ok || options.maxSteps <= 0)
            return context.usage(tr("--max-steps takes a positive whole number"));
        options.printJson = printJson;
        options.verbose = parser.isSet(verboseOption);
        return ToolChat::run(context, parser, mcpOptions, request, options);
    }
    if (parser.isSet(toolOption) || parser.isSet(yesOption))
        return context.usage(tr("--tool and --yes need MCP servers (--mcp or --mcp-url)"));

    Reply *reply = context.client.chat(request);
    bool printedDelta = false;
    if (request.stream && !printJson) {
        QObject::connect(reply, &Reply::delta, reply, [&](const QString &text, int choiceIndex) {
            if (choiceIndex != 0)
                return;
            context.out << text;
            context.out.flush();
            printedDelta = true;
        });
    }
    reply->waitForFinished();
    if (parser.isSet(verboseOption))
        context.printAttempts(reply->attempts());
    if (printedDelta) {
        context.out << Qt::endl;
    }
    if (reply->hasError())
        return context.fail(reply->failure());

    const ChatCompletion completion = reply->chatCompletion();
    if (printJson) {
        QJsonObject object = completion.toJson();
        QJsonArray attempts;
        for (const AttemptRecord &attempt : reply->attempts())
            attempts.append(attempt.toJson());
        object.insert(QLatin1String("x_muxi"),
                      QJsonObject{{QLatin1String("provider"), completion.provider},
                                  {QLatin1String("answered_by"), reply->answeredBy()},
                                  {QLatin1String("attempts"), attempts}});
        context.out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else if (!request.stream) {
        context.out << completion.text() << Qt::endl;
    }
    if (!printJson) {
        for (const ToolCall &call : completion.choices.value(0).message.toolCalls)
            context.out << tr("[tool call %1] %2(%3)").arg(call.id, call.name, call.arguments) << Qt::endl;
    }
    return 0;
}

} // namespace muxi::cli
