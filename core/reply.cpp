#include "reply.h"

#include <QCoreApplication>
#include <QEventLoop>

namespace muxi {

Reply::Reply(QNetworkAccessManager *network, QList<Candidate> candidates, RetryPolicy policy, Timeouts timeouts,
             Scheduler scheduler, std::function<double()> jitter, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_candidates(std::move(candidates))
    , m_policy(std::move(policy))
    , m_timeouts(timeouts)
    , m_scheduler(std::move(scheduler))
    , m_jitter(std::move(jitter))
{
}

Reply::~Reply()
{
    if (m_call)
        m_call->abort();
}

void Reply::start()
{
    // Queued so that callers connect to the signals before anything is emitted.
    QMetaObject::invokeMethod(this, &Reply::tryCandidate, Qt::QueuedConnection);
}

void Reply::abort()
{
    if (m_finished)
        return;
    if (m_call)
        m_call->abort();
    Error cancelled(Error::Kind::Cancelled, QCoreApplication::translate("muxi::Reply", "the request was cancelled"));
    if (m_index < m_candidates.size()) {
        cancelled.provider = m_candidates.at(m_index).target.provider.id;
        cancelled.model = m_candidates.at(m_index).target.model;
    }
    finishWith(cancelled);
}

void Reply::waitForFinished()
{
    if (m_finished)
        return;
    QEventLoop loop;
    connect(this, &Reply::finished, &loop, &QEventLoop::quit);
    loop.exec();
}

void Reply::tryCandidate()
{
    if (m_finished)
        return;
    if (m_index >= m_candidates.size()) {
        finishWith(Error(Error::Kind::BadRequest, QCoreApplication::translate("muxi::Reply", "no model to send the request to")));
        return;
    }
    const Candidate &candidate = m_candidates.at(m_index);
    if (candidate.unusable) {
        m_attemptClock.invalidate();
        record(AttemptRecord::Outcome::Skipped, &*candidate.unusable);
        moveOn(*candidate.unusable);
        return;
    }
    if (m_call)
        m_call->deleteLater();
    m_call = new UpstreamCall(m_network, candidate.adapter, candidate.target, candidate.request, m_timeouts, this);
    connect(m_call, &UpstreamCall::chunk, this, &Reply::onChunk);
    connect(m_call, &UpstreamCall::succeeded, this, &Reply::onSucceeded);
    connect(m_call, &UpstreamCall::failed, this, &Reply::onFailed);
    m_attemptClock.start();
    m_call->start();
}

void Reply::onChunk(const ChatChunk &c)
{
    Q_EMIT chunk(c);
    for (const ChunkChoice &choice : c.choices) {
        if (choice.content && !choice.content->isEmpty()) {
            m_streamedToListener = true;
            Q_EMIT delta(*choice.content, choice.index);
        }
        for (const ToolCallDelta &fragment : choice.toolCalls) {
            m_streamedToListener = true;
            Q_EMIT toolCallDelta(choice.index, fragment);
        }
    }
}

void Reply::onSucceeded()
{
    if (m_finished || !m_call)
        return;
    record(AttemptRecord::Outcome::Success, nullptr);
    m_result = m_call->result();
    m_answeredBy = m_call->target().displayName();
    auto stamp = [this](auto &value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, ChatCompletion> || std::is_same_v<T, Completion> || std::is_same_v<T, EmbeddingResponse>)
            value.provider = m_call->target().provider.id;
    };
    std::visit(stamp, m_result);
    finish();
}

void Reply::onFailed(const Error &error)
{
    if (m_finished)
        return;
    record(AttemptRecord::Outcome::Failure, &error);
    if (error.kind == Error::Kind::Cancelled || m_streamedToListener) {
        finishWith(error);
        return;
    }
    if (const auto delay = m_policy.delayBeforeRetry(m_retry, error, m_jitter())) {
        ++m_retry;
        m_pendingDelay = *delay;
        m_scheduler(*delay, this, [this] {
            tryCandidate();
        });
        return;
    }
    moveOn(error);
}

void Reply::moveOn(const Error &error)
{
    const bool more = m_index + 1 < m_candidates.size();
    if (!more || !m_policy.shouldFallBack(error)) {
        finishWith(error);
        return;
    }
    ++m_index;
    m_retry = 0;
    m_pendingDelay = std::chrono::milliseconds(0);
    tryCandidate();
}

void Reply::record(AttemptRecord::Outcome outcome, const Error *error)
{
    const Candidate &candidate = m_candidates.at(m_index);
    AttemptRecord r;
    r.provider = candidate.target.provider.id;
    r.model = candidate.target.model;
    r.outcome = outcome;
    r.notes = candidate.notes;
    r.delayBefore = m_pendingDelay;
    m_pendingDelay = std::chrono::milliseconds(0);
    if (m_attemptClock.isValid())
        r.duration = std::chrono::milliseconds(m_attemptClock.elapsed());
    if (m_call && outcome != AttemptRecord::Outcome::Skipped)
        r.httpStatus = m_call->httpStatus();
    if (error) {
        r.errorKind = error->kind;
        r.message = error->message;
        if (error->httpStatus > 0)
            r.httpStatus = error->httpStatus;
    }
    m_attempts.append(r);
    Q_EMIT attemptFinished(r);
}

void Reply::finishWith(const Error &error)
{
    if (m_finished)
        return;
    m_error = error;
    Q_EMIT this->error(error);
    finish();
}

void Reply::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished();
}

ChatCompletion Reply::chatCompletion() const
{
    const auto *value = std::get_if<ChatCompletion>(&m_result);
    return value ? *value : ChatCompletion();
}

Completion Reply::completion() const
{
    const auto *value = std::get_if<Completion>(&m_result);
    return value ? *value : Completion();
}

EmbeddingResponse Reply::embeddings() const
{
    const auto *value = std::get_if<EmbeddingResponse>(&m_result);
    return value ? *value : EmbeddingResponse();
}

ModelList Reply::models() const
{
    const auto *value = std::get_if<ModelList>(&m_result);
    return value ? *value : ModelList();
}

} // namespace muxi
