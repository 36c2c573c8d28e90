#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/attemptrecord.h>
#include <muxi/imagedownloader.h>
#include <muxi/retrypolicy.h>
#include <muxi/upstreamcall.h>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;

namespace muxi {

// Runs `callback` after `delay`; tests replace it to observe back-off without waiting.
using Scheduler = std::function<void(std::chrono::milliseconds delay, QObject *context, std::function<void()> callback)>;

// One model the request may go to, with the request as adapted for it.
class MUXI_CORE_EXPORT Candidate
{
public:
    Target target;
    const ProviderAdapter *adapter = nullptr;
    Request request;
    // Set when the candidate cannot take the request (no key, lacks a capability).
    std::optional<Error> unusable;
    // The provider lacks JSON mode: `request` carries the instruction instead,
    // and the answer is checked against this format.
    std::optional<ResponseFormat> emulatedJson;
    QStringList notes;
    // The provider's own retry and timeout settings (Configuration::retryPolicy(id)).
    RetryPolicy policy;
    Timeouts timeouts;
};

// The asynchronous answer to one Client call. Retries and fallbacks happen
// inside it; a listener sees one stream of deltas, then finished() (after
// error() on failure). Streamed output never restarts: once a token reached
// the listener, a failure ends the reply instead of being retried.
class MUXI_CORE_EXPORT Reply : public QObject
{
    Q_OBJECT

public:
    // `callerStreams`: the caller listens to deltas, so an answer that came in
    // one piece is replayed as chunks.
    Reply(QNetworkAccessManager *network, QList<Candidate> candidates, bool callerStreams, Scheduler scheduler,
          std::function<double()> jitter, QObject *parent = nullptr);
    ~Reply() override;

    void start();
    void abort();
    // Spins a local event loop until finished; the blocking API is built on it.
    void waitForFinished();

    bool isFinished() const { return m_finished; }
    bool hasError() const { return m_error.has_value(); }
    Error failure() const { return m_error.value_or(Error()); }
    const Result &result() const { return m_result; }
    ChatCompletion chatCompletion() const;
    Completion completion() const;
    EmbeddingResponse embeddings() const;
    ModelList models() const;
    QList<AttemptRecord> attempts() const { return m_attempts; }
    // "provider/model" that produced the result.
    QString answeredBy() const { return m_answeredBy; }

Q_SIGNALS:
    void delta(const QString &text, int choiceIndex);
    void toolCallDelta(int choiceIndex, const muxi::ToolCallDelta &fragment);
    void chunk(const muxi::ChatChunk &chunk);
    void attemptFinished(const muxi::AttemptRecord &record);
    void error(const muxi::Error &error);
    void finished();

private:
    void tryCandidate();
    void onChunk(const ChatChunk &chunk);
    void onSucceeded();
    void onFailed(const Error &error);
    bool acceptEmulatedJson(ChatCompletion &completion);
    // False while images the provider needs as bytes are still being fetched.
    bool inlineImages(Candidate &candidate);
    void record(AttemptRecord::Outcome outcome, const Error *error);
    void moveOn(const Error &error);
    void finishWith(const Error &error);
    void finish();

    QNetworkAccessManager *m_network;
    QList<Candidate> m_candidates;
    bool m_callerStreams;
    Scheduler m_scheduler;
    std::function<double()> m_jitter;

    qsizetype m_index = 0;
    int m_retry = 0;
    std::chrono::milliseconds m_pendingDelay{0};
    QPointer<UpstreamCall> m_call;
    QElapsedTimer m_attemptClock;
    bool m_streamedToListener = false;
    bool m_attemptStreamed = false;
    // The JSON repair request replacing the candidate's own request, once sent.
    std::optional<ChatRequest> m_repair;
    // Fetched once per reply, whichever candidates need them.
    QHash<QUrl, Expected<ContentPart>> m_images;
    QList<AttemptRecord> m_attempts;
    Result m_result;
    std::optional<Error> m_error;
    QString m_answeredBy;
    bool m_finished = false;
};

} // namespace muxi
