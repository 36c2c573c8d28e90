#pragma once

#include "chatmessage.h"
#include "conversationthread.h"
#include "messagemodel.h"

#include <QJsonObject>
#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace muxi {

class AppSettings;
class AttachmentStore;
class Client;
class PriceTable;

// One model of a comparison with its own thread: follow-up prompts continue
// it, it streams, stops and runs again on its own, and it reports the
// timings, token counts and cost of its latest answer.
class CompareColumn : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the compare controller")
    Q_PROPERTY(QString model READ model CONSTANT)
    Q_PROPERTY(muxi::MessageModel *messages READ messages CONSTANT)
    Q_PROPERTY(bool streaming READ isStreaming NOTIFY streamingChanged)
    Q_PROPERTY(bool preferred READ isPreferred NOTIFY preferredChanged)
    Q_PROPERTY(QString status READ status NOTIFY statsChanged)
    Q_PROPERTY(QString error READ error NOTIFY statsChanged)
    Q_PROPERTY(QString answeredBy READ answeredBy NOTIFY statsChanged)
    Q_PROPERTY(qint64 firstTokenMs READ firstTokenMs NOTIFY statsChanged)
    Q_PROPERTY(qint64 totalMs READ totalMs NOTIFY statsChanged)
    Q_PROPERTY(int promptTokens READ promptTokens NOTIFY statsChanged)
    Q_PROPERTY(int completionTokens READ completionTokens NOTIFY statsChanged)
    Q_PROPERTY(bool tokensCounted READ tokensCounted NOTIFY statsChanged)
    Q_PROPERTY(double tokensPerSecond READ tokensPerSecond NOTIFY statsChanged)
    Q_PROPERTY(double cost READ cost NOTIFY statsChanged)
    Q_PROPERTY(QString costText READ costText NOTIFY statsChanged)
    Q_PROPERTY(QVariantList attempts READ attempts NOTIFY statsChanged)

public:
    CompareColumn(const QString &model, Client *client, const AppSettings *settings, const AttachmentStore *attachments,
                  const PriceTable *prices, QObject *parent = nullptr);
    ~CompareColumn() override;

    QString model() const { return m_model; }
    MessageModel *messages() { return m_thread.messages(); }
    bool isStreaming() const { return m_thread.isStreaming(); }
    bool isPreferred() const { return m_preferred; }
    void setPreferred(bool preferred);

    // Of the latest answer: "" before any, then the ChatMessage status names.
    QString status() const;
    QString error() const;
    QString answeredBy() const;
    // -1 until known.
    qint64 firstTokenMs() const;
    // Runs on while the answer streams.
    qint64 totalMs() const;
    int promptTokens() const;
    // While streaming, the pieces received so far (one token each on every
    // provider we stream from); then the provider's count or our own.
    int completionTokens() const;
    bool tokensCounted() const;
    // Output tokens per second after the first one; 0 until measurable.
    double tokensPerSecond() const;
    // US dollars, or -1 when the price table does not know the model.
    double cost() const;
    QString costText() const;
    QVariantList attempts() const;

    // Adds the user's turn to this column's thread and answers it.
    void send(const QString &text, const QStringList &attachments);
    Q_INVOKABLE void stop();
    // Answers the last prompt again, replacing this column's last answer.
    Q_INVOKABLE bool rerun();
    // Emits statsChanged when something changed since the last call; the
    // controller calls it a few times a second so live timings tick without a
    // signal per token.
    void publish();

    QJsonObject toJson() const;
    void restore(const QJsonObject &object);

Q_SIGNALS:
    void streamingChanged();
    void preferredChanged();
    void statsChanged();
    void answerFinished();

private:
    const ChatMessage *latestAnswer() const;
    void startAnswer();
    void onFinished();

    QString m_model;
    const PriceTable *m_prices;
    ConversationThread m_thread;
    const MessageModel &m_messages;
    bool m_tokensCounted = false;
    bool m_preferred = false;
    bool m_dirty = false;
};

} // namespace muxi
