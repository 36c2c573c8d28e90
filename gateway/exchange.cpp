#include "exchange.h"

#include "anthropicmessages.h"
#include "budgets.h"
#include "gateway.h"
#include "httpresponse.h"
#include "sharedstate.h"

#include <muxi/completionrequest.h>
#include <muxi/embeddingrequest.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QUuid>
#include <QtEndian>

namespace muxi::gateway {

namespace {
QByteArray sseData(const QJsonObject &object)
{
    return "data: " + QJsonDocument(object).toJson(QJsonDocument::Compact) + "\n\n";
}

QByteArray float32Base64(const QList<float> &vector)
{
    QByteArray bytes(vector.size() * 4, Qt::Uninitialized);
    for (qsizetype i = 0; i < vector.size(); ++i)
        qToLittleEndian(vector.at(i), bytes.data() + i * 4);
    return bytes.toBase64();
}

QString kindRoute(Exchange::Kind kind)
{
    switch (kind) {
    case Exchange::Kind::Chat:
        return QStringLiteral("chat");
    case Exchange::Kind::Messages:
        return QStringLiteral("messages");
    case Exchange::Kind::Completion:
        return QStringLiteral("completions");
    case Exchange::Kind::Embeddings:
        return QStringLiteral("embeddings");
    }
    return {};
}
}

Exchange::Exchange(Gateway *gateway, Kind kind, const HttpRequest &request, HttpResponse *response, QString keyName)
    : QObject(gateway)
    , m_gateway(gateway)
    , m_kind(kind)
    , m_request(request)
    , m_response(response)
    , m_keyName(std::move(keyName))
{
    m_clock.start();
    m_gateway->exchangeStarted();
    connect(response, &HttpResponse::clientGone, this, &Exchange::onClientGone);
}

Exchange::~Exchange()
{
    if (m_reply)
        m_reply->deleteLater();
}

void Exchange::start()
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(m_request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QString why = parseError.error != QJsonParseError::NoError
                                ? tr("the request body is not valid JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset)
                                : tr("the request body must be a JSON object");
        fail(ErrorShape::request(Error::Kind::BadRequest, why, QStringLiteral("invalid_json")));
        return;
    }
    if (const std::optional<Error> error = prepare(document.object())) {
        fail(*error);
        return;
    }
    checkBudgets();
}

QString Exchange::canonical(const QString &model) const
{
    const Expected<Target> target = m_gateway->client()->resolve(model);
    return target ? target->displayName() : model;
}

std::optional<Error> Exchange::prepare(const QJsonObject &body)
{
    Client *client = m_gateway->client();
    m_modelAsked = body.value(QLatin1String("model")).toString();
    if (m_modelAsked.isEmpty())
        return ErrorShape::request(Error::Kind::BadRequest, tr("model: field required"), {}, QStringLiteral("model"));
    m_created = QDateTime::currentSecsSinceEpoch();

    if (m_kind == Kind::Chat || m_kind == Kind::Messages) {
        ChatRequest request;
        if (m_kind == Kind::Messages) {
            Expected<ChatRequest> translated = AnthropicMessages::toChatRequest(body);
            if (!translated)
                return translated.error();
            request = std::move(translated).value();
        } else {
            if (!body.value(QLatin1String("messages")).isArray() || body.value(QLatin1String("messages")).toArray().isEmpty())
                return ErrorShape::request(Error::Kind::BadRequest, tr("messages: a non-empty array is required"), {}, QStringLiteral("messages"));
            request = ChatRequest::fromJson(body);
            m_includeUsage = body.value(QLatin1String("stream_options")).toObject().value(QLatin1String("include_usage")).toBool();
        }
        // Usage is asked for whatever the client wants: metrics, the log and budgets count it.
        request.includeUsage = true;
        if (body.value(QLatin1String("retries")).isDouble()) {
            request.maxRetries = qMax(0, body.value(QLatin1String("retries")).toInt());
        }
        request.extra.remove(QLatin1String("retries"));
        if (request.fallbackModels.isEmpty()) {
            for (const QByteArray &name : m_request.header("x-muxi-fallbacks").split(',')) {
                if (!name.trimmed().isEmpty())
                    request.fallbackModels.append(QString::fromUtf8(name.trimmed()));
            }
        }
        m_stream = request.stream;
        m_chain = QStringList{request.model} + (request.fallbackModels.isEmpty() ? client->configuration().fallbackChain(request.model) : request.fallbackModels);
        m_upstreamRequest = request;
    } else if (m_kind == Kind::Completion) {
        CompletionRequest request = CompletionRequest::fromJson(body);
        m_stream = request.stream;
        m_includeUsage = body.value(QLatin1String("stream_options")).toObject().value(QLatin1String("include_usage")).toBool();
        m_chain = QStringList{request.model} + client->configuration().fallbackChain(request.model);
        m_upstreamRequest = request;
    } else {
        const QJsonValue input = body.value(QLatin1String("input"));
        if (!input.isString() && !input.isArray())
            return ErrorShape::request(Error::Kind::BadRequest, tr("input: a string or an array of strings is required"), {}, QStringLiteral("input"));
        for (const QJsonValue &item : input.toArray()) {
            if (!item.isString())
                return ErrorShape::request(Error::Kind::BadRequest, tr("input: only strings can be embedded through the gateway"), {},
                                           QStringLiteral("input"));
        }
        EmbeddingRequest request = EmbeddingRequest::fromJson(body);
        m_base64 = request.encodingFormat == QLatin1String("base64");
        m_chain = QStringList{request.model} + client->configuration().fallbackChain(request.model);
        m_upstreamRequest = request;
    }
    for (QString &model : m_chain)
        model = canonical(model);
    m_chain.removeDuplicates();
    return std::nullopt;
}

void Exchange::checkBudgets()
{
    const Budgets budgets(m_gateway->settings(), m_keyName, m_chain);
    if (budgets.counters().isEmpty()) {
        checkCooldowns({}, {});
        return;
    }
    m_gateway->sharedState()->totals(budgets.counters(), this, [this, budgets](const QList<qint64> &totals) {
        if (m_done)
            return;
        const Budgets::Verdict verdict = budgets.judge(totals);
        if (!verdict.keyExceeded.isEmpty()) {
            fail(ErrorShape::request(Error::Kind::RateLimit, verdict.keyExceeded, QStringLiteral("budget_exceeded")));
            return;
        }
        checkCooldowns(verdict.providersExceeded, verdict.providerMessage);
    });
}

void Exchange::checkCooldowns(const QStringList &overBudget, const QString &budgetMessage)
{
    auto proceed = [this, overBudget, budgetMessage](const SharedState::Cooling &cooling) {
        if (m_done)
            return;
        QStringList available;
        for (const QString &model : std::as_const(m_chain)) {
            if (!cooling.contains(model) && !overBudget.contains(model.section(QLatin1Char('/'), 0, 0)))
                available.append(model);
        }
        if (available.isEmpty()) {
            if (!budgetMessage.isEmpty()) {
                fail(ErrorShape::request(Error::Kind::RateLimit, budgetMessage, QStringLiteral("budget_exceeded")));
                return;
            }
            qint64 soonest = std::numeric_limits<qint64>::max();
            for (const qint64 until : cooling)
                soonest = qMin(soonest, until);
            const qint64 waitMs = qMax<qint64>(1, soonest - QDateTime::currentMSecsSinceEpoch());
            Error error = ErrorShape::request(Error::Kind::RateLimit,
                                              tr("%1 cooling down after a rate limit or server error; try again in %2 s")
                                                  .arg(m_chain.join(QLatin1String(", ")))
                                                  .arg((waitMs + 999) / 1000),
                                              QStringLiteral("model_cooling_down"));
            error.retryAfter = std::chrono::milliseconds(waitMs);
            fail(error);
            return;
        }
        send(available);
    };
    if (!m_gateway->settings().cooldowns) {
        proceed({});
        return;
    }
    m_gateway->sharedState()->coolingDown(m_chain, this, proceed);
}

void Exchange::send(const QStringList &chain)
{
    Client *client = m_gateway->client();
    if (auto *chat = std::get_if<ChatRequest>(&m_upstreamRequest)) {
        chat->model = chain.first();
        chat->fallbackModels = chain.mid(1);
        m_reply = client->chat(*chat);
    } else if (auto *completion = std::get_if<CompletionRequest>(&m_upstreamRequest)) {
        completion->model = chain.first();
        m_reply = client->complete(*completion);
    } else if (auto *embedding = std::get_if<EmbeddingRequest>(&m_upstreamRequest)) {
        embedding->model = chain.first();
        m_reply = client->embed(*embedding);
    }
    m_streamId = (m_kind == Kind::Messages ? QStringLiteral("msg_") : QStringLiteral("chatcmpl-")) + QUuid::createUuid().toString(QUuid::Id128);
    connect(m_reply, &Reply::chunk, this, &Exchange::onChunk);
    connect(m_reply, &Reply::finished, this, &Exchange::onFinished);
}

void Exchange::recordCooldowns(std::function<void()> then)
{
    const GatewaySettings &settings = m_gateway->settings();
    QList<std::pair<QString, std::chrono::milliseconds>> cooldowns;
    if (settings.cooldowns) {
        for (const AttemptRecord &attempt : m_reply->attempts()) {
            if (attempt.outcome != AttemptRecord::Outcome::Failure || !attempt.errorKind)
                continue;
            std::chrono::milliseconds duration{0};
            switch (*attempt.errorKind) {
            case Error::Kind::RateLimit:
            case Error::Kind::Quota:
                duration = attempt.retryAfter.value_or(settings.rateLimitCooldown);
                break;
            case Error::Kind::Server:
            case Error::Kind::Overloaded:
                duration = attempt.retryAfter.value_or(settings.serverErrorCooldown);
                break;
            default:
                continue;
            }
            cooldowns.append({attempt.provider + QLatin1Char('/') + attempt.model, qMin(duration, settings.maxCooldown)});
        }
    }
    if (cooldowns.isEmpty()) {
        then();
        return;
    }
    auto remaining = std::make_shared<qsizetype>(cooldowns.size());
    auto next = std::make_shared<std::function<void()>>(std::move(then));
    auto once = [next] {
        if (*next)
            std::exchange(*next, nullptr)();
    };
    for (const auto &[model, duration] : std::as_const(cooldowns)) {
        m_gateway->sharedState()->coolDown(model, duration, this, [remaining, once] {
            if (--*remaining == 0)
                once();
        });
    }
    // A Redis that accepts commands but stalls must not hold the answer back.
    QTimer::singleShot(std::chrono::milliseconds(250), this, once);
}

void Exchange::recordUsage()
{
    if (!m_reply)
        return;
    SharedState *shared = m_gateway->sharedState();
    const QString model = m_reply->answeredBy();
    if (!m_usage || model.isEmpty())
        return;
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QString day = today.toString(Qt::ISODate);
    constexpr std::chrono::seconds keepUsage{40 * 24 * 3600};
    shared->add(QStringLiteral("usage:%1:%2:prompt_tokens").arg(model, day), m_usage->promptTokens, keepUsage);
    shared->add(QStringLiteral("usage:%1:%2:completion_tokens").arg(model, day), m_usage->completionTokens, keepUsage);
    shared->add(QStringLiteral("usage:%1:%2:requests").arg(model, day), 1, keepUsage);
    if (const std::optional<double> cost = m_gateway->prices().cost(model, *m_usage)) {
        const qint64 micros = qRound64(*cost * 1e6);
        for (const QString &counter : Budgets::spendCounters(m_keyName, model.section(QLatin1Char('/'), 0, 0), today))
            shared->add(counter, micros, keepUsage);
    }
}

int Exchange::attemptsMade() const
{
    int made = 0;
    if (m_reply) {
        for (const AttemptRecord &attempt : m_reply->attempts()) {
            if (attempt.outcome != AttemptRecord::Outcome::Skipped)
                ++made;
        }
    }
    return made;
}

HttpHeaders Exchange::muxiHeaders(const QString &model) const
{
    return {{"x-muxi-model", model.toUtf8()}, {"x-muxi-attempts", QByteArray::number(qMax(1, attemptsMade()))}};
}

void Exchange::startStream()
{
    if (m_headSent || !m_response)
        return;
    m_headSent = true;
    HttpHeaders headers{{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    // The attempt sending this stream is not finished yet, so it is not among attempts().
    headers += HttpHeaders{{"x-muxi-model", m_reply->currentModel().toUtf8()}, {"x-muxi-attempts", QByteArray::number(attemptsMade() + 1)}};
    m_response->start(200, headers);
    if (m_kind == Kind::Messages) {
        m_anthropic = std::make_unique<AnthropicStream>(m_streamId, m_modelAsked);
        m_response->write(m_anthropic->start());
    }
}

void Exchange::onChunk(const ChatChunk &incoming)
{
    if (!m_stream || !m_response || m_response->isClientGone())
        return;
    ChatChunk chunk = incoming;
    if (chunk.usage)
        m_usage = chunk.usage;
    chunk.usage.reset();
    if (chunk.choices.isEmpty())
        return;
    startStream();
    switch (m_kind) {
    case Kind::Chat:
        if (chunk.id.isEmpty())
            chunk.id = m_streamId;
        m_response->write(sseData(chunk.toJson()));
        break;
    case Kind::Messages:
        m_response->write(m_anthropic->chunk(chunk));
        break;
    case Kind::Completion: {
        QJsonArray choices;
        for (const ChunkChoice &choice : chunk.choices) {
            choices.append(QJsonObject{{QLatin1String("index"), choice.index},
                                       {QLatin1String("text"), choice.content.value_or(QString())},
                                       {QLatin1String("finish_reason"), choice.finishReason.isEmpty() ? QJsonValue() : QJsonValue(choice.finishReason)},
                                       {QLatin1String("logprobs"), QJsonValue()}});
        }
        m_response->write(sseData(QJsonObject{{QLatin1String("id"), chunk.id.isEmpty() ? m_streamId : chunk.id},
                                              {QLatin1String("object"), QLatin1String("text_completion")},
                                              {QLatin1String("created"), chunk.created ? chunk.created : m_created},
                                              {QLatin1String("model"), chunk.model},
                                              {QLatin1String("choices"), choices}}));
        break;
    }
    case Kind::Embeddings:
        break;
    }
}

void Exchange::onClientGone()
{
    // Nobody is left to read the answer: stop paying for it.
    if (m_reply && !m_reply->isFinished())
        m_reply->abort();
    else if (!m_reply)
        done(499, QString());
}

void Exchange::writeStreamEnd()
{
    switch (m_kind) {
    case Kind::Messages:
        m_response->write(m_anthropic->finish(m_usage));
        break;
    case Kind::Chat:
    case Kind::Completion:
        if (m_includeUsage && m_usage) {
            m_response->write(sseData(QJsonObject{{QLatin1String("id"), m_streamId},
                                                  {QLatin1String("object"),
                                                   m_kind == Kind::Chat ? QLatin1String("chat.completion.chunk") : QLatin1String("text_completion")},
                                                  {QLatin1String("created"), m_created},
                                                  {QLatin1String("model"), m_modelAsked},
                                                  {QLatin1String("choices"), QJsonArray()},
                                                  {QLatin1String("usage"), m_usage->toJson()}}));
        }
        m_response->write(QByteArrayLiteral("data: [DONE]\n\n"));
        break;
    case Kind::Embeddings:
        break;
    }
    m_response->end();
}

void Exchange::writeStreamError(const Error &error)
{
    // The status line went out with the first token; the failure travels in
    // the stream instead, and there is no [DONE] after a cut answer.
    const QJsonObject body = ErrorShape::body(api(), error);
    if (m_kind == Kind::Messages)
        m_response->write(m_anthropic->error(body));
    else
        m_response->write(sseData(body));
    m_response->end();
}

void Exchange::onFinished()
{
    if (m_done)
        return;
    recordCooldowns([this] {
        respond();
    });
}

void Exchange::respond()
{
    if (m_done)
        return;
    const QString answeredBy = m_reply->answeredBy();
    if (!m_reply->hasError()) {
        if (const auto *chat = std::get_if<ChatCompletion>(&m_reply->result()); chat && chat->usage)
            m_usage = chat->usage;
        else if (const auto *completion = std::get_if<Completion>(&m_reply->result()); completion && completion->usage)
            m_usage = completion->usage;
        else if (const auto *embeddings = std::get_if<EmbeddingResponse>(&m_reply->result()); embeddings && embeddings->usage)
            m_usage = embeddings->usage;
    }
    if (!m_response || m_response->isClientGone()) {
        done(499, answeredBy.isEmpty() ? m_reply->currentModel() : answeredBy);
        return;
    }
    if (m_reply->hasError()) {
        Error error = m_reply->failure();
        m_gateway->redact(error);
        if (m_headSent) {
            writeStreamError(error);
            done(200, m_reply->currentModel());
        } else {
            fail(error);
        }
        return;
    }
    if (m_stream) {
        startStream();
        writeStreamEnd();
    } else {
        sendResult();
    }
    done(m_response ? m_response->status() : 499, answeredBy);
}

void Exchange::sendResult()
{
    QJsonObject body;
    switch (m_kind) {
    case Kind::Chat:
        body = m_reply->chatCompletion().toJson();
        break;
    case Kind::Messages:
        body = AnthropicMessages::fromCompletion(m_reply->chatCompletion(), m_modelAsked);
        break;
    case Kind::Completion:
        body = m_reply->completion().toJson();
        break;
    case Kind::Embeddings: {
        const EmbeddingResponse embeddings = m_reply->embeddings();
        body = embeddings.toJson();
        if (m_base64) {
            QJsonArray data;
            for (const Embedding &e : embeddings.data) {
                data.append(QJsonObject{{QLatin1String("object"), QLatin1String("embedding")},
                                        {QLatin1String("index"), e.index},
                                        {QLatin1String("embedding"), QString::fromLatin1(float32Base64(e.vector))}});
            }
            body.insert(QLatin1String("data"), data);
        }
        break;
    }
    }
    HttpHeaders headers{{"Content-Type", "application/json"}};
    headers += muxiHeaders(m_reply->answeredBy());
    m_response->send(200, headers, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void Exchange::fail(const Error &error)
{
    if (m_response)
        m_gateway->sendError(m_response, api(), error);
    done(ErrorShape::status(error), m_reply ? m_reply->currentModel() : QString());
}

void Exchange::done(int status, const QString &model)
{
    if (m_done)
        return;
    m_done = true;
    const double seconds = double(m_clock.nsecsElapsed()) / 1e9;
    const QString provider = model.section(QLatin1Char('/'), 0, 0);
    m_gateway->exchangeFinished(provider, status, seconds, m_usage);
    recordUsage();

    QJsonObject entry{{QLatin1String("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                      {QLatin1String("method"), QString::fromLatin1(m_request.method)},
                      {QLatin1String("route"), QString::fromUtf8(m_request.path())},
                      {QLatin1String("kind"), kindRoute(m_kind)},
                      {QLatin1String("status"), status},
                      {QLatin1String("model"), m_modelAsked},
                      {QLatin1String("stream"), m_stream},
                      {QLatin1String("latency_ms"), seconds * 1000.0}};
    if (!m_keyName.isEmpty())
        entry.insert(QLatin1String("key"), m_keyName);
    if (m_reply) {
        entry.insert(QLatin1String("answered_by"), m_reply->answeredBy().isEmpty() ? QJsonValue() : QJsonValue(m_reply->answeredBy()));
        entry.insert(QLatin1String("attempts"), attemptsMade());
        if (m_reply->hasError())
            entry.insert(QLatin1String("error"), Error::kindName(m_reply->failure().kind));
    }
    if (m_usage) {
        entry.insert(QLatin1String("prompt_tokens"), m_usage->promptTokens);
        entry.insert(QLatin1String("completion_tokens"), m_usage->completionTokens);
        if (m_reply && !m_reply->answeredBy().isEmpty()) {
            if (const std::optional<double> cost = m_gateway->prices().cost(m_reply->answeredBy(), *m_usage))
                entry.insert(QLatin1String("cost_usd"), *cost);
        }
    }
    m_gateway->log(entry);
    deleteLater();
}

} // namespace muxi::gateway
