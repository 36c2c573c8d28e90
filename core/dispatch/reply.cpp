#include <muxi/reply.h>

#include <muxi/attachmentloader.h>
#include <muxi/jsonmodeemulation.h>
#include <muxi/streamaccumulator.h>

#include <QCoreApplication>
#include <QEventLoop>

namespace muxi {

Reply::Reply(QNetworkAccessManager *network, QList<Candidate> candidates, bool callerStreams, Scheduler scheduler,
             std::function<double()> jitter, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_candidates(std::move(candidates))
    , m_callerStreams(callerStreams)
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
    if (!inlineImages(m_candidates[m_index]))
        return;
    if (m_call)
        m_call->deleteLater();
    m_attemptStreamed = false;
    const Request request = m_repair ? Request(*m_repair) : candidate.request;
    m_call = new UpstreamCall(m_network, candidate.adapter, candidate.target, request, candidate.timeouts, this);
    connect(m_call, &UpstreamCall::chunk, this, &Reply::onChunk);
    connect(m_call, &UpstreamCall::succeeded, this, &Reply::onSucceeded);
    connect(m_call, &UpstreamCall::failed, this, &Reply::onFailed);
    m_attemptClock.start();
    m_call->start();
}

void Reply::onChunk(const ChatChunk &c)
{
    m_attemptStreamed = true;
    Q_EMIT chunk(c);
    for (const ChunkChoice &choice : c.choices) {
        // Reasoning and refusals reach chunk() listeners too: after any of
        // them a retry would show duplicated output.
        if (!choice.reasoningContent.isEmpty() || !choice.refusal.isEmpty())
            m_streamedToListener = true;
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
    Result result = m_call->result();
    auto *chat = std::get_if<ChatCompletion>(&result);
    if (chat && m_candidates.at(m_index).emulatedJson && !acceptEmulatedJson(*chat))
        return;
    record(AttemptRecord::Outcome::Success, nullptr);
    m_answeredBy = m_call->target().displayName();
    std::visit(
        [this](auto &value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, ChatCompletion> || std::is_same_v<T, Completion> || std::is_same_v<T, EmbeddingResponse>)
                value.provider = m_call->target().provider.id;
        },
        result);
    m_result = std::move(result);
    // An answer that arrived in one piece (a provider without streaming, an
    // emulated JSON answer checked first) still reaches a streaming caller as deltas.
    if (chat && m_callerStreams && !m_attemptStreamed) {
        const QList<ChatChunk> chunks = chunksFromCompletion(std::get<ChatCompletion>(m_result));
        for (const ChatChunk &c : chunks)
            onChunk(c);
    }
    finish();
}

bool Reply::inlineImages(Candidate &candidate)
{
    auto *request = std::get_if<ChatRequest>(&candidate.request);
    if (!request)
        return true;
    ChatRequest &chat = *request;
    const QList<QUrl> wanted = imagesToFetch(chat, candidate.target);
    if (wanted.isEmpty())
        return true;
    QList<QUrl> missing;
    for (const QUrl &url : wanted) {
        if (!m_images.contains(url))
            missing.append(url);
    }
    if (!missing.isEmpty()) {
        auto *downloader = new ImageDownloader(m_network, AttachmentLoader::DefaultMaxBytes, candidate.timeouts, this);
        connect(downloader, &ImageDownloader::finished, this, [this, downloader, missing] {
            for (const QUrl &url : missing)
                m_images.insert(url, downloader->result(url));
            downloader->deleteLater();
            tryCandidate();
        });
        downloader->fetch(missing);
        return false;
    }
    for (Message &message : chat.messages) {
        for (ContentPart &part : message.content) {
            if (part.type != ContentPart::Type::Image || part.hasInlineData() || !m_images.contains(part.url))
                continue;
            const Expected<ContentPart> image = *m_images.constFind(part.url);
            if (!image) {
                Error error = image.error();
                error.provider = candidate.target.provider.id;
                error.model = candidate.target.model;
                candidate.unusable = error;
                m_attemptClock.invalidate();
                record(AttemptRecord::Outcome::Skipped, &error);
                moveOn(error);
                return false;
            }
            part.data = image->data;
            part.mimeType = image->mimeType;
            part.url.clear();
        }
    }
    return true;
}

bool Reply::acceptEmulatedJson(ChatCompletion &completion)
{
    const Candidate &candidate = m_candidates.at(m_index);
    QString problem;
    if (const std::optional<QString> json = JsonModeEmulation::extract(completion.text(), *candidate.emulatedJson, &problem)) {
        if (!completion.choices.isEmpty()) {
            completion.choices.first().message.content = {ContentPart::fromText(*json)};
            completion.choices.first().message.form = Message::ContentForm::String;
        }
        return true;
    }
    Error invalid(Error::Kind::InvalidResponse,
                  tr("%1 did not return valid JSON: %2").arg(candidate.target.displayName(), problem));
    invalid.provider = candidate.target.provider.id;
    invalid.model = candidate.target.model;
    record(AttemptRecord::Outcome::Failure, &invalid);
    if (m_repair) {
        moveOn(invalid);
        return false;
    }
    const ChatRequest &sent = std::get<ChatRequest>(candidate.request);
    m_repair = JsonModeEmulation::repair(sent, completion.text(), problem);
    tryCandidate();
    return false;
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
    if (const auto delay = m_candidates.at(m_index).policy.delayBeforeRetry(m_retry, error, m_jitter())) {
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
    // The failing provider's settings decide whether its failure moves the request on.
    if (!more || !m_candidates.at(m_index).policy.shouldFallBack(error)) {
        finishWith(error);
        return;
    }
    ++m_index;
    m_retry = 0;
    m_pendingDelay = std::chrono::milliseconds(0);
    m_repair.reset();
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
    if (m_repair)
        r.notes.append(tr("asked again for valid JSON"));
    r.delayBefore = m_pendingDelay;
    m_pendingDelay = std::chrono::milliseconds(0);
    if (m_attemptClock.isValid())
        r.duration = std::chrono::milliseconds(m_attemptClock.elapsed());
    if (m_call && outcome != AttemptRecord::Outcome::Skipped) {
        r.httpStatus = m_call->httpStatus();
        r.rateLimits = m_call->rateLimits();
    }
    if (error) {
        r.errorKind = error->kind;
        r.message = error->message;
        r.retryAfter = error->retryAfter;
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

QString Reply::currentModel() const
{
    if (m_index < m_candidates.size())
        return m_candidates.at(m_index).target.displayName();
    return m_answeredBy;
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
