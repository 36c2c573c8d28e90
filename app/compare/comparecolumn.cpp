#include "comparecolumn.h"

#include "answerstream.h"
#include "chatrequestbuilder.h"
#include "pricetable.h"

#include <QJsonArray>
#include <QLocale>

namespace muxi {

CompareColumn::CompareColumn(const QString &model, Client *client, const AppSettings *settings, const AttachmentStore *attachments,
                             const PriceTable *prices, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_client(client)
    , m_settings(settings)
    , m_attachments(attachments)
    , m_prices(prices)
{
    // Counting pieces is cheap; the count is shown at the next publish().
    connect(&m_messages, &QAbstractItemModel::dataChanged, this, [this] {
        m_dirty = true;
    });
}

CompareColumn::~CompareColumn()
{
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->stop();
    }
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
    if (last < 0 || m_messages.message(last).role != QLatin1String("assistant"))
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
    return m && m_stream == nullptr ? m->model : QString();
}

qint64 CompareColumn::firstTokenMs() const
{
    const ChatMessage *m = latestAnswer();
    return m ? m->firstTokenMs : -1;
}

qint64 CompareColumn::totalMs() const
{
    if (m_stream)
        return m_stream->elapsedMs();
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
    if (m_stream && m->completionTokens == 0)
        return m_stream->pieces();
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
    if (m_stream)
        return;
    ChatMessage user;
    user.id = ChatMessage::newId();
    user.role = QStringLiteral("user");
    user.text = text;
    user.attachments = attachments;
    user.created = QDateTime::currentDateTime();
    user.position = m_messages.rowCount();
    m_messages.append(user);
    startAnswer();
}

bool CompareColumn::rerun()
{
    if (m_stream || m_messages.rowCount() == 0)
        return false;
    if (latestAnswer())
        m_messages.truncate(m_messages.rowCount() - 1);
    startAnswer();
    return true;
}

void CompareColumn::startAnswer()
{
    const ChatRequest request = ChatRequestBuilder::build(m_model, m_messages.messages(), m_settings, m_attachments);
    ChatMessage answer;
    answer.id = ChatMessage::newId();
    answer.role = QStringLiteral("assistant");
    answer.model = m_model;
    answer.status = ChatMessage::Status::Pending;
    answer.created = QDateTime::currentDateTime();
    answer.position = m_messages.rowCount();
    m_messages.append(answer);
    m_tokensCounted = false;

    m_stream = new AnswerStream(m_client, &m_messages, answer.id, request, this);
    connect(m_stream, &AnswerStream::firstToken, this, [this] {
        m_dirty = true;
        publish();
    });
    connect(m_stream, &AnswerStream::finished, this, &CompareColumn::onFinished);
    m_stream->start();
    Q_EMIT streamingChanged();
    m_dirty = true;
    publish();
}

void CompareColumn::stop()
{
    if (m_stream)
        m_stream->stop();
}

void CompareColumn::onFinished()
{
    AnswerStream *stream = m_stream;
    m_stream = nullptr;
    m_tokensCounted = stream->tokensCounted();
    stream->disconnect(this);
    stream->deleteLater();
    m_dirty = true;
    publish();
    Q_EMIT streamingChanged();
    Q_EMIT answerFinished();
}

void CompareColumn::publish()
{
    if (!m_dirty && !m_stream)
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
    for (const QJsonValue &v : saved) {
        ChatMessage m = ChatMessage::fromJson(v.toObject());
        // An answer saved mid-stream was cut when the app closed.
        if (m.status == ChatMessage::Status::Streaming || m.status == ChatMessage::Status::Pending)
            m.status = ChatMessage::Status::Stopped;
        thread.append(m);
    }
    m_messages.setMessages(thread);
    m_tokensCounted = object.value(QLatin1String("tokens_counted")).toBool();
    setPreferred(object.value(QLatin1String("preferred")).toBool());
    m_dirty = true;
    publish();
}

} // namespace muxi
