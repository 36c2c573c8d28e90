#include "answerstream.h"

#include "messagemodel.h"

#include <muxi/client.h>
#include <muxi/tokencounter.h>

namespace muxi {

AnswerStream::AnswerStream(Client *client, MessageModel *messages, const QString &answerId, const ChatRequest &request,
                           QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_messages(messages)
    , m_answerId(answerId)
    , m_request(request)
{
}

AnswerStream::~AnswerStream()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void AnswerStream::start()
{
    // The prompt's size is known before anything streams; the provider's usage replaces it when sent.
    if (const Expected<TokenCount> prompt = TokenCounter::countRequest(m_request); prompt) {
        if (const int r = row(); r >= 0)
            m_messages->setTokens(r, int(prompt->tokens), m_messages->message(r).completionTokens);
    }
    m_clock.start();
    m_reply = m_client->chat(m_request);
    connect(m_reply, &Reply::delta, this, &AnswerStream::onDelta);
    connect(m_reply, &Reply::chunk, this, [this](const ChatChunk &chunk) {
        if (!chunk.usage)
            return;
        const int r = row();
        if (r < 0)
            return;
        m_sawUsage = true;
        m_messages->setTokens(r, chunk.usage->promptTokens, chunk.usage->completionTokens);
    });
    connect(m_reply, &Reply::attemptFinished, this, [this](const AttemptRecord &record) {
        const int r = row();
        if (r < 0)
            return;
        m_messages->appendAttempt(r, record.toJson());
        Q_EMIT attemptRecorded();
    });
    connect(m_reply, &Reply::error, this, [this](const Error &error) {
        m_error = error;
    });
    connect(m_reply, &Reply::finished, this, &AnswerStream::onFinished);
}

int AnswerStream::row() const
{
    const int last = m_messages->rowCount() - 1;
    if (last >= 0 && m_messages->message(last).id == m_answerId)
        return last;
    return m_messages->rowOf(m_answerId);
}

void AnswerStream::onDelta(const QString &text, int choiceIndex)
{
    if (choiceIndex != 0)
        return;
    const int r = row();
    if (r < 0)
        return;
    if (m_messages->message(r).status == ChatMessage::Status::Pending) {
        m_messages->setStatus(r, ChatMessage::Status::Streaming);
        m_messages->setFirstTokenMs(r, m_clock.elapsed());
        Q_EMIT firstToken();
    }
    ++m_pieces;
    m_messages->appendText(r, text);
}

void AnswerStream::stop()
{
    if (!m_reply)
        return;
    m_stopped = true;
    m_reply->abort();
    // abort() may finish synchronously; if it did not, end the answer here.
    if (m_reply)
        onFinished();
}

void AnswerStream::countTokens(int r)
{
    const ChatMessage &m = m_messages->message(r);
    const QString model = m.model.isEmpty() ? m_request.model : m.model;
    const Expected<TokenCount> prompt = TokenCounter::countRequest(m_request);
    const Expected<TokenCount> completion = TokenCounter::countText(model, m.text);
    if (!prompt || !completion)
        return;
    m_tokensCounted = true;
    m_tokensExact = prompt->exact && completion->exact;
    m_messages->setTokens(r, int(prompt->tokens), int(completion->tokens));
}

void AnswerStream::onFinished()
{
    Reply *reply = m_reply;
    m_reply = nullptr;
    const int r = row();
    if (r >= 0) {
        m_messages->flush();
        m_messages->setDurationMs(r, m_clock.elapsed());
        if (!reply->answeredBy().isEmpty())
            m_messages->setModel(r, reply->answeredBy());
        const ChatCompletion completion = reply->hasError() ? ChatCompletion() : reply->chatCompletion();
        if (completion.usage) {
            m_sawUsage = true;
            m_messages->setTokens(r, completion.usage->promptTokens, completion.usage->completionTokens);
        }
        if (m_messages->message(r).text.isEmpty() && !completion.text().isEmpty())
            m_messages->setText(r, completion.text());
        if (m_stopped) {
            m_messages->setStatus(r, ChatMessage::Status::Stopped);
        } else if (m_error || reply->hasError()) {
            Error error = m_error.value_or(reply->failure());
            // Whatever the provider echoed, the key never reaches the screen or the database.
            if (const std::optional<ProviderInfo> p = m_client->provider(error.provider))
                error.redact(m_client->configuration().apiKey(*p));
            m_messages->setStatus(r, ChatMessage::Status::Failed, error.toString());
        } else {
            m_messages->setStatus(r, ChatMessage::Status::Done);
        }
        if (!m_sawUsage && !m_messages->message(r).text.isEmpty())
            countTokens(r);
    }
    reply->disconnect(this);
    reply->deleteLater();
    Q_EMIT finished();
}

} // namespace muxi
