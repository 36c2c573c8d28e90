#include "chatcontroller.h"

#include "answerstream.h"
#include "appsettings.h"
#include "chatrequestbuilder.h"
#include "conversationlistmodel.h"
#include "historystore.h"

#include <muxi/client.h>

#include <QClipboard>
#include <QGuiApplication>

namespace muxi {

namespace {
constexpr int titleLength = 60;
}

ChatController::ChatController(Client *client, HistoryStore *history, AppSettings *settings, ConversationListModel *conversations,
                               QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_history(history)
    , m_settings(settings)
    , m_conversations(conversations)
{
    m_model = m_settings->defaultModel();
    if (m_model.isEmpty())
        m_model = m_client->configuration().defaultModel();
    m_saveTimer.setInterval(1000);
    connect(&m_saveTimer, &QTimer::timeout, this, &ChatController::saveProgress);
}

ChatController::~ChatController()
{
    // A window closed mid-stream keeps what arrived.
    if (m_stream)
        m_stream->stop();
}

void ChatController::setModel(const QString &model)
{
    if (m_model == model)
        return;
    m_model = model;
    Q_EMIT modelChanged();
}

void ChatController::newConversation()
{
    stop();
    m_conversation = ConversationInfo();
    m_messages.setMessages({});
    Q_EMIT conversationChanged();
}

void ChatController::openConversation(const QString &id)
{
    if (id == m_conversation.id)
        return;
    stop();
    m_conversation = m_conversations->conversation(id);
    m_conversation.id = id;
    m_loading = true;
    Q_EMIT loadingChanged();
    Q_EMIT conversationChanged();
    m_history->messages(id, [this, id](const QList<ChatMessage> &stored) {
        if (id != m_conversation.id)
            return;
        QList<ChatMessage> messages = stored;
        // An answer still marked as streaming was cut by a crash or a kill.
        for (ChatMessage &m : messages) {
            if (m.status == ChatMessage::Status::Streaming || m.status == ChatMessage::Status::Pending)
                m.status = ChatMessage::Status::Stopped;
        }
        m_messages.setMessages(messages);
        m_loading = false;
        Q_EMIT loadingChanged();
    });
}

bool ChatController::send(const QString &text, const QStringList &attachments)
{
    const QString trimmed = text.trimmed();
    if ((trimmed.isEmpty() && attachments.isEmpty()) || m_stream)
        return false;
    const QDateTime now = QDateTime::currentDateTime();
    if (m_conversation.id.isEmpty()) {
        m_conversation.id = ChatMessage::newId();
        m_conversation.title = trimmed.simplified().left(titleLength);
        m_conversation.created = now;
        Q_EMIT conversationChanged();
    }
    ChatMessage user;
    user.id = ChatMessage::newId();
    user.conversationId = m_conversation.id;
    user.role = QStringLiteral("user");
    user.text = trimmed;
    user.attachments = attachments;
    user.created = now;
    user.position = m_messages.rowCount();
    m_messages.append(user);
    touchConversation();
    m_history->saveMessage(user);
    startAnswer();
    return true;
}

void ChatController::touchConversation()
{
    m_conversation.updated = QDateTime::currentDateTime();
    m_conversation.messageCount = m_messages.rowCount();
    m_history->saveConversation(m_conversation);
    m_conversations->touch(m_conversation);
}

void ChatController::startAnswer()
{
    const ChatRequest request = ChatRequestBuilder::build(m_model, m_messages.messages(), m_settings, m_attachments);

    ChatMessage answer;
    answer.id = ChatMessage::newId();
    answer.conversationId = m_conversation.id;
    answer.role = QStringLiteral("assistant");
    answer.model = request.model;
    answer.status = ChatMessage::Status::Pending;
    answer.created = QDateTime::currentDateTime();
    answer.position = m_messages.rowCount();
    m_messages.append(answer);
    m_history->saveMessage(answer);
    m_answerId = answer.id;
    m_savedLength = 0;

    m_stream = new AnswerStream(m_client, &m_messages, m_answerId, request, this);
    connect(m_stream, &AnswerStream::finished, this, &ChatController::onFinished);
    m_stream->start();
    m_saveTimer.start();
    Q_EMIT streamingChanged();
}

int ChatController::answerRow() const
{
    const int last = m_messages.rowCount() - 1;
    if (last >= 0 && m_messages.message(last).id == m_answerId)
        return last;
    return m_messages.rowOf(m_answerId);
}

void ChatController::saveProgress()
{
    const int row = answerRow();
    if (row < 0)
        return;
    const ChatMessage &m = m_messages.message(row);
    if (m.text.size() == m_savedLength)
        return;
    m_savedLength = m.text.size();
    m_history->saveMessage(m);
}

void ChatController::onFinished()
{
    m_saveTimer.stop();
    AnswerStream *stream = m_stream;
    m_stream = nullptr;
    const int row = answerRow();
    if (row >= 0) {
        m_history->saveMessage(m_messages.message(row));
        touchConversation();
    }
    stream->disconnect(this);
    stream->deleteLater();
    const QString id = m_answerId;
    Q_EMIT streamingChanged();
    Q_EMIT answerFinished(id);
}

void ChatController::stop()
{
    if (m_stream)
        m_stream->stop();
}

void ChatController::truncateFrom(int row)
{
    m_messages.truncate(row);
    m_history->truncate(m_conversation.id, row);
}

void ChatController::regenerate(int row)
{
    if (m_stream || row < 0 || row >= m_messages.rowCount())
        return;
    // From a user message, answer it again; from an answer, replace it.
    const bool isUser = m_messages.message(row).role == QLatin1String("user");
    truncateFrom(isUser ? row + 1 : row);
    startAnswer();
}

void ChatController::editAndResend(int row, const QString &text)
{
    if (m_stream || row < 0 || row >= m_messages.rowCount() || m_messages.message(row).role != QLatin1String("user"))
        return;
    if (text.trimmed().isEmpty())
        return;
    truncateFrom(row);
    send(text);
}

void ChatController::copy(int row) const
{
    if (row < 0 || row >= m_messages.rowCount())
        return;
    QGuiApplication::clipboard()->setText(m_messages.message(row).text);
}

void ChatController::copyCode(int row, int index) const
{
    const QString code = m_messages.codeBlock(row, index);
    if (!code.isEmpty())
        QGuiApplication::clipboard()->setText(code);
}

} // namespace muxi
