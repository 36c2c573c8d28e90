#pragma once

#include <muxi/chatrequest.h>
#include <muxi/error.h>
#include <muxi/reply.h>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <optional>

namespace muxi {

class Client;
class MessageModel;

// One answer streaming from the core into its row of a MessageModel: status,
// time to first token and total time, the text, token counts, which model
// answered and every attempt on the way. Shared by the chat and by each
// column of a comparison, so both report an answer the same way.
class AnswerStream : public QObject
{
    Q_OBJECT

public:
    AnswerStream(Client *client, MessageModel *messages, const QString &answerId, const ChatRequest &request,
                 QObject *parent = nullptr);
    ~AnswerStream() override;

    void start();
    // Ends the answer as stopped, keeping what arrived; finished() follows at once.
    void stop();
    bool isRunning() const { return m_reply != nullptr; }
    QString answerId() const { return m_answerId; }
    // Milliseconds since start(), while running and after.
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }
    // True when the provider sent no usage and the counts were made here
    // (exact for OpenAI models, an estimate otherwise: TokenCounter).
    bool tokensCounted() const { return m_tokensCounted; }
    bool tokensExact() const { return m_tokensExact; }
    // Text pieces received so far: a live stand-in for the output token count.
    int pieces() const { return m_pieces; }

Q_SIGNALS:
    void firstToken();
    // An attempt ended (a fallback was tried, a retry happened).
    void attemptRecorded();
    void finished();

private:
    int row() const;
    void onDelta(const QString &text, int choiceIndex);
    void onFinished();
    void countTokens(int row);

    Client *m_client;
    MessageModel *m_messages;
    QString m_answerId;
    ChatRequest m_request;
    QPointer<Reply> m_reply;
    QElapsedTimer m_clock;
    std::optional<Error> m_error;
    int m_pieces = 0;
    bool m_stopped = false;
    bool m_sawUsage = false;
    bool m_tokensCounted = false;
    bool m_tokensExact = false;
};

} // namespace muxi
