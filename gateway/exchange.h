#pragma once

#include "anthropicstream.h"
#include "errorshape.h"
#include "httprequest.h"

#include <muxi/reply.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>

namespace muxi::gateway {

class Gateway;
class HttpResponse;

// One proxied request, from its parsed body to the last byte of its answer:
// chat (OpenAI or Anthropic shape), legacy completion or embeddings. Streams
// go out chunk by chunk as the upstream sends them; the HTTP head waits for
// the first chunk, so a failure before it still gets its own status. A client
// that goes away aborts the upstream request at once.
class Exchange : public QObject
{
    Q_OBJECT

public:
    enum class Kind { Chat, Messages, Completion, Embeddings };

    // `keyName`: the named gateway key the client used, empty for none or the --api-key one.
    Exchange(Gateway *gateway, Kind kind, const HttpRequest &request, HttpResponse *response, QString keyName);
    ~Exchange() override;

    void start();

private:
    ErrorShape::Api api() const { return m_kind == Kind::Messages ? ErrorShape::Api::Anthropic : ErrorShape::Api::OpenAi; }
    std::optional<Error> prepare(const QJsonObject &body);
    // Budgets first, then cooldowns, both possibly asked of Redis; then the upstream call.
    void checkBudgets();
    void checkCooldowns(const QStringList &overBudget, const QString &budgetMessage);
    void send(const QStringList &chain);
    // Cooldowns for the models that failed, stored before the answer goes out
    // so that a client's next request, on any replica, already skips them.
    void recordCooldowns(std::function<void()> then);
    void recordUsage();
    void respond();
    QString canonical(const QString &model) const;
    void onChunk(const ChatChunk &chunk);
    void onFinished();
    void onClientGone();
    void startStream();
    void writeStreamEnd();
    void writeStreamError(const Error &error);
    void sendResult();
    void fail(const Error &error);
    void done(int status, const QString &provider);
    HttpHeaders muxiHeaders(const QString &model) const;
    int attemptsMade() const;

    Gateway *m_gateway;
    Kind m_kind;
    HttpRequest m_request;
    QPointer<HttpResponse> m_response;
    QPointer<Reply> m_reply;
    QElapsedTimer m_clock;
    QString m_keyName;
    QString m_modelAsked;
    Request m_upstreamRequest;
    // The models the request may go to, "provider/model", in order.
    QStringList m_chain;
    bool m_stream = false;
    bool m_includeUsage = false;
    bool m_base64 = false;
    bool m_headSent = false;
    bool m_done = false;
    std::optional<Usage> m_usage;
    std::unique_ptr<AnthropicStream> m_anthropic;
    QString m_streamId;
    qint64 m_created = 0;
};

} // namespace muxi::gateway
