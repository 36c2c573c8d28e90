#include <muxi/upstreamcall.h>

#include <muxi/httpexchange.h>

#include <QCoreApplication>

namespace muxi {

namespace {

Completion completionFromStream(const ChatCompletion &assembled)
{
    Completion completion;
    completion.id = assembled.id;
    completion.created = assembled.created;
    completion.model = assembled.model;
    completion.usage = assembled.usage;
    for (const ChatChoice &choice : assembled.choices)
        completion.choices.append({choice.index, choice.message.text(), choice.finishReason, QJsonValue()});
    return completion;
}
}

UpstreamCall::UpstreamCall(QNetworkAccessManager *network, const ProviderAdapter *adapter, Target target, Request request,
                           Timeouts timeouts, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_adapter(adapter)
    , m_target(std::move(target))
    , m_request(std::move(request))
    , m_timeouts(timeouts)
{
}

UpstreamCall::~UpstreamCall() = default;

void UpstreamCall::start()
{
    std::unique_ptr<TargetPreparation> preparation = m_adapter->preparation(m_target);
    if (!preparation) {
        buildFirstRequest();
        return;
    }
    m_preparation = preparation.release();
    m_preparation->setParent(this);
    connect(m_preparation, &TargetPreparation::ready, this, [this](const Target &prepared) {
        if (m_done)
            return;
        m_target = prepared;
        buildFirstRequest();
    });
    connect(m_preparation, &TargetPreparation::failed, this, [this](const Error &error) {
        fail(error);
    });
    m_preparation->start(m_network, m_timeouts);
}

void UpstreamCall::buildFirstRequest()
{
    const Expected<HttpRequest> first = std::visit(
        [this](const auto &request) -> Expected<HttpRequest> {
            using T = std::decay_t<decltype(request)>;
            if constexpr (std::is_same_v<T, ChatRequest>)
                return m_adapter->chatRequest(request, m_target);
            else if constexpr (std::is_same_v<T, CompletionRequest>)
                return m_adapter->completionRequest(request, m_target);
            else if constexpr (std::is_same_v<T, EmbeddingRequest>)
                return m_adapter->embeddingRequest(request, m_target);
            else
                return m_adapter->modelsRequest(m_target);
        },
        m_request);
    if (!first) {
        // Reported from the event loop so callers can connect after start().
        QMetaObject::invokeMethod(this, [this, error = first.error()] { fail(error); }, Qt::QueuedConnection);
        return;
    }
    send(*first);
}

void UpstreamCall::abort()
{
    if (m_preparation)
        m_preparation->disconnect(this);
    if (m_exchange)
        m_exchange->abort();
    m_done = true;
}

void UpstreamCall::send(const HttpRequest &request)
{
    if (m_exchange)
        m_exchange->deleteLater();
    if (request.streaming && !m_decoder) {
        if (const auto *chat = std::get_if<ChatRequest>(&m_request))
            m_decoder = m_adapter->chatStreamDecoder(*chat, m_target);
        else
            m_decoder = m_adapter->completionStreamDecoder(m_target);
    }
    m_lastRequestUrl = request.url;
    m_exchange = new HttpExchange(m_network, request, m_timeouts, this);
    connect(m_exchange, &HttpExchange::headReceived, this, [this](int status, const HttpHeaders &headers) {
        m_status = status;
        m_rateLimits = RateLimits::fromHeaders(headers);
    });
    connect(m_exchange, &HttpExchange::bytesReceived, this, &UpstreamCall::onBytes);
    connect(m_exchange, &HttpExchange::finished, this, &UpstreamCall::onFinished);
    connect(m_exchange, &HttpExchange::failed, this, &UpstreamCall::onExchangeFailed);
    m_exchange->start();
}

void UpstreamCall::onBytes(const QByteArray &bytes)
{
    if (m_done || !m_decoder)
        return;
    QList<ChatChunk> chunks;
    const std::optional<Error> streamError = m_decoder->feed(bytes, chunks);
    for (const ChatChunk &c : std::as_const(chunks)) {
        emitChunk(c);
        if (m_done)
            return;
    }
    if (streamError) {
        m_exchange->abort();
        Error error = *streamError;
        error.partialText = m_accumulator.text();
        fail(error);
    }
}

void UpstreamCall::onFinished(const HttpResponse &response)
{
    if (m_done)
        return;
    m_status = response.status;
    if (!response.isSuccess()) {
        fail(decorate(m_adapter->errorFromResponse(response, m_target), &response));
        return;
    }
    if (m_exchange && m_exchange->request().streaming)
        finishStream();
    else
        handleFinalResponse(response);
}

void UpstreamCall::finishStream()
{
    if (m_decoder && (m_decoder->sawEnd() || m_accumulator.isComplete())) {
        const ChatCompletion assembled = m_accumulator.completion();
        if (std::holds_alternative<CompletionRequest>(m_request))
            succeed(completionFromStream(assembled));
        else
            succeed(assembled);
        return;
    }
    Error error(Error::Kind::StreamInterrupted, tr("the stream ended before the answer was complete"));
    error.partialText = m_accumulator.text();
    fail(error);
}

void UpstreamCall::handleFinalResponse(const HttpResponse &response)
{
    auto follow = [this](auto step) {
        if (auto *next = std::get_if<HttpRequest>(&step)) {
            send(*next);
            return;
        }
        if (auto *error = std::get_if<Error>(&step)) {
            fail(*error);
            return;
        }
        succeed(std::get<0>(std::move(step)));
    };
    if (const auto *chat = std::get_if<ChatRequest>(&m_request))
        follow(m_adapter->chatResponse(response, *chat, m_target));
    else if (std::holds_alternative<CompletionRequest>(m_request))
        follow(m_adapter->completionResponse(response, m_target));
    else if (std::holds_alternative<EmbeddingRequest>(m_request))
        follow(m_adapter->embeddingResponse(response, m_target));
    else
        followModelsPage(response);
}

void UpstreamCall::followModelsPage(const HttpResponse &response)
{
    Step<ModelList> step = m_adapter->modelsResponse(response, m_target);
    auto *page = std::get_if<ModelList>(&step);
    if (!page) {
        if (auto *next = std::get_if<HttpRequest>(&step))
            send(*next);
        else
            fail(std::get<Error>(std::move(step)));
        return;
    }
    m_listedModels += *page;
    const std::optional<HttpRequest> next = m_adapter->nextModelsPage(response, m_target);
    if (!next) {
        succeed(std::exchange(m_listedModels, {}));
        return;
    }
    // A listing that never ends, or names the page just read again, would be
    // a partial catalogue passed off as whole: stop with an error instead.
    if (++m_modelPages >= MaxModelPages || next->url == m_lastRequestUrl) {
        Error error(Error::Kind::InvalidResponse,
                    tr("the model listing did not end after %n page(s)", nullptr, m_modelPages));
        fail(decorate(std::move(error), &response));
        return;
    }
    send(*next);
}

void UpstreamCall::onExchangeFailed(const Error &error, bool afterHead)
{
    if (m_done)
        return;
    if (afterHead && m_status >= 200 && m_status < 300 && m_decoder) {
        Error cut(Error::Kind::StreamInterrupted, tr("the stream was cut: %1").arg(error.message));
        if (error.kind == Error::Kind::Timeout)
            cut.message = tr("the stream stalled: %1").arg(error.message);
        cut.partialText = m_accumulator.text();
        fail(cut);
        return;
    }
    fail(error);
}

void UpstreamCall::emitChunk(const ChatChunk &c)
{
    m_accumulator.add(c);
    Q_EMIT chunk(c);
}

void UpstreamCall::succeed(Result result)
{
    if (m_done)
        return;
    m_done = true;
    m_result = std::move(result);
    Q_EMIT succeeded();
}

void UpstreamCall::fail(Error error)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT failed(decorate(std::move(error)));
}

Error UpstreamCall::decorate(Error error, const HttpResponse *response) const
{
    if (error.provider.isEmpty())
        error.provider = m_target.provider.id;
    if (error.model.isEmpty())
        error.model = m_target.model;
    if (response) {
        if (error.httpStatus == 0)
            error.httpStatus = response->status;
        if (!error.retryAfter)
            error.retryAfter = parseRetryAfter(response->header("retry-after-ms"), response->header("retry-after"));
        if (error.requestId.isEmpty()) {
            error.requestId = QString::fromLatin1(response->header("x-request-id"));
            if (error.requestId.isEmpty())
                error.requestId = QString::fromLatin1(response->header("request-id"));
        }
        if (error.rawBody.isEmpty())
            error.rawBody = response->body.left(4096);
    }
    error.redact(m_target.apiKey);
    return error;
}

} // namespace muxi
