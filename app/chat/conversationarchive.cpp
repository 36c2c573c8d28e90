#include "conversationarchive.h"

#include "attachmentstore.h"
#include "conversationlistmodel.h"
#include "historystore.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMimeDatabase>
#include <QSaveFile>

#include <memory>

namespace muxi {

namespace {

const QLatin1String formatName("muxi-conversations");
constexpr int formatVersion = 1;

QString localPath(const QUrl &file)
{
    return file.isLocalFile() ? file.toLocalFile() : file.toString();
}

// The shown branch: from the first level down, each level's active message.
QList<ChatMessage> shownBranch(const QList<ChatMessage> &messages)
{
    QHash<QString, QList<const ChatMessage *>> children;
    for (const ChatMessage &m : messages)
        children[m.parentId].append(&m);
    QList<ChatMessage> path;
    QString parent;
    while (children.contains(parent)) {
        const QList<const ChatMessage *> &level = children.value(parent);
        const ChatMessage *shown = level.last();
        for (const ChatMessage *m : level) {
            if (m->active)
                shown = m;
        }
        path.append(*shown);
        parent = shown->id;
    }
    return path;
}

} // namespace

ConversationArchive::ConversationArchive(HistoryStore *history, const AttachmentStore *attachments, ConversationListModel *conversations,
                                         QObject *parent)
    : QObject(parent)
    , m_history(history)
    , m_attachments(attachments)
    , m_conversations(conversations)
{
}

void ConversationArchive::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void ConversationArchive::fail(const QString &error)
{
    setBusy(false);
    Q_EMIT failed(error);
}

QString ConversationArchive::toMarkdown(const QList<Entry> &entries)
{
    QString md;
    for (const Entry &entry : entries) {
        if (!md.isEmpty())
            md += QStringLiteral("\n---\n\n");
        md += QStringLiteral("# ") + entry.info.title + QStringLiteral("\n\n");
        md += QStringLiteral("*") + QLocale::c().toString(entry.info.created, QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral("*\n");
        for (const ChatMessage &m : shownBranch(entry.messages)) {
            switch (m.role) {
            case Message::Role::User:
                md += QStringLiteral("\n## ") + tr("You") + QStringLiteral("\n\n") + m.text + QStringLiteral("\n");
                for (const QString &a : m.attachments)
                    md += QStringLiteral("\n- ") + tr("attachment") + QStringLiteral(" `") + a + QStringLiteral("`\n");
                break;
            case Message::Role::Tool:
                md += QStringLiteral("\n### ") + tr("Tool %1").arg(m.tool.value(QLatin1String("function")).toString())
                    + QStringLiteral("\n\n```\n") + m.text + QStringLiteral("\n```\n");
                break;
            default:
                md += QStringLiteral("\n## ") + (m.model.isEmpty() ? tr("Assistant") : m.model) + QStringLiteral("\n\n");
                if (!m.text.isEmpty())
                    md += m.text + QStringLiteral("\n");
                if (m.status == ChatMessage::Status::Failed)
                    md += QStringLiteral("\n> ") + tr("Error") + QStringLiteral(": ") + m.error + QStringLiteral("\n");
                else if (m.status == ChatMessage::Status::Stopped)
                    md += QStringLiteral("\n> ") + tr("Stopped") + QStringLiteral("\n");
                break;
            }
        }
    }
    return md;
}

QJsonObject ConversationArchive::toJson(const QList<Entry> &entries, const AttachmentStore *attachments)
{
    QJsonArray conversations;
    QJsonObject files;
    const QMimeDatabase mimes;
    for (const Entry &entry : entries) {
        QJsonArray messages;
        for (const ChatMessage &m : entry.messages) {
            messages.append(m.toJson());
            for (const QString &reference : m.attachments) {
                if (files.contains(reference))
                    continue;
                QJsonObject file{{QLatin1String("mime_type"), mimes.mimeTypeForFile(reference, QMimeDatabase::MatchExtension).name()}};
                QFile in(attachments ? attachments->path(reference) : QString());
                if (attachments && in.open(QIODevice::ReadOnly)) {
                    const QByteArray bytes = in.readAll();
                    file.insert(QLatin1String("size"), bytes.size());
                    file.insert(QLatin1String("data"), QString::fromLatin1(bytes.toBase64()));
                } else {
                    // Gone from the data directory (or no store): named, without bytes.
                    file.insert(QLatin1String("missing"), true);
                }
                files.insert(reference, file);
            }
        }
        conversations.append(QJsonObject{
            {QLatin1String("id"), entry.info.id},
            {QLatin1String("title"), entry.info.title},
            {QLatin1String("created"), entry.info.created.toMSecsSinceEpoch()},
            {QLatin1String("updated"), entry.info.updated.toMSecsSinceEpoch()},
            {QLatin1String("messages"), messages},
        });
    }
    return {
        {QLatin1String("format"), formatName},
        {QLatin1String("version"), formatVersion},
        {QLatin1String("exported"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QLatin1String("conversations"), conversations},
        {QLatin1String("attachments"), files},
    };
}

std::optional<QList<ConversationArchive::Entry>> ConversationArchive::fromJson(const QByteArray &json, const AttachmentStore *attachments,
                                                                                 QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("format")).toString() != formatName) {
        *error = tr("not a Muxi conversation export (no \"format\": \"%1\")").arg(formatName);
        return std::nullopt;
    }
    if (root.value(QLatin1String("version")).toInt() > formatVersion) {
        *error = tr("export format version %1 is newer than this build reads (%2)").arg(root.value(QLatin1String("version")).toInt()).arg(formatVersion);
        return std::nullopt;
    }
    // Attachments first: content-addressed, so the same bytes get back their reference.
    QHash<QString, QString> references;
    const QJsonObject files = root.value(QLatin1String("attachments")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QJsonObject file = it.value().toObject();
        if (!attachments || !file.contains(QLatin1String("data")))
            continue;
        const QByteArray bytes = QByteArray::fromBase64(file.value(QLatin1String("data")).toString().toLatin1());
        const Expected<QString> added = attachments->addBytes(bytes, QFileInfo(it.key()).suffix());
        if (!added) {
            *error = tr("cannot store attachment %1: %2").arg(it.key(), added.error().toString());
            return std::nullopt;
        }
        references.insert(it.key(), *added);
    }
    QList<Entry> entries;
    const QJsonArray conversations = root.value(QLatin1String("conversations")).toArray();
    for (const QJsonValue &value : conversations) {
        const QJsonObject c = value.toObject();
        Entry entry;
        entry.info.id = ChatMessage::newId();
        entry.info.title = c.value(QLatin1String("title")).toString();
        entry.info.created = QDateTime::fromMSecsSinceEpoch(c.value(QLatin1String("created")).toInteger());
        entry.info.updated = QDateTime::fromMSecsSinceEpoch(c.value(QLatin1String("updated")).toInteger());
        // New ids throughout, parents following their messages, so an import never meets an existing row.
        QHash<QString, QString> ids;
        const QJsonArray messages = c.value(QLatin1String("messages")).toArray();
        for (const QJsonValue &m : messages)
            ids.insert(m.toObject().value(QLatin1String("id")).toString(), ChatMessage::newId());
        for (const QJsonValue &v : messages) {
            ChatMessage m = ChatMessage::fromJson(v.toObject());
            m.id = ids.value(m.id);
            m.conversationId = entry.info.id;
            m.parentId = ids.value(m.parentId);
            for (QString &reference : m.attachments)
                reference = references.value(reference, reference);
            entry.messages.append(m);
        }
        entry.info.messageCount = int(entry.messages.size());
        entries.append(entry);
    }
    return entries;
}

void ConversationArchive::exportConversations(const QString &conversationId, const QUrl &file, const QString &format)
{
    if (m_busy)
        return;
    const bool markdown = format == QLatin1String("markdown");
    if (!markdown && format != QLatin1String("json")) {
        Q_EMIT failed(tr("unknown export format \"%1\" (markdown or json)").arg(format));
        return;
    }
    setBusy(true);
    const QString path = localPath(file);
    const auto write = [this, path, markdown](const QList<Entry> &entries) {
        const QByteArray bytes = markdown ? toMarkdown(entries).toUtf8()
                                          : QJsonDocument(toJson(entries, m_attachments)).toJson(QJsonDocument::Indented);
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
            fail(tr("cannot write %1: %2").arg(path, out.errorString()));
            return;
        }
        setBusy(false);
        Q_EMIT finished(entries.size() == 1 ? tr("Exported “%1” to %2").arg(entries.first().info.title, path)
                                            : tr("Exported %n conversation(s) to %1", nullptr, int(entries.size())).arg(path));
    };
    const auto collect = [this, write](const QList<ConversationInfo> &conversations) {
        if (conversations.isEmpty()) {
            fail(tr("no conversation to export"));
            return;
        }
        // The store answers in order: the last conversation's messages complete the set.
        auto entries = std::make_shared<QList<Entry>>();
        for (const ConversationInfo &info : conversations) {
            entries->append({info, {}});
            m_history->messages(info.id, [entries, write, id = info.id, last = conversations.last().id](const QList<ChatMessage> &messages) {
                for (Entry &entry : *entries) {
                    if (entry.info.id == id)
                        entry.messages = messages;
                }
                if (id == last)
                    write(*entries);
            });
        }
    };
    if (conversationId.isEmpty()) {
        m_history->conversations({}, collect);
        return;
    }
    ConversationInfo info = m_conversations->conversation(conversationId);
    info.id = conversationId;
    collect({info});
}

void ConversationArchive::importFile(const QUrl &file)
{
    if (m_busy)
        return;
    const QString path = localPath(file);
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        Q_EMIT failed(tr("cannot read %1: %2").arg(path, in.errorString()));
        return;
    }
    QString error;
    const std::optional<QList<Entry>> entries = fromJson(in.readAll(), m_attachments, &error);
    if (!entries) {
        Q_EMIT failed(tr("cannot import %1: %2").arg(path, error));
        return;
    }
    for (const Entry &entry : *entries) {
        m_history->saveConversation(entry.info);
        for (const ChatMessage &m : entry.messages)
            m_history->saveMessage(m);
    }
    m_conversations->reload();
    Q_EMIT finished(tr("Imported %n conversation(s) from %1", nullptr, int(entries->size())).arg(path));
}

} // namespace muxi
