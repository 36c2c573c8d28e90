#include "sse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace muxi::test {

QList<QByteArray> sseEvents(const QByteArray &stream)
{
    QList<QByteArray> events;
    qsizetype start = 0;
    while (start < stream.size()) {
        qsizetype end = stream.indexOf("\n\n", start);
        end = end < 0 ? stream.size() : end + 2;
        events.append(stream.mid(start, end - start));
        start = end;
    }
    return events;
}

QList<QByteArray> openAiStream(const QString &model, const QStringList &pieces, int promptTokens, int completionTokens)
{
    const auto event = [&model](const QJsonArray &choices, const QJsonValue &usage) {
        const QJsonObject chunk{
            {QLatin1String("id"), QLatin1String("chatcmpl-compare")},
            {QLatin1String("object"), QLatin1String("chat.completion.chunk")},
            {QLatin1String("created"), 1},
            {QLatin1String("model"), model},
            {QLatin1String("choices"), choices},
            {QLatin1String("usage"), usage},
        };
        return QByteArray("data: ") + QJsonDocument(chunk).toJson(QJsonDocument::Compact) + "\n\n";
    };
    const auto choice = [](const QJsonObject &delta, const QJsonValue &finish) {
        return QJsonArray{QJsonObject{{QLatin1String("index"), 0}, {QLatin1String("delta"), delta}, {QLatin1String("finish_reason"), finish}}};
    };
    QList<QByteArray> events;
    events.append(event(choice({{QLatin1String("role"), QLatin1String("assistant")}, {QLatin1String("content"), QString()}}, QJsonValue::Null),
                        QJsonValue::Null));
    for (const QString &piece : pieces)
        events.append(event(choice({{QLatin1String("content"), piece}}, QJsonValue::Null), QJsonValue::Null));
    events.append(event(choice({}, QLatin1String("stop")), QJsonValue::Null));
    events.append(event(QJsonArray(), QJsonObject{{QLatin1String("prompt_tokens"), promptTokens},
                                                   {QLatin1String("completion_tokens"), completionTokens},
                                                   {QLatin1String("total_tokens"), promptTokens + completionTokens}}));
    events.append(QByteArray("data: [DONE]\n\n"));
    return events;
}

} // namespace muxi::test
