#include "tokenscommand.h"

#include "readprompt.h"

#include <muxi/modelid.h>
#include <muxi/tokencounter.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace muxi::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("muxi::cli::TokensCommand", text);
}

Error usageError(const QString &message)
{
    Error error(Error::Kind::BadRequest, message);
    error.code = QStringLiteral("usage");
    return error;
}

// A JSON array of OpenAI chat messages, or a chat request holding one; "-" reads standard input.
Expected<QList<Message>> readMessages(const QString &path)
{
    QFile file(path);
    const bool opened = path == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly) : file.open(QIODevice::ReadOnly);
    if (!opened)
        return usageError(tr("cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return usageError(tr("%1 is not JSON: %2").arg(path, parseError.errorString()));
    const QJsonArray array = document.isArray() ? document.array() : document.object().value(QLatin1String("messages")).toArray();
    if (array.isEmpty())
        return usageError(tr("%1 holds no messages (expected an array of messages or an object with \"messages\")").arg(path));
    QList<Message> messages;
    for (const QJsonValue &value : array)
        messages.append(Message::fromJson(value.toObject()));
    return messages;
}
}

int TokensCommand::run(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Count the tokens of a text or a conversation for a model, without sending anything."));
    const QCommandLineOption modelOption({QStringLiteral("m"), QStringLiteral("model")}, tr("Model as provider/model."), tr("model"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print JSON."));
    const QCommandLineOption messagesOption(QStringLiteral("messages"),
                                            tr("Count a conversation: a JSON file (- for standard input) with an array of chat messages "
                                               "or a chat request."),
                                            tr("file"));
    parser.addOptions({modelOption, jsonOption, messagesOption});
    parser.addPositionalArgument(QStringLiteral("text"), tr("Text to count; - reads standard input."));
    if (const std::optional<int> done = context.parse(parser))
        return *done;

    const QString model = parser.isSet(modelOption) ? parser.value(modelOption) : context.client.configuration().defaultModel();
    QStringList providers;
    for (const ProviderInfo &info : context.client.providers())
        providers.append(info.id);
    if (const Expected<ModelId> id = ModelId::parse(model, providers); !id)
        return context.fail(id.error());

    Expected<TokenCount> count = TokenCount();
    if (parser.isSet(messagesOption)) {
        if (!parser.positionalArguments().isEmpty())
            return context.usage(tr("tokens takes either --messages or a text, not both"));
        const Expected<QList<Message>> messages = readMessages(parser.value(messagesOption));
        if (!messages)
            return context.fail(messages.error());
        count = TokenCounter::countMessages(model, *messages);
    } else {
        const Expected<QString> text = readPrompt(parser.positionalArguments());
        if (!text)
            return context.fail(text.error());
        count = TokenCounter::countText(model, *text);
    }
    if (!count)
        return context.fail(count.error());

    if (parser.isSet(jsonOption))
        context.out << QJsonDocument(count->toJson()).toJson(QJsonDocument::Compact) << Qt::endl;
    else
        context.out << tr("%1 tokens (%2, %3)").arg(count->tokens).arg(count->method(), count->encoding) << Qt::endl;
    return 0;
}

} // namespace muxi::cli
