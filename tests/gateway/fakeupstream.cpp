#include "fakeupstream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

namespace muxi::test {

namespace {
QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject chunk(const QString &model, const QJsonObject &delta, const QJsonValue &finish = QJsonValue())
{
    return QJsonObject{{QLatin1String("id"), QLatin1String("chatcmpl-fake")},
                       {QLatin1String("object"), QLatin1String("chat.completion.chunk")},
                       {QLatin1String("created"), 1},
                       {QLatin1String("model"), model},
                       {QLatin1String("choices"),
                        QJsonArray{QJsonObject{{QLatin1String("index"), 0}, {QLatin1String("delta"), delta}, {QLatin1String("finish_reason"), finish}}}}};
}

QByteArray event(const QJsonObject &object)
{
    return "data: " + compact(object) + "\n\n";
}

QJsonObject usage(int prompt, int completion)
{
    return QJsonObject{{QLatin1String("prompt_tokens"), prompt}, {QLatin1String("completion_tokens"), completion}, {QLatin1String("total_tokens"), prompt + completion}};
}

QByteArray usageEvent(const QString &model, int prompt, int completion)
{
    QJsonObject last = chunk(model, {});
    last.insert(QLatin1String("choices"), QJsonArray());
    last.insert(QLatin1String("usage"), usage(prompt, completion));
    return event(last);
}

QList<QByteArray> textStream(const QString &model, const QStringList &pieces, int completionTokens)
{
    QList<QByteArray> events{event(chunk(model, {{QLatin1String("role"), QLatin1String("assistant")}, {QLatin1String("content"), QString()}}))};
    for (const QString &piece : pieces)
        events.append(event(chunk(model, {{QLatin1String("content"), piece}})));
    events.append(event(chunk(model, {}, QLatin1String("stop"))));
    events.append(usageEvent(model, 9, completionTokens));
    events.append("data: [DONE]\n\n");
    return events;
}

ScriptedResponse completionWith(const QString &model, const QJsonObject &message, const QString &finish)
{
    return ScriptedResponse::json(200, QJsonObject{{QLatin1String("id"), QLatin1String("chatcmpl-fake")},
                                                   {QLatin1String("object"), QLatin1String("chat.completion")},
                                                   {QLatin1String("created"), 1},
                                                   {QLatin1String("model"), model},
                                                   {QLatin1String("choices"), QJsonArray{QJsonObject{{QLatin1String("index"), 0},
                                                                                                     {QLatin1String("message"), message},
                                                                                                     {QLatin1String("finish_reason"), finish}}}},
                                                   {QLatin1String("usage"), usage(9, 3)}});
}

ScriptedResponse error(int status, const QString &message, const QString &type, const QString &code, Headers headers = {})
{
    return ScriptedResponse::json(status,
                                  QJsonObject{{QLatin1String("error"), QJsonObject{{QLatin1String("message"), message},
                                                                                   {QLatin1String("type"), type},
                                                                                   {QLatin1String("param"), QJsonValue()},
                                                                                   {QLatin1String("code"), code.isEmpty() ? QJsonValue() : QJsonValue(code)}}}},
                                  std::move(headers));
}

std::optional<ScriptedResponse> failure(const QString &model, const RecordedRequest &request)
{
    if (model == QLatin1String("gpt-429"))
        return error(429, QStringLiteral("Rate limit reached for gpt-429 on requests per min (RPM): Limit 3, Used 3"), QStringLiteral("requests"),
                     QStringLiteral("rate_limit_exceeded"), {{"retry-after", "7"}});
    if (model == QLatin1String("gpt-401")) {
        // Real providers echo part of a wrong key back; this one echoes all of it.
        const QByteArray key = request.header("authorization").mid(7);
        return error(401, FakeUpstream::canaryKeyEcho() + QString::fromUtf8(key), QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key"));
    }
    if (model == QLatin1String("gpt-404"))
        return error(404, QStringLiteral("The model `gpt-404` does not exist or you do not have access to it."), QStringLiteral("invalid_request_error"),
                     QStringLiteral("model_not_found"));
    if (model == QLatin1String("gpt-context"))
        return error(400, QStringLiteral("This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens."),
                     QStringLiteral("invalid_request_error"), QStringLiteral("context_length_exceeded"));
    if (model == QLatin1String("gpt-500"))
        return error(500, QStringLiteral("The server had an error while processing your request."), QStringLiteral("server_error"), {});
    if (model == QLatin1String("gpt-502"))
        return error(502, QStringLiteral("Bad gateway."), QStringLiteral("server_error"), {});
    if (model == QLatin1String("gpt-503"))
        return error(503, QStringLiteral("The engine is currently overloaded, please try again later."), QStringLiteral("server_error"), {});
    return std::nullopt;
}
}

FakeUpstream::FakeUpstream(FakeHttpServer &server)
{
    server.route("POST", "/v1/chat/completions", [this](const RecordedRequest &r) {
        return chat(r);
    });
    server.route("POST", "/v1/completions", [this](const RecordedRequest &r) {
        return completion(r);
    });
    server.route("POST", "/v1/embeddings", [this](const RecordedRequest &r) {
        return embeddings(r);
    });
    server.route("GET", "/v1/models", [](const RecordedRequest &) {
        QJsonArray data;
        for (const char *id : {"gpt-ok", "gpt-long", "gpt-tools", "gpt-echo", "text-embedding-3-small"})
            data.append(QJsonObject{{QLatin1String("id"), QLatin1String(id)},
                                    {QLatin1String("object"), QLatin1String("model")},
                                    {QLatin1String("created"), 1700000000},
                                    {QLatin1String("owned_by"), QLatin1String("fake")}});
        return ScriptedResponse::json(200, QJsonObject{{QLatin1String("object"), QLatin1String("list")}, {QLatin1String("data"), data}});
    });
}

ScriptedResponse FakeUpstream::chat(const RecordedRequest &request)
{
    const QJsonObject body = request.json();
    const QString model = body.value(QLatin1String("model")).toString();
    const bool stream = body.value(QLatin1String("stream")).toBool();
    ++m_calls[model];
    if (const std::optional<ScriptedResponse> failed = failure(model, request))
        return *failed;

    if (model == QLatin1String("gpt-echo")) {
        // What the provider received, as the answer's text, so a test can check what the gateway sent on.
        const QString text = QString::fromUtf8(request.body);
        if (!stream)
            return completionWith(model, {{QLatin1String("role"), QLatin1String("assistant")}, {QLatin1String("content"), text}}, QStringLiteral("stop"));
        return ScriptedResponse::sse(textStream(model, {text}, 3));
    }
    if (model == QLatin1String("gpt-tools")) {
        const QString arguments = QStringLiteral("{\"city\":\"Paris\",\"days\":3}");
        if (!stream) {
            const QJsonArray calls{QJsonObject{{QLatin1String("id"), QLatin1String("call_weather_1")},
                                               {QLatin1String("type"), QLatin1String("function")},
                                               {QLatin1String("function"),
                                                QJsonObject{{QLatin1String("name"), QLatin1String("get_weather")}, {QLatin1String("arguments"), arguments}}}}};
            return completionWith(model, {{QLatin1String("role"), QLatin1String("assistant")}, {QLatin1String("content"), QJsonValue()}, {QLatin1String("tool_calls"), calls}},
                                  QStringLiteral("tool_calls"));
        }
        QList<QByteArray> events;
        auto toolDelta = [&](const QJsonObject &function, bool first) {
            QJsonObject call{{QLatin1String("index"), 0}, {QLatin1String("function"), function}};
            if (first) {
                call.insert(QLatin1String("id"), QLatin1String("call_weather_1"));
                call.insert(QLatin1String("type"), QLatin1String("function"));
            }
            return chunk(model, {{QLatin1String("tool_calls"), QJsonArray{call}}});
        };
        events.append(event(toolDelta({{QLatin1String("name"), QLatin1String("get_weather")}, {QLatin1String("arguments"), QString()}}, true)));
        for (qsizetype at = 0; at < arguments.size(); at += 5)
            events.append(event(toolDelta({{QLatin1String("arguments"), arguments.mid(at, 5)}}, false)));
        events.append(event(chunk(model, {}, QLatin1String("tool_calls"))));
        events.append(usageEvent(model, 20, 12));
        events.append("data: [DONE]\n\n");
        return ScriptedResponse::sse(events);
    }
    if (model == QLatin1String("gpt-long")) {
        QStringList pieces;
        for (int i = 0; i < 200; ++i)
            pieces.append(QStringLiteral("t%1 ").arg(i));
        if (!stream)
            return completionWith(model, {{QLatin1String("role"), QLatin1String("assistant")}, {QLatin1String("content"), pieces.join(QString())}},
                                  QStringLiteral("stop"));
        return ScriptedResponse::sse(textStream(model, pieces, 200));
    }
    if (model == QLatin1String("gpt-slow")) {
        QStringList pieces;
        for (int i = 0; i < 1200; ++i)
            pieces.append(QStringLiteral("slow%1 ").arg(i));
        return ScriptedResponse::sse(textStream(model, pieces, 1200), 100);
    }
    if (model == QLatin1String("gpt-cut")) {
        ScriptedResponse cut = ScriptedResponse::sse(textStream(model, {QStringLiteral("Hel"), QStringLiteral("lo")}, 2).mid(0, 3));
        cut.cut = true;
        return cut;
    }
    if (!stream)
        return completionWith(model, {{QLatin1String("role"), QLatin1String("assistant")}, {QLatin1String("content"), QLatin1String("Hello there.")}},
                              QStringLiteral("stop"));
    return ScriptedResponse::sse(textStream(model, {QStringLiteral("Hel"), QStringLiteral("lo")}, 2));
}

ScriptedResponse FakeUpstream::completion(const RecordedRequest &request)
{
    const QJsonObject body = request.json();
    const QString model = body.value(QLatin1String("model")).toString();
    ++m_calls[model];
    if (const std::optional<ScriptedResponse> failed = failure(model, request))
        return *failed;
    auto piece = [&](const QString &text, const QJsonValue &finish) {
        return QJsonObject{{QLatin1String("id"), QLatin1String("cmpl-fake")},
                           {QLatin1String("object"), QLatin1String("text_completion")},
                           {QLatin1String("created"), 1},
                           {QLatin1String("model"), model},
                           {QLatin1String("choices"), QJsonArray{QJsonObject{{QLatin1String("index"), 0},
                                                                             {QLatin1String("text"), text},
                                                                             {QLatin1String("finish_reason"), finish},
                                                                             {QLatin1String("logprobs"), QJsonValue()}}}}};
    };
    if (!body.value(QLatin1String("stream")).toBool()) {
        QJsonObject whole = piece(QStringLiteral("once upon a time"), QLatin1String("stop"));
        whole.insert(QLatin1String("usage"), usage(4, 4));
        return ScriptedResponse::json(200, whole);
    }
    return ScriptedResponse::sse({event(piece(QStringLiteral("once "), QJsonValue())), event(piece(QStringLiteral("upon a time"), QJsonValue())),
                                  event(piece(QString(), QLatin1String("stop"))), "data: [DONE]\n\n"});
}

ScriptedResponse FakeUpstream::embeddings(const RecordedRequest &request)
{
    const QJsonObject body = request.json();
    const QString model = body.value(QLatin1String("model")).toString();
    ++m_calls[model];
    if (const std::optional<ScriptedResponse> failed = failure(model, request))
        return *failed;
    const QJsonValue input = body.value(QLatin1String("input"));
    const qsizetype count = input.isArray() ? input.toArray().size() : 1;
    const bool base64 = body.value(QLatin1String("encoding_format")).toString() == QLatin1String("base64");
    const QList<float> vector{0.5f, -1.25f, 2.0f, 0.0078125f};
    QJsonArray data;
    for (qsizetype i = 0; i < count; ++i) {
        // Each input gets its own vector: the index scaled in, so order is checkable.
        QList<float> scaled = vector;
        scaled[3] = float(i);
        QJsonValue embedding;
        if (base64) {
            QByteArray bytes(scaled.size() * 4, Qt::Uninitialized);
            for (qsizetype j = 0; j < scaled.size(); ++j)
                qToLittleEndian(scaled.at(j), bytes.data() + j * 4);
            embedding = QString::fromLatin1(bytes.toBase64());
        } else {
            QJsonArray numbers;
            for (float f : scaled)
                numbers.append(double(f));
            embedding = numbers;
        }
        data.append(QJsonObject{{QLatin1String("object"), QLatin1String("embedding")}, {QLatin1String("index"), int(i)}, {QLatin1String("embedding"), embedding}});
    }
    return ScriptedResponse::json(200, QJsonObject{{QLatin1String("object"), QLatin1String("list")},
                                                   {QLatin1String("data"), data},
                                                   {QLatin1String("model"), model},
                                                   {QLatin1String("usage"), QJsonObject{{QLatin1String("prompt_tokens"), 5}, {QLatin1String("total_tokens"), 5}}}});
}

} // namespace muxi::test
