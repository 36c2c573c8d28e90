#include "embedcommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

namespace muxi::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::cli::EmbedCommand", text);
}
}

int EmbedCommand::run(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Embed one or more texts."));
    const QCommandLineOption modelOption({QStringLiteral("m"), QStringLiteral("model")}, tr("Model as provider/model."), tr("model"));
    const QCommandLineOption dimensionsOption(QStringLiteral("dimensions"), tr("Output dimensions, where the model allows it."), tr("n"));
    const QCommandLineOption inputTypeOption(QStringLiteral("input-type"), tr("Retrieval role for providers that need one."), tr("type"));
    const QCommandLineOption formatOption(QStringLiteral("encoding-format"), tr("float or base64 on the wire."), tr("format"));
    const QCommandLineOption noFallbackOption(QStringLiteral("no-fallback"),
                                              tr("Try only this model: no configured or default fallback chain."));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"), tr("Print every attempt to stderr."));
    parser.addOptions({modelOption, dimensionsOption, inputTypeOption, formatOption, noFallbackOption, verboseOption});
    parser.addPositionalArgument(QStringLiteral("text"), tr("Texts to embed."));
    if (const std::optional<int> done = context.parse(parser))
        return *done;
    if (!parser.isSet(modelOption))
        return context.usage(tr("embed needs -m MODEL"));
    if (parser.positionalArguments().isEmpty())
        return context.usage(tr("embed needs at least one text"));

    EmbeddingRequest request;
    request.model = parser.value(modelOption);
    request.input = parser.positionalArguments();
    request.inputType = parser.value(inputTypeOption);
    request.encodingFormat = parser.value(formatOption);
    if (parser.isSet(dimensionsOption)) {
        bool ok = false;
        request.dimensions = parser.value(dimensionsOption).toInt(&ok);
        if (!ok || *request.dimensions <= 0)
            return context.usage(tr("--dimensions takes a positive whole number"));
    }
    if (parser.isSet(noFallbackOption))
        context.client.configuration().setFallbackChain(request.model, {});
    QList<AttemptRecord> attempts;
    const Expected<EmbeddingResponse> response = context.client.embedBlocking(request, &attempts);
    if (parser.isSet(verboseOption))
        context.printAttempts(attempts);
    if (!response)
        return context.fail(response.error());
    context.out << QJsonDocument(response->toJson()).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}

} // namespace muxi::cli
