#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/provideradapter.h>
#include <muxi/ratelimits.h>
#include <muxi/streamaccumulator.h>
#include <muxi/timeouts.h>

#include <QObject>
#include <QPointer>

#include <memory>
#include <variant>

class QNetworkAccessManager;

namespace muxi {

class HttpExchange;

/// What a Client call asks for; std::monostate asks for a model listing.
using Request = std::variant<ChatRequest, CompletionRequest, EmbeddingRequest, std::monostate>;
/// What a call produced; std::monostate until it succeeded.
using Result = std::variant<std::monostate, ChatCompletion, Completion, EmbeddingResponse, ModelList>;

/// \brief One attempt at one provider.
///
/// Builds the request through the adapter, follows the adapter's follow-up
/// requests (polls, stream URLs, further pages of a model listing), decodes a
/// stream into chunks, and ends in a Result or an Error: exactly one of
/// succeeded() and failed(), unless aborted. It never retries: that is
/// Reply's job, so retries are counted in one place. Errors carry the
/// target's provider and model, the HTTP status, Retry-After and request id,
/// and are redacted of the target's key.
class MUXI_CORE_EXPORT UpstreamCall : public QObject
{
    Q_OBJECT

public:
    /// `request` holding std::monostate asks for the provider's model listing.
    /// `network` and `adapter` are not owned and must outlive the call.
    UpstreamCall(QNetworkAccessManager *network, const ProviderAdapter *adapter, Target target, Request request,
                 Timeouts timeouts, QObject *parent = nullptr);
    /// Stops the exchange in flight, without signals.
    ~UpstreamCall() override;

    /// Builds and sends the first request. An adapter's refusal is reported
    /// through failed() from the event loop, so connections made after start() see it.
    void start();
    /// Stops without emitting anything further.
    void abort();

    /// Where the call goes.
    const Target &target() const { return m_target; }
    /// The result after succeeded(); std::monostate before.
    const Result &result() const { return m_result; }
    /// The HTTP status of the last response; 0 before one arrived.
    int httpStatus() const { return m_status; }
    /// The rate-limit headers of the last response.
    RateLimits rateLimits() const { return m_rateLimits; }

Q_SIGNALS:
    /// A chunk of a streamed answer, as decoded.
    void chunk(const muxi::ChatChunk &chunk);
    /// The call ended with result().
    void succeeded();
    /// The call ended with `error`.
    void failed(const muxi::Error &error);

private:
    void buildFirstRequest();
    void send(const HttpRequest &request);
    void onBytes(const QByteArray &bytes);
    void onFinished(const HttpResponse &response);
    void onExchangeFailed(const Error &error, bool afterHead);
    void handleFinalResponse(const HttpResponse &response);
    void followModelsPage(const HttpResponse &response);
    void finishStream();
    void emitChunk(const ChatChunk &chunk);
    void succeed(Result result);
    void fail(Error error);
    Error decorate(Error error, const HttpResponse *response = nullptr) const;

    QNetworkAccessManager *m_network;
    const ProviderAdapter *m_adapter;
    Target m_target;
    Request m_request;
    Timeouts m_timeouts;
    QPointer<HttpExchange> m_exchange;
    QPointer<TargetPreparation> m_preparation;
    std::unique_ptr<StreamDecoder> m_decoder;
    static constexpr int MaxModelPages = 200;
    ModelList m_listedModels;
    int m_modelPages = 0;
    QUrl m_lastRequestUrl;
    StreamAccumulator m_accumulator;
    Result m_result;
    int m_status = 0;
    RateLimits m_rateLimits;
    bool m_done = false;
};

} // namespace muxi
