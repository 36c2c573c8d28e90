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

using Request = std::variant<ChatRequest, CompletionRequest, EmbeddingRequest, std::monostate>;
using Result = std::variant<std::monostate, ChatCompletion, Completion, EmbeddingResponse, ModelList>;

// One attempt at one provider: builds the request through the adapter,
// follows the adapter's follow-up requests (polls, stream URLs), decodes a
// stream into chunks, and ends in a Result or an Error. It never retries:
// that is the Dispatcher's job, so retries are counted in one place.
class MUXI_CORE_EXPORT UpstreamCall : public QObject
{
    Q_OBJECT

public:
    // `request` holding std::monostate asks for the provider's model listing.
    UpstreamCall(QNetworkAccessManager *network, const ProviderAdapter *adapter, Target target, Request request,
                 Timeouts timeouts, QObject *parent = nullptr);
    ~UpstreamCall() override;

    void start();
    void abort();

    const Target &target() const { return m_target; }
    const Result &result() const { return m_result; }
    int httpStatus() const { return m_status; }
    RateLimits rateLimits() const { return m_rateLimits; }

Q_SIGNALS:
    void chunk(const muxi::ChatChunk &chunk);
    void succeeded();
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
