#include <muxi/jsonmodeemulation.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace muxi {

ChatRequest JsonModeEmulation::adapt(const ChatRequest &request)
{
    ChatRequest adapted = request;
    const ResponseFormat format = request.responseFormat.value_or(ResponseFormat());
    adapted.responseFormat.reset();
    // The instruction is for the model, not the user: it stays in English, the
    // language models follow most reliably.
    QString instruction = QStringLiteral("Respond with a single valid JSON object and nothing else: no prose, no Markdown code fence.");
    if (format.type == ResponseFormat::Type::JsonSchema && !format.schema.isEmpty()) {
        instruction += QStringLiteral(" The object must conform to this JSON Schema:\n")
            + QString::fromUtf8(QJsonDocument(format.schema).toJson(QJsonDocument::Compact));
    }
    adapted.messages.prepend(Message::system(instruction));
    return adapted;
}

std::optional<QString> JsonModeEmulation::extract(const QString &answer, const ResponseFormat &format, QString *error)
{
    QString text = answer.trimmed();
    static const QRegularExpression fence(QStringLiteral("^```[A-Za-z]*\\s*\\n(.*)\\n\\s*```$"), QRegularExpression::DotMatchesEverythingOption);
    if (const QRegularExpressionMatch match = fence.match(text); match.hasMatch())
        text = match.captured(1).trimmed();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = parseError.errorString();
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("the answer is JSON but not an object");
        return std::nullopt;
    }
    if (format.type == ResponseFormat::Type::JsonSchema) {
        const QJsonArray required = format.schema.value(QLatin1String("required")).toArray();
        for (const QJsonValue &field : required) {
            if (!document.object().contains(field.toString())) {
                *error = QStringLiteral("the required property \"%1\" is missing").arg(field.toString());
                return std::nullopt;
            }
        }
    }
    return text;
}

ChatRequest JsonModeEmulation::repair(const ChatRequest &adapted, const QString &badAnswer, const QString &error)
{
    ChatRequest repaired = adapted;
    repaired.messages.append(Message::assistant(badAnswer));
    repaired.messages.append(Message::user(
        QStringLiteral("That answer is not valid JSON (%1). Reply again with only the corrected JSON object.").arg(error)));
    return repaired;
}

} // namespace muxi
