#include "fakeopenai.h"

#include <fixtures.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace muxi::test {

namespace {

QJsonObject errorBody(const QString &message, const QString &type, const QString &code = {})
{
    return {{QStringLiteral("error"),
             QJsonObject{{QStringLiteral("message"), message}, {QStringLiteral("type"), type}, {QStringLiteral("code"), code.isEmpty() ? QJsonValue() : QJsonValue(code)}}}};
}

QJsonObject usage(int prompt, int completion)
{
    return {{QStringLiteral("prompt_tokens"), prompt}, {QStringLiteral("completion_tokens"), completion}, {QStringLiteral("total_tokens"), prompt + completion}};
}

QJsonObject lastMessage(const QJsonObject &request)
{
    return request.value(QLatin1String("messages")).toArray().last().toObject();
}

// The text of a message whose content is a string or a list of parts.
QString textOf(const QJsonObject &message)
{
    const QJsonValue content = message.value(QLatin1String("content"));
    if (content.isString())
        return content.toString();
    QStringList texts;
    for (const QJsonValue &part : content.toArray()) {
        if (part.toObject().value(QLatin1String("type")).toString() == QLatin1String("text"))
            texts.append(part.toObject().value(QLatin1String("text")).toString());
    }
    return texts.join(QLatin1Char(' '));
}

// A made-up but deterministic embedding: letter frequencies, so texts sharing
// letters come out close and the example's similarities are predictable.
QList<float> letterVector(const QString &text)
{
    QList<float> vector(26, 0.0f);
    for (const QChar c : text.toLower()) {
        if (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            vector[c.unicode() - 'a'] += 1.0f;
    }
    double norm = 0;
    for (float v : vector)
        norm += double(v) * v;
    if (norm > 0) {
        for (float &v : vector)
            v = float(v / std::sqrt(norm));
    }
    return vector;
}

QByteArray float32Base64(const QList<float> &vector)
{
    QByteArray bytes;
    for (float v : vector) {
        quint32 bits;
        std::memcpy(&bits, &v, sizeof bits);
        for (int i = 0; i < 4; ++i)
            bytes.append(char((bits >> (8 * i)) & 0xff));
    }
    return bytes.toBase64();
}

} // namespace

FakeOpenAi::FakeOpenAi(const QString &apiKey, QObject *parent)
    : QObject(parent)
    , m_apiKey(apiKey)
{
    m_server.route("POST", "/v1/chat/completions", [this](const RecordedRequest &request) {
        return chat(request);
    });
    m_server.route("POST", "/v1/embeddings", [this](const RecordedRequest &request) {
        return embeddings(request);
    });
}

QUrl FakeOpenAi::baseUrl() const
{
    return m_server.url(QStringLiteral("/v1"));
}

int FakeOpenAi::chatRequests(const QString &model) const
{
    return m_chatRequests.value(model);
}

ScriptedResponse FakeOpenAi::chat(const RecordedRequest &recorded)
{
    if (recorded.header("Authorization") != "Bearer " + m_apiKey.toUtf8())
        return ScriptedResponse::json(401, fixture(QStringLiteral("openai/error-401.json")));
    const QJsonObject request = recorded.json();
    const QString model = request.value(QLatin1String("model")).toString();
    const int seen = m_chatRequests[model]++;

    if (model == QLatin1String("overloaded-model"))
        return ScriptedResponse::json(503, errorBody(QStringLiteral("The engine is currently overloaded, please try again later"), QStringLiteral("server_error")));
    if (model == QLatin1String("flaky-model") && seen == 0)
        return ScriptedResponse::json(429, fixture(QStringLiteral("openai/error-429-rate.json")), {{"retry-after-ms", "20"}});

    if (request.value(QLatin1String("stream")).toBool())
        return ScriptedResponse::sseBytes(fixture(QStringLiteral("examples/stream-joke.sse")), 64);
    if (!request.value(QLatin1String("tools")).toArray().isEmpty())
        return toolTurn(request);
    const QJsonObject format = request.value(QLatin1String("response_format")).toObject();
    if (format.value(QLatin1String("type")).toString() == QLatin1String("json_object")) {
        const QJsonObject colours{{QStringLiteral("colours"), QJsonArray{QStringLiteral("red"), QStringLiteral("yellow"), QStringLiteral("blue")}},
                                  {QStringLiteral("count"), 3}};
        return answer(request, {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QString::fromUtf8(QJsonDocument(colours).toJson(QJsonDocument::Compact))}}, QStringLiteral("stop"));
    }
    const QJsonObject last = lastMessage(request);
    if (last.value(QLatin1String("content")).isArray())
        return describeParts(request, last.value(QLatin1String("content")).toArray());
    const QString reply = model == QLatin1String("flaky-model") ? QStringLiteral("Hello after a retry.") : QStringLiteral("You said: ") + textOf(last);
    return answer(request, {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), reply}}, QStringLiteral("stop"));
}

ScriptedResponse FakeOpenAi::answer(const QJsonObject &request, const QJsonObject &message, const QString &finishReason) const
{
    const QJsonObject completion{
        {QStringLiteral("id"), QStringLiteral("chatcmpl-example")},
        {QStringLiteral("object"), QStringLiteral("chat.completion")},
        {QStringLiteral("created"), 1},
        {QStringLiteral("model"), request.value(QLatin1String("model")).toString()},
        {QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("index"), 0}, {QStringLiteral("message"), message}, {QStringLiteral("finish_reason"), finishReason}}}},
        {QStringLiteral("usage"), usage(20, 8)},
    };
    return ScriptedResponse::json(200, completion);
}

// Asks for get_weather in the city the user named, then answers from the
// tool's result once it is in the conversation.
ScriptedResponse FakeOpenAi::toolTurn(const QJsonObject &request) const
{
    const QJsonObject last = lastMessage(request);
    if (last.value(QLatin1String("role")).toString() == QLatin1String("tool")) {
        const QJsonObject weather = QJsonDocument::fromJson(last.value(QLatin1String("content")).toString().toUtf8()).object();
        const QString text = QStringLiteral("It is %1 °C and %2 in %3 (call %4).")
                                 .arg(weather.value(QLatin1String("temperature_c")).toInt())
                                 .arg(weather.value(QLatin1String("sky")).toString(), weather.value(QLatin1String("city")).toString(),
                                      last.value(QLatin1String("tool_call_id")).toString());
        return answer(request, {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), text}}, QStringLiteral("stop"));
    }
    const QRegularExpressionMatch city = QRegularExpression(QStringLiteral("in ([A-Z][a-z]+)")).match(textOf(last));
    const QJsonObject arguments{{QStringLiteral("city"), city.hasMatch() ? city.captured(1) : QStringLiteral("Paris")}};
    const QJsonObject call{
        {QStringLiteral("id"), QStringLiteral("call_weather_1")},
        {QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), QStringLiteral("get_weather")}, {QStringLiteral("arguments"), QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact))}}},
    };
    return answer(request, {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QJsonValue()}, {QStringLiteral("tool_calls"), QJsonArray{call}}},
                  QStringLiteral("tool_calls"));
}

// Says what arrived: each image's MIME type and size from its data URL, each
// audio clip's format and size.
ScriptedResponse FakeOpenAi::describeParts(const QJsonObject &request, const QJsonArray &parts) const
{
    QStringList seen;
    for (const QJsonValue &value : parts) {
        const QJsonObject part = value.toObject();
        const QString type = part.value(QLatin1String("type")).toString();
        if (type == QLatin1String("text")) {
            seen.append(QStringLiteral("text \"%1\"").arg(part.value(QLatin1String("text")).toString()));
        } else if (type == QLatin1String("image_url")) {
            const QString url = part.value(QLatin1String("image_url")).toObject().value(QLatin1String("url")).toString();
            const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("^data:([^;]+);base64,(.*)$")).match(url);
            if (!m.hasMatch())
                return ScriptedResponse::json(400, errorBody(QStringLiteral("image_url must be a data URL here"), QStringLiteral("invalid_request_error")));
            seen.append(QStringLiteral("%1 image of %2 bytes").arg(m.captured(1)).arg(QByteArray::fromBase64(m.captured(2).toLatin1()).size()));
        } else if (type == QLatin1String("input_audio")) {
            const QJsonObject audio = part.value(QLatin1String("input_audio")).toObject();
            seen.append(QStringLiteral("%1 audio of %2 bytes")
                            .arg(audio.value(QLatin1String("format")).toString())
                            .arg(QByteArray::fromBase64(audio.value(QLatin1String("data")).toString().toLatin1()).size()));
        } else {
            seen.append(QStringLiteral("a %1 part").arg(type));
        }
    }
    return answer(request, {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QStringLiteral("I received ") + seen.join(QStringLiteral(", ")) + QLatin1Char('.')}},
                  QStringLiteral("stop"));
}

ScriptedResponse FakeOpenAi::embeddings(const RecordedRequest &recorded)
{
    if (recorded.header("Authorization") != "Bearer " + m_apiKey.toUtf8())
        return ScriptedResponse::json(401, fixture(QStringLiteral("openai/error-401.json")));
    const QJsonObject request = recorded.json();
    const QJsonValue input = request.value(QLatin1String("input"));
    const QJsonArray texts = input.isArray() ? input.toArray() : QJsonArray{input};
    const bool base64 = request.value(QLatin1String("encoding_format")).toString() == QLatin1String("base64");
    QJsonArray data;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const QList<float> vector = letterVector(texts.at(i).toString());
        QJsonValue encoded;
        if (base64) {
            encoded = QString::fromLatin1(float32Base64(vector));
        } else {
            QJsonArray floats;
            for (float v : vector)
                floats.append(double(v));
            encoded = floats;
        }
        data.append(QJsonObject{{QStringLiteral("object"), QStringLiteral("embedding")}, {QStringLiteral("index"), int(i)}, {QStringLiteral("embedding"), encoded}});
    }
    return ScriptedResponse::json(200, QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                                                   {QStringLiteral("model"), request.value(QLatin1String("model")).toString()},
                                                   {QStringLiteral("data"), data},
                                                   {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), int(texts.size()) * 2}, {QStringLiteral("total_tokens"), int(texts.size()) * 2}}}});
}

} // namespace muxi::test
