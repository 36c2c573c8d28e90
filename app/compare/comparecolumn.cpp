#include "comparecolumn.h"

#include "answerstream.h"
#include "pricetable.h"

#include <QJsonArray>
#include <QLocale>

namespace muxi {

CompareColumn::CompareColumn(const QString &model, Client *client, const AppSettings *settings, const AttachmentStore *attachments,
                             const PriceTable *prices, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_prices(prices)
    , m_thread(client, settings)
    , m_messages(*m_thread.messages())
{
    m_thread.setAttachmentStore(attachments);
    // Counting pieces is cheap; the count is shown at the next publish().
    connect(&m_messages, &QAbstractItemModel::dataChanged, this, [this] {
        m_dirty = true;
    });
    connect(&m_thread, &ConversationThread::firstToken, this, [this] {
        m_dirty = true;
        publish();
    });
    connect(&m_thread, &ConversationThread::answerFinished, this, &CompareColumn::onFinished);
}

CompareColumn::~CompareColumn()
{
    m_thread.disconnect(this);
}

void CompareColumn::setPreferred(bool preferred)
{
    if (m_preferred == preferred)
        return;
    m_preferred = preferred;
    Q_EMIT preferredChanged();
}

const ChatMessage *CompareColumn::latestAnswer() const
{
    const int last = m_messages.rowCount() - 1;
    if (last < 0 || m_messages.message(last).role != Message::Role::Assistant)
        return nullptr;
    return &m_messages.message(last);
}

QString CompareColumn::status() const
{
    const ChatMessage *m = latestAnswer();
    return m ? ChatMessage::statusName(m->status) : QString();
}

QString CompareColumn::error() const
{
    const ChatMessage *m = latestAnswer();
    return m ? m->error : QString();
}

QString CompareColumn::answeredBy() const
{
    const ChatMessage *m = latestAnswer();
    return m && !isStreaming() ? m->model : QString();
}

qint64 CompareColumn::firstTokenMs() const
{
    const ChatMessage *m = latestAnswer();
    return m ? m->firstTokenMs : -1;
}

qint64 CompareColumn::totalMs() const
{
    if (const AnswerStream *stream = m_thread.answerStream())
        return stream->elapsedMs();
    const ChatMessage *m = latestAnswer();
    return m ? m->durationMs : -1;
}

int CompareColumn::promptTokens() const
{
    const ChatMessage *m = latestAnswer();
    return m ? m->promptTokens : 0;
}

int CompareColumn::completionTokens() const
{
    const ChatMessage *m = latestAnswer();
    if (!m)
        return 0;
    if (const AnswerStream *stream = m_thread.answerStream(); stream && m->completionTokens == 0)
        return stream->pieces();
    return m->completionTokens;
}

bool CompareColumn::tokensCounted() const
{
    return m_tokensCounted;
}

double CompareColumn::tokensPerSecond() const
{
    const qint64 first = firstTokenMs();
    const qint64 total = totalMs();
    const int tokens = completionTokens();
    if (first < 0 || total <= first || tokens <= 1)
        return 0;
    // The first token's wait is latency, not generation speed.
    return double(tokens - 1) * 1000.0 / double(total - first);
}

double CompareColumn::cost() const
{
    const ChatMessage *m = latestAnswer();
    if (!m || !m_prices)
        return -1;
    const QString model = m->model.isEmpty() ? m_model : m->model;
    return m_prices->cost(model, m->promptTokens, completionTokens()).value_or(-1);
}

QString CompareColumn::costText() const
{
    const double c = cost();
    if (c < 0)
        return tr("cost unknown");
    // Small answers cost fractions of a cent: show down to millionths of a dollar, never exponents.
    const int decimals = c >= 1 ? 2 : c >= 0.01 ? 4 : 6;
    return QStringLiteral("$") + QLocale::c().toString(c, 'f', decimals);
}

QVariantList CompareColumn::attempts() const
{
    const ChatMessage *m = latestAnswer();
    return m ? m->attempts.toVariantList() : QVariantList();
}

void CompareColumn::send(const QString &text, const QStringList &attachments)
{
    if (isStreaming())
        return;
    m_thread.appendUser(text, attachments);
    startAnswer();
}

bool CompareColumn::rerun()
{
    if (isStreaming() || m_messages.rowCount() == 0)
        return false;
    // A column compares its latest answer: the one run again replaces it.
    if (latestAnswer())
        m_thread.discardFrom(m_messages.rowCount() - 1);
    startAnswer();
    return true;
}

void CompareColumn::startAnswer()
{
    m_tokensCounted = false;
    m_thread.startAnswer(m_model);
    Q_EMIT streamingChanged();
    m_dirty = true;
    publish();
}

void CompareColumn::stop()
{
    m_thread.stop();
}

void CompareColumn::onFinished()
{
    m_tokensCounted = m_thread.lastTokensCounted();
    m_dirty = true;
    publish();
    Q_EMIT streamingChanged();
    Q_EMIT answerFinished();
}

void CompareColumn::publish()
{
    if (!m_dirty && !isStreaming())
        return;
    m_dirty = false;
    Q_EMIT statsChanged();
}

QJsonObject CompareColumn::toJson() const
{
    QJsonArray thread;
    for (const ChatMessage &m : m_messages.messages())
        thread.append(m.toJson());
    return {
        {QLatin1String("model"), m_model},
        {QLatin1String("preferred"), m_preferred},
        {QLatin1String("tokens_counted"), m_tokensCounted},
        {QLatin1String("thread"), thread},
    };
}

void CompareColumn::restore(const QJsonObject &object)
{
    QList<ChatMessage> thread;
    const QJsonArray saved = object.value(QLatin1String("thread")).toArray();
    for (const QJsonValue &v : saved)
        thread.append(ChatMessage::fromJson(v.toObject()));
    // An answer saved mid-stream was cut when the app closed: the thread marks it stopped.
    m_thread.load({}, thread);
    m_tokensCounted = object.value(QLatin1String("tokens_counted")).toBool();
    setPreferred(object.value(QLatin1String("preferred")).toBool());
    m_dirty = true;
    publish();
}

} // namespace muxi
