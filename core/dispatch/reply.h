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

/// Runs `callback` after `delay`, unless `context` is destroyed first; tests
/// replace it (Client::setScheduler()) to observe back-off without waiting.
using Scheduler = std::function<void(std::chrono::milliseconds delay, QObject *context, std::function<void()> callback)>;

/// \brief One model the request may go to, with the request as adapted for it.
///
/// Client makes one per model of the fallback chain; a Reply tries them in order.
class MUXI_CORE_EXPORT Candidate
{
public:
    /// Where the request goes (key included).
    Target target;
    /// The adapter of the target's family, owned by the registry; nullptr when #unusable.
    const ProviderAdapter *adapter = nullptr;
    /// The request as adapted to the provider's capabilities.
    Request request;
    /// Set when the candidate cannot take the request (no key, lacks a capability).
    std::optional<Error> unusable;
    /// The provider lacks JSON mode: `request` carries the instruction instead,
    /// and the answer is checked against this format.
    std::optional<ResponseFormat> emulatedJson;
    /// Adaptations made for this provider, copied into its AttemptRecord::notes.
    QStringList notes;
    /// The provider's own retry settings (Configuration::retryPolicy(const QString &)).
    RetryPolicy policy;
    /// The provider's own timeouts (Configuration::timeouts(const QString &)).
    Timeouts timeouts;
};

/// \brief The asynchronous answer to one Client call.
///
/// Retries and fallbacks happen inside it; a listener sees one stream of
/// deltas, then finished() (after error() on failure). Streamed output never
/// restarts: once a token reached the listener, a failure ends the reply
/// instead of being retried, and a stream cut mid-way ends in
/// Error::Kind::StreamInterrupted, never as a complete answer.
///
/// Signals are emitted from the event loop only, never from inside the Client
/// call that made the reply, so connecting right after the call misses nothing.
/// finished() is emitted exactly once. The reply is a child of its Client;
/// delete it (deleteLater(), also from a slot connected to finished()) when
/// done with it. Deleting a running reply cancels it without signals.
class MUXI_CORE_EXPORT Reply : public QObject
{
    Q_OBJECT

public:
    /// Made by Client, which resolves the candidates, each with its provider's
    /// retry policy and timeouts. `callerStreams`: the caller listens to deltas,
    /// so an answer that came in one piece is replayed as chunks.
    Reply(QNetworkAccessManager *network, QList<Candidate> candidates, bool callerStreams, Scheduler scheduler,
          std::function<double()> jitter, QObject *parent = nullptr);
    /// Cancels the attempt in flight, without signals.
    ~Reply() override;

    /// Begins with the first candidate, from the event loop (queued); Client calls it.
    void start();
    /// Cancels: emits error() with Error::Kind::Cancelled and finished() at once,
    /// unless the reply already finished. Output already delivered stays valid.
    void abort();
    /// Spins a local event loop until finished; the blocking API is built on it.
    /// Other events of the thread are processed meanwhile.
    void waitForFinished();

    /// True once finished() was emitted.
    bool isFinished() const { return m_finished; }
    /// True when the reply finished with an error.
    bool hasError() const { return m_error.has_value(); }
    /// The error the reply finished with; a default Error when there was none.
    Error failure() const { return m_error.value_or(Error()); }
    /// The result of a successful reply, of the type the call asks for;
    /// std::monostate until then.
    const Result &result() const { return m_result; }
    /// The chat answer, also after streaming; empty unless a chat call succeeded.
    ChatCompletion chatCompletion() const;
    /// The completion; empty unless a completion call succeeded.
    Completion completion() const;
    /// The embeddings; empty unless an embedding call succeeded.
    EmbeddingResponse embeddings() const;
    /// The model listing; empty unless a listing call succeeded.
    ModelList models() const;
    /// Every try so far, in order, retries and skipped models included.
    QList<AttemptRecord> attempts() const { return m_attempts; }
    /// "provider/model" that produced the result; empty until then.
    QString answeredBy() const { return m_answeredBy; }
    /// "provider/model" being tried now: who sends the chunks of a stream in progress.
    QString currentModel() const;

Q_SIGNALS:
    /// New answer text for choice `choiceIndex`; the pieces joined make the text.
    void delta(const QString &text, int choiceIndex);
    /// A fragment of a tool call of choice `choiceIndex`.
    void toolCallDelta(int choiceIndex, const muxi::ToolCallDelta &fragment);
    /// Every chunk as received, for listeners that want reasoning, refusals,
    /// usage or finish reasons as they arrive.
    void chunk(const muxi::ChatChunk &chunk);
    /// One try ended (success, failure, or skipped), with its record.
    void attemptFinished(const muxi::AttemptRecord &record);
    /// The reply failed: the last model's error (the others are in attempts()). finished() follows.
    void error(const muxi::Error &error);
    /// The reply ended, successfully or not; emitted exactly once.
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
