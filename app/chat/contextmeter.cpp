#include "contextmeter.h"

#include "chatrequestbuilder.h"
#include "composerattachments.h"
#include "messagemodel.h"
#include "modelpickermodel.h"

#include <muxi/tokencounter.h>

#include <QCoreApplication>
#include <QLocale>
#include <QMimeDatabase>
#include <QThreadPool>

namespace muxi {

namespace {
qint64 audioTokens(qint64 durationMs)
{
    const qint64 seconds = durationMs > 0 ? (durationMs + 999) / 1000 : ContextMeter::unknownAudioSeconds;
    return seconds * ContextMeter::audioTokensPerSecond;
}

// Attachments kept in the history are named by their hash and extension.
qint64 storedAttachmentTokens(const QString &reference)
{
    const bool audio = QMimeDatabase().mimeTypeForFile(reference, QMimeDatabase::MatchExtension).name().startsWith(QLatin1String("audio/"));
    return audio ? audioTokens(0) : ContextMeter::imageTokens;
}
} // namespace

ContextMeter::ContextMeter(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(300);
    connect(&m_timer, &QTimer::timeout, this, &ContextMeter::recount);
    connect(this, &ContextMeter::inputsChanged, this, &ContextMeter::schedule);
}

void ContextMeter::setModel(const QString &model)
{
    if (m_model == model)
        return;
    m_model = model;
    Q_EMIT inputsChanged();
}

void ContextMeter::setSystemPrompt(const QString &prompt)
{
    if (m_systemPrompt == prompt)
        return;
    m_systemPrompt = prompt;
    Q_EMIT inputsChanged();
}

void ContextMeter::setDraft(const QString &draft)
{
    if (m_draft == draft)
        return;
    m_draft = draft;
    Q_EMIT inputsChanged();
}

void ContextMeter::watch(QObject *model)
{
    auto *items = qobject_cast<QAbstractItemModel *>(model);
    if (!items)
        return;
    connect(items, &QAbstractItemModel::rowsInserted, this, &ContextMeter::schedule);
    connect(items, &QAbstractItemModel::rowsRemoved, this, &ContextMeter::schedule);
    connect(items, &QAbstractItemModel::modelReset, this, &ContextMeter::schedule);
    connect(items, &QAbstractItemModel::dataChanged, this, &ContextMeter::schedule);
}

void ContextMeter::setMessages(QObject *object)
{
    MessageModel *messages = qobject_cast<MessageModel *>(object);
    if (m_messages == messages)
        return;
    if (m_messages)
        m_messages->disconnect(this);
    m_messages = messages;
    watch(messages);
    Q_EMIT inputsChanged();
}

void ContextMeter::setAttachments(ComposerAttachments *attachments)
{
    if (m_attachments == attachments)
        return;
    if (m_attachments)
        m_attachments->disconnect(this);
    m_attachments = attachments;
    watch(attachments);
    Q_EMIT inputsChanged();
}

void ContextMeter::setModels(ModelPickerModel *models)
{
    if (m_models == models)
        return;
    if (m_models)
        m_models->disconnect(this);
    m_models = models;
    // A listing arriving may bring the window.
    watch(models);
    Q_EMIT inputsChanged();
}

void ContextMeter::setDelay(int ms)
{
    if (m_timer.interval() == ms)
        return;
    m_timer.setInterval(ms);
    Q_EMIT inputsChanged();
}

void ContextMeter::schedule()
{
    // A throttle, not a debounce: a streaming answer changes the model every
    // frame, and the meter should still move while it does.
    if (!m_timer.isActive())
        m_timer.start();
}

void ContextMeter::recount()
{
    m_timer.stop();
    if (m_running) {
        m_dirty = true;
        return;
    }
    if (m_model.isEmpty())
        return;
    ConversationSettings settings;
    settings.model = m_model;
    settings.systemPrompt = m_systemPrompt;
    QList<ChatMessage> thread = m_messages ? m_messages->messages() : QList<ChatMessage>();
    qint64 attachmentTokens = 0;
    for (const ChatMessage &m : std::as_const(thread)) {
        for (const QString &reference : m.attachments)
            attachmentTokens += storedAttachmentTokens(reference);
    }
    if (m_attachments) {
        for (int row = 0; row < m_attachments->rowCount(); ++row) {
            const QModelIndex index = m_attachments->index(row);
            attachmentTokens += index.data(ComposerAttachments::KindRole).toString() == QLatin1String("audio")
                ? audioTokens(index.data(ComposerAttachments::DurationMsRole).toLongLong())
                : imageTokens;
        }
    }
    if (!m_draft.trimmed().isEmpty()) {
        ChatMessage draft;
        draft.role = QStringLiteral("user");
        draft.text = m_draft.trimmed();
        thread.append(draft);
    }
    // Text only: the counter does not count attachments, they are added above.
    const ChatRequest request = ChatRequestBuilder::build(settings, thread, nullptr);
    qint64 characters = 0;
    for (const Message &m : request.messages)
        characters += m.text().size();
    // Without the model's ranks installed, the rule of thumb stands in.
    const qint64 fallbackTokens = (characters + 3) / 4;

    m_running = true;
    const int generation = ++m_generation;
    QPointer<ContextMeter> self(this);
    QThreadPool::globalInstance()->start([self, generation, request, fallbackTokens, attachmentTokens] {
        const Expected<TokenCount> count = TokenCounter::countRequest(request);
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, generation, count, fallbackTokens, attachmentTokens] {
            if (self)
                self->apply(generation, count, fallbackTokens, attachmentTokens);
        });
    });
}

void ContextMeter::apply(int generation, const Expected<TokenCount> &count, qint64 fallbackTokens, qint64 attachmentTokens)
{
    m_running = false;
    if (generation == m_generation) {
        m_counted = true;
        m_tokens = (count ? count->tokens : fallbackTokens) + attachmentTokens;
        m_exact = count && count->exact && attachmentTokens == 0;
        m_encoding = count ? count->encoding : QStringLiteral("chars/4");
        m_contextWindow = m_models ? m_models->contextWindowOf(m_model) : 0;
        Q_EMIT countChanged();
    }
    if (m_dirty) {
        m_dirty = false;
        recount();
    }
}

QString ContextMeter::summary() const
{
    if (!m_counted)
        return {};
    const QLocale locale;
    if (m_contextWindow <= 0)
        return m_exact ? tr("%1 tokens").arg(locale.toString(m_tokens)) : tr("≈ %1 tokens").arg(locale.toString(m_tokens));
    return m_exact ? tr("%1 / %2 tokens").arg(locale.toString(m_tokens), locale.toString(m_contextWindow))
                   : tr("≈ %1 / %2 tokens").arg(locale.toString(m_tokens), locale.toString(m_contextWindow));
}

QString ContextMeter::warning() const
{
    if (!overLimit())
        return {};
    const QLocale locale;
    return tr("The conversation and this message take %1 tokens, more than the %2 that fit in %3's context window. "
              "Start a new conversation, shorten the message or choose a model with a larger window.")
        .arg(locale.toString(m_tokens), locale.toString(m_contextWindow), m_model);
}

} // namespace muxi
