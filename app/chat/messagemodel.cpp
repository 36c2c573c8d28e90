#include "messagemodel.h"

#include <QDateTime>
#include <QJSEngine>

namespace muxi {

MessageModel::MessageModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_frameTimer.setSingleShot(true);
    m_frameTimer.setInterval(16);
    connect(&m_frameTimer, &QTimer::timeout, this, &MessageModel::flush);
}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(size_t(index.row()));
    const ChatMessage &m = row.message;
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return m.text;
    case IdRole:
        return m.id;
    case RoleRole:
        return Message::roleName(m.role);
    case HtmlRole:
        return rendered(row).html;
    case AttachmentsRole:
        return m.attachments;
    case ModelRole:
        return m.model;
    case StatusRole:
        return ChatMessage::statusName(m.status);
    case ErrorRole:
        return m.error;
    case CreatedRole:
        return m.created;
    case FirstTokenMsRole:
        return m.firstTokenMs;
    case DurationMsRole:
        return m.durationMs;
    case PromptTokensRole:
        return m.promptTokens;
    case CompletionTokensRole:
        return m.completionTokens;
    case CodeBlocksRole:
        return rendered(row).codeBlocks;
    case StableHtmlRole:
        return rendered(row).stableHtml;
    case TailHtmlRole:
        return rendered(row).tailHtml;
    case AttemptsRole:
        return m.attempts.toVariantList();
    case ToolCallsRole:
        return m.toolCalls.toVariantList();
    case ToolRole:
        return m.tool.toVariantMap();
    case SiblingIndexRole:
        return row.siblingIndex;
    case SiblingCountRole:
        return row.siblingCount;
    case StableBlocksRole:
        if (!row.blocks) {
            row.blocks.reset(new HtmlBlockModel);
            QJSEngine::setObjectOwnership(row.blocks.get(), QJSEngine::CppOwnership);
            row.blocks->sync(rendered(row).markdown.stableParts());
        }
        return QVariant::fromValue(static_cast<QObject *>(row.blocks.get()));
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageModel::roleNames() const
{
    return {
        {IdRole, "messageId"},
        {RoleRole, "role"},
        {TextRole, "text"},
        {HtmlRole, "html"},
        {AttachmentsRole, "attachments"},
        {ModelRole, "model"},
        {StatusRole, "status"},
        {ErrorRole, "error"},
        {CreatedRole, "created"},
        {FirstTokenMsRole, "firstTokenMs"},
        {DurationMsRole, "durationMs"},
        {PromptTokensRole, "promptTokens"},
        {CompletionTokensRole, "completionTokens"},
        {CodeBlocksRole, "codeBlocks"},
        {StableHtmlRole, "stableHtml"},
        {TailHtmlRole, "tailHtml"},
        {AttemptsRole, "attempts"},
        {StableBlocksRole, "stableBlocks"},
        {ToolCallsRole, "toolCalls"},
        {ToolRole, "tool"},
        {SiblingIndexRole, "siblingIndex"},
        {SiblingCountRole, "siblingCount"},
    };
}

const MessageModel::Row &MessageModel::rendered(const Row &row)
{
    if (!row.rendered)
        render(row);
    return row;
}

void MessageModel::render(const Row &row)
{
    row.rendered = true;
    // User text is shown as typed; only answers are Markdown.
    if (row.message.role == Message::Role::Assistant) {
        row.stableHtml = row.markdown.stableHtml();
        row.tailHtml = row.markdown.tailHtml();
        row.html = row.stableHtml + row.tailHtml;
        row.codeBlocks = row.markdown.codeBlocks();
        if (row.blocks)
            row.blocks->sync(row.markdown.stableParts());
    } else {
        row.html = row.message.text.toHtmlEscaped().replace(QLatin1Char('\n'), QLatin1String("<br>"));
        row.codeBlocks.clear();
    }
}

void MessageModel::setMessages(const QList<ChatMessage> &messages)
{
    m_frameTimer.stop();
    m_pending.clear();
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(size_t(messages.size()));
    for (const ChatMessage &message : messages) {
        Row row;
        row.message = message;
        row.markdown.setText(message.text);
        m_rows.push_back(std::move(row));
    }
    endResetModel();
}

int MessageModel::append(const ChatMessage &message, int siblingIndex, int siblingCount)
{
    const int at = int(m_rows.size());
    Row row;
    row.message = message;
    row.siblingIndex = siblingIndex;
    row.siblingCount = siblingCount;
    row.markdown.setText(message.text);
    render(row);
    beginInsertRows({}, at, at);
    m_rows.push_back(std::move(row));
    endInsertRows();
    return at;
}

void MessageModel::truncate(int row)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    beginRemoveRows({}, row, int(m_rows.size()) - 1);
    m_rows.erase(m_rows.begin() + row, m_rows.end());
    endRemoveRows();
    m_pending.removeIf([row](int pending) {
        return pending >= row;
    });
}

void MessageModel::appendText(int row, const QString &text)
{
    if (row < 0 || row >= int(m_rows.size()) || text.isEmpty())
        return;
    Row &r = m_rows.at(size_t(row));
    r.message.text.append(text);
    r.markdown.append(text);
    m_pending.insert(row);
    if (!m_frameTimer.isActive())
        m_frameTimer.start();
}

void MessageModel::setText(int row, const QString &text)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    Row &r = m_rows.at(size_t(row));
    r.message.text = text;
    r.markdown.setText(text);
    render(r);
    m_pending.remove(row);
    emitTextChanged(row);
}

void MessageModel::flush()
{
    m_frameTimer.stop();
    const QSet<int> pending = std::exchange(m_pending, {});
    for (int row : pending) {
        const Row &r = m_rows.at(size_t(row));
        const qsizetype stableBefore = r.stableHtml.size();
        render(r);
        const QModelIndex at = index(row);
        QList<int> roles{TextRole, HtmlRole, CodeBlocksRole, TailHtmlRole};
        if (r.stableHtml.size() != stableBefore)
            roles.append(StableHtmlRole);
        Q_EMIT dataChanged(at, at, roles);
    }
}

void MessageModel::emitTextChanged(int row)
{
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at, {TextRole, HtmlRole, CodeBlocksRole, StableHtmlRole, TailHtmlRole});
}

void MessageModel::update(int row, const ChatMessage &message)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    ChatMessage &current = m_rows.at(size_t(row)).message;
    QList<int> roles;
    if (current.model != message.model)
        roles.append(ModelRole);
    if (current.status != message.status)
        roles.append(StatusRole);
    if (current.error != message.error)
        roles.append(ErrorRole);
    if (current.firstTokenMs != message.firstTokenMs)
        roles.append(FirstTokenMsRole);
    if (current.durationMs != message.durationMs)
        roles.append(DurationMsRole);
    if (current.promptTokens != message.promptTokens)
        roles.append(PromptTokensRole);
    if (current.completionTokens != message.completionTokens)
        roles.append(CompletionTokensRole);
    if (current.attachments != message.attachments)
        roles.append(AttachmentsRole);
    if (current.attempts != message.attempts)
        roles.append(AttemptsRole);
    if (current.toolCalls != message.toolCalls)
        roles.append(ToolCallsRole);
    if (current.tool != message.tool)
        roles.append(ToolRole);
    const QString text = current.text;
    current = message;
    current.text = text;
    if (!roles.isEmpty()) {
        const QModelIndex at = index(row);
        Q_EMIT dataChanged(at, at, roles);
    }
}

void MessageModel::emitChanged(int row, const QList<int> &roles)
{
    if (roles.isEmpty())
        return;
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at, roles);
}

void MessageModel::setStatus(int row, ChatMessage::Status status, const QString &error)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    ChatMessage &m = m_rows.at(size_t(row)).message;
    QList<int> roles;
    if (m.status != status)
        roles.append(StatusRole);
    if (m.error != error)
        roles.append(ErrorRole);
    m.status = status;
    m.error = error;
    emitChanged(row, roles);
}

void MessageModel::setModel(int row, const QString &model)
{
    if (row < 0 || row >= int(m_rows.size()) || m_rows.at(size_t(row)).message.model == model)
        return;
    m_rows.at(size_t(row)).message.model = model;
    emitChanged(row, {ModelRole});
}

void MessageModel::setFirstTokenMs(int row, qint64 ms)
{
    if (row < 0 || row >= int(m_rows.size()) || m_rows.at(size_t(row)).message.firstTokenMs == ms)
        return;
    m_rows.at(size_t(row)).message.firstTokenMs = ms;
    emitChanged(row, {FirstTokenMsRole});
}

void MessageModel::setDurationMs(int row, qint64 ms)
{
    if (row < 0 || row >= int(m_rows.size()) || m_rows.at(size_t(row)).message.durationMs == ms)
        return;
    m_rows.at(size_t(row)).message.durationMs = ms;
    emitChanged(row, {DurationMsRole});
}

void MessageModel::setTokens(int row, int prompt, int completion)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    ChatMessage &m = m_rows.at(size_t(row)).message;
    QList<int> roles;
    if (m.promptTokens != prompt)
        roles.append(PromptTokensRole);
    if (m.completionTokens != completion)
        roles.append(CompletionTokensRole);
    m.promptTokens = prompt;
    m.completionTokens = completion;
    emitChanged(row, roles);
}

void MessageModel::appendAttempt(int row, const QJsonObject &attempt)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    m_rows.at(size_t(row)).message.attempts.append(attempt);
    emitChanged(row, {AttemptsRole});
}

void MessageModel::setSiblings(int row, int index, int count)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    Row &r = m_rows.at(size_t(row));
    QList<int> roles;
    if (r.siblingIndex != index)
        roles.append(SiblingIndexRole);
    if (r.siblingCount != count)
        roles.append(SiblingCountRole);
    r.siblingIndex = index;
    r.siblingCount = count;
    emitChanged(row, roles);
}

QList<ChatMessage> MessageModel::messages() const
{
    QList<ChatMessage> all;
    all.reserve(qsizetype(m_rows.size()));
    for (const Row &row : m_rows)
        all.append(row.message);
    return all;
}

int MessageModel::rowOf(const QString &id) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).message.id == id)
            return int(i);
    }
    return -1;
}

QString MessageModel::codeBlock(int row, int index) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return {};
    return rendered(m_rows.at(size_t(row))).codeBlocks.value(index);
}

} // namespace muxi
