#include "conversationthread.h"

#include "answerstream.h"
#include "chatrequestbuilder.h"
#include "historystore.h"

#include <algorithm>

namespace muxi {

ConversationThread::ConversationThread(Client *client, const AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_settings(settings)
{
    m_saveTimer.setInterval(1000);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] {
        const int row = answerRow();
        if (row < 0 || !m_history)
            return;
        const ChatMessage &m = m_messages.message(row);
        if (m.text.size() == m_savedLength)
            return;
        m_savedLength = m.text.size();
        m_history->saveMessage(m);
    });
}

ConversationThread::~ConversationThread()
{
    // Closed mid-stream: what arrived is kept.
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->stop();
        save(answerRow());
    }
}

void ConversationThread::reset(const QString &conversationId)
{
    stop();
    m_conversationId = conversationId;
    m_hidden.clear();
    m_children.clear();
    m_answerId.clear();
    m_messages.setMessages({});
}

void ConversationThread::load(const QString &conversationId, const QList<ChatMessage> &stored)
{
    reset(conversationId);
    QList<ChatMessage> ordered = stored;
    std::stable_sort(ordered.begin(), ordered.end(), [](const ChatMessage &a, const ChatMessage &b) {
        return a.position < b.position;
    });
    QString previous;
    for (ChatMessage m : std::as_const(ordered)) {
        // Saved before branches existed (a comparison's JSON): each message follows the one before.
        if (m.parentId.isEmpty() && m.position > 0)
            m.parentId = previous;
        previous = m.id;
        // An answer still marked as streaming was cut by a crash or a kill.
        if (m.status == ChatMessage::Status::Streaming || m.status == ChatMessage::Status::Pending)
            m.status = ChatMessage::Status::Stopped;
        if (m.role == Message::Role::Tool && !m.isToolFinished()) {
            m.tool.insert(QStringLiteral("state"), QStringLiteral("stopped"));
            if (m.text.isEmpty())
                m.text = tr("The call was stopped before it finished.");
        }
        m_children[m.parentId].append(m.id);
        m_hidden.insert(m.id, m);
    }
    for (QStringList &children : m_children) {
        std::stable_sort(children.begin(), children.end(), [this](const QString &a, const QString &b) {
            return m_hidden.value(a).created < m_hidden.value(b).created;
        });
    }
    QList<ChatMessage> path;
    QList<std::pair<int, int>> siblings;
    QString parent;
    for (;;) {
        const QStringList children = m_children.value(parent);
        if (children.isEmpty())
            break;
        // The active one; with none marked (or several), the newest.
        QString shown = children.last();
        for (const QString &id : children) {
            if (m_hidden.value(id).active)
                shown = id;
        }
        ChatMessage m = m_hidden.take(shown);
        m.active = true;
        siblings.append({int(children.indexOf(shown)), int(children.size())});
        path.append(m);
        parent = shown;
    }
    m_messages.setMessages(path);
    for (int row = 0; row < siblings.size(); ++row) {
        if (siblings.at(row).second > 1)
            m_messages.setSiblings(row, siblings.at(row).first, siblings.at(row).second);
    }
}

QList<ChatMessage> ConversationThread::allMessages() const
{
    QList<ChatMessage> all = m_messages.messages();
    for (const ChatMessage &m : m_hidden)
        all.append(m);
    std::stable_sort(all.begin(), all.end(), [](const ChatMessage &a, const ChatMessage &b) {
        return a.position < b.position || (a.position == b.position && a.created < b.created);
    });
    return all;
}

std::pair<int, int> ConversationThread::siblingsOf(const ChatMessage &message) const
{
    const QStringList siblings = m_children.value(message.parentId);
    return {std::max(0, int(siblings.indexOf(message.id))), std::max(1, int(siblings.size()))};
}

int ConversationThread::append(ChatMessage message)
{
    const int row = m_messages.rowCount();
    if (message.id.isEmpty())
        message.id = ChatMessage::newId();
    if (!message.created.isValid())
        message.created = QDateTime::currentDateTime();
    message.conversationId = m_conversationId;
    message.position = row;
    message.parentId = row > 0 ? m_messages.message(row - 1).id : QString();
    message.active = true;
    m_children[message.parentId].append(message.id);
    const auto [index, count] = siblingsOf(message);
    m_messages.append(message, index, count);
    save(row);
    return row;
}

int ConversationThread::appendUser(const QString &text, const QStringList &attachments)
{
    ChatMessage user;
    user.role = Message::Role::User;
    user.text = text;
    user.attachments = attachments;
    return append(user);
}

int ConversationThread::appendAnswer(const QString &model)
{
    ChatMessage answer;
    answer.role = Message::Role::Assistant;
    answer.model = model;
    answer.status = ChatMessage::Status::Pending;
    const int row = append(answer);
    m_answerId = m_messages.message(row).id;
    m_savedLength = 0;
    return row;
}

ChatRequest ConversationThread::request(const QString &model) const
{
    return ChatRequestBuilder::build(model, m_messages.messages(), m_settings, m_attachments);
}

ChatRequest ConversationThread::request(const ConversationSettings &settings) const
{
    return ChatRequestBuilder::build(settings, m_messages.messages(), m_attachments);
}

void ConversationThread::startAnswer(const QString &model)
{
    const ChatRequest next = request(model);
    appendAnswer(next.model);
    stream(next);
}

void ConversationThread::stream(const ChatRequest &request)
{
    if (m_stream)
        return;
    m_stream = new AnswerStream(m_client, &m_messages, m_answerId, request, this);
    connect(m_stream, &AnswerStream::firstToken, this, &ConversationThread::firstToken);
    connect(m_stream, &AnswerStream::finished, this, &ConversationThread::onStreamFinished);
    m_lastTokensCounted = false;
    m_stream->start();
    setSavingProgress(true);
    Q_EMIT streamingChanged();
}

void ConversationThread::stop()
{
    if (m_stream)
        m_stream->stop();
}

void ConversationThread::onStreamFinished()
{
    AnswerStream *stream = m_stream;
    m_stream = nullptr;
    m_lastTokensCounted = stream->tokensCounted();
    m_saveTimer.stop();
    save(answerRow());
    stream->disconnect(this);
    stream->deleteLater();
    Q_EMIT streamingChanged();
    Q_EMIT answerFinished(m_answerId);
}

void ConversationThread::save(int row)
{
    if (m_history && row >= 0 && row < m_messages.rowCount())
        m_history->saveMessage(m_messages.message(row));
}

void ConversationThread::setSavingProgress(bool on)
{
    if (on) {
        m_saveTimer.start();
        return;
    }
    m_saveTimer.stop();
    save(answerRow());
}

int ConversationThread::answerRow() const
{
    if (m_answerId.isEmpty())
        return -1;
    const int last = m_messages.rowCount() - 1;
    if (last >= 0 && m_messages.message(last).id == m_answerId)
        return last;
    return m_messages.rowOf(m_answerId);
}

void ConversationThread::branchAt(int row)
{
    if (m_stream || row < 0 || row >= m_messages.rowCount())
        return;
    m_messages.flush();
    for (int r = row; r < m_messages.rowCount(); ++r) {
        ChatMessage m = m_messages.message(r);
        if (r == row) {
            m.active = false;
            if (m_history)
                m_history->saveMessage(m);
        }
        m_hidden.insert(m.id, m);
    }
    m_messages.truncate(row);
}

void ConversationThread::discardFrom(int row)
{
    if (m_stream || row < 0 || row >= m_messages.rowCount())
        return;
    QStringList gone;
    QStringList below{m_messages.message(row).id};
    while (!below.isEmpty()) {
        const QString id = below.takeLast();
        gone.append(id);
        below.append(m_children.take(id));
        m_hidden.remove(id);
    }
    m_children[m_messages.message(row).parentId].removeOne(m_messages.message(row).id);
    m_messages.truncate(row);
    if (m_history)
        m_history->removeMessages(gone);
}

bool ConversationThread::switchBranch(int row, int delta)
{
    if (m_stream || row < 0 || row >= m_messages.rowCount())
        return false;
    const ChatMessage current = m_messages.message(row);
    const QStringList siblings = m_children.value(current.parentId);
    const qsizetype target = siblings.indexOf(current.id) + delta;
    if (delta == 0 || target < 0 || target >= siblings.size())
        return false;
    branchAt(row);
    showPathFrom(siblings.at(target));
    return true;
}

void ConversationThread::showPathFrom(const QString &id)
{
    QString next = id;
    bool first = true;
    while (!next.isEmpty() && m_hidden.contains(next)) {
        ChatMessage m = m_hidden.take(next);
        // Only the chosen sibling changes; below it each level keeps the branch it showed last.
        if (first && !m.active) {
            m.active = true;
            if (m_history)
                m_history->saveMessage(m);
        }
        first = false;
        const auto [index, count] = siblingsOf(m);
        m_messages.append(m, index, count);
        next.clear();
        const QStringList children = m_children.value(m.id);
        for (const QString &child : children) {
            if (m_hidden.value(child).active)
                next = child;
        }
        if (next.isEmpty() && !children.isEmpty())
            next = children.last();
    }
}

} // namespace muxi
