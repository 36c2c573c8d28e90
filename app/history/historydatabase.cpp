#include "historydatabase.h"

#include "conversationsettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace muxi {

namespace {

// Each entry brings the schema from version i to i + 1; entries are never edited once released.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps{
        {
            QStringLiteral("CREATE TABLE conversations (id TEXT PRIMARY KEY, title TEXT NOT NULL, created INTEGER NOT NULL,"
                           " updated INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE messages (id TEXT PRIMARY KEY,"
                           " conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,"
                           " position INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL, attachments TEXT,"
                           " model TEXT, status TEXT NOT NULL, error TEXT, created INTEGER NOT NULL,"
                           " first_token_ms INTEGER, duration_ms INTEGER, prompt_tokens INTEGER, completion_tokens INTEGER)"),
            QStringLiteral("CREATE INDEX messages_by_conversation ON messages (conversation_id, position)"),
        },
        {
            QStringLiteral("ALTER TABLE conversations ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("CREATE INDEX conversations_by_update ON conversations (deleted, updated)"),
        },
        {
            QStringLiteral("ALTER TABLE messages ADD COLUMN attempts TEXT"),
            // A comparison's columns each hold their own thread; they are read
            // and written whole, so one JSON document per comparison suffices.
            QStringLiteral("CREATE TABLE comparisons (id TEXT PRIMARY KEY, title TEXT NOT NULL, created INTEGER NOT NULL,"
                           " updated INTEGER NOT NULL, data TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX comparisons_by_update ON comparisons (updated)"),
        },
        {
            // Tool calls: an answer's calls, and one row per call with its result in `text`.
            QStringLiteral("ALTER TABLE messages ADD COLUMN tool_calls TEXT"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN tool TEXT"),
        },
        {
            // Per-conversation settings (ConversationSettings::toJson), a table of their own so a
            // conversation without any keeps no row.
            QStringLiteral("CREATE TABLE conversation_settings (conversation_id TEXT PRIMARY KEY"
                           " REFERENCES conversations(id) ON DELETE CASCADE, settings TEXT NOT NULL)"),
        },
    };
    return steps;
}

qint64 toMs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

} // namespace

HistoryDatabase::HistoryDatabase()
    : m_connection(QStringLiteral("muxi-history-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

HistoryDatabase::~HistoryDatabase()
{
    close();
}

bool HistoryDatabase::open(const QString &path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    if (!db.open()) {
        m_error = db.lastError().text();
        return false;
    }
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !exec(QStringLiteral("PRAGMA synchronous=NORMAL"))
        || !exec(QStringLiteral("PRAGMA foreign_keys=ON")))
        return false;
    return migrate();
}

void HistoryDatabase::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool HistoryDatabase::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

bool HistoryDatabase::exec(const QString &statement)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(statement)) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

int HistoryDatabase::schemaVersion() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("SELECT version FROM schema_version")) || !query.next())
        return 0;
    return query.value(0).toInt();
}

QString HistoryDatabase::journalMode() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("PRAGMA journal_mode")) || !query.next())
        return {};
    return query.value(0).toString();
}

bool HistoryDatabase::migrate()
{
    if (!exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")))
        return false;
    int version = schemaVersion();
    if (version == 0 && !exec(QStringLiteral("INSERT INTO schema_version (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)")))
        return false;
    if (version > currentVersion) {
        m_error = QStringLiteral("history database has schema version %1, newer than this build (%2)").arg(version).arg(currentVersion);
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    for (; version < currentVersion; ++version) {
        db.transaction();
        for (const QString &statement : migrations().at(version)) {
            if (!exec(statement)) {
                db.rollback();
                return false;
            }
        }
        if (!exec(QStringLiteral("UPDATE schema_version SET version = %1").arg(version + 1))) {
            db.rollback();
            return false;
        }
        db.commit();
    }
    return true;
}

bool HistoryDatabase::saveConversation(const ConversationInfo &conversation)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("INSERT INTO conversations (id, title, created, updated) VALUES (?, ?, ?, ?)"
                                 " ON CONFLICT(id) DO UPDATE SET title = excluded.title, updated = excluded.updated"));
    query.addBindValue(conversation.id);
    query.addBindValue(conversation.title);
    query.addBindValue(toMs(conversation.created));
    query.addBindValue(toMs(conversation.updated));
    if (!query.exec()) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

bool HistoryDatabase::setDeleted(const QString &conversationId, bool deleted)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("UPDATE conversations SET deleted = ? WHERE id = ?"));
    query.addBindValue(deleted ? 1 : 0);
    query.addBindValue(conversationId);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

bool HistoryDatabase::purgeDeleted()
{
    return exec(QStringLiteral("DELETE FROM conversations WHERE deleted = 1"));
}

QList<ConversationInfo> HistoryDatabase::conversations(const QString &search) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    QString sql = QStringLiteral("SELECT c.id, c.title, c.created, c.updated,"
                                 " (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id)"
                                 " FROM conversations c WHERE c.deleted = 0");
    const QString trimmed = search.trimmed();
    if (!trimmed.isEmpty()) {
        sql += QStringLiteral(" AND (c.title LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id"
                              " AND m.text LIKE ? ESCAPE '\\'))");
    }
    sql += QStringLiteral(" ORDER BY c.updated DESC, c.created DESC");
    query.prepare(sql);
    if (!trimmed.isEmpty()) {
        QString pattern = trimmed;
        pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        pattern.replace(QLatin1Char('%'), QLatin1String("\\%"));
        pattern.replace(QLatin1Char('_'), QLatin1String("\\_"));
        const QString like = QLatin1Char('%') + pattern + QLatin1Char('%');
        query.addBindValue(like);
        query.addBindValue(like);
    }
    QList<ConversationInfo> result;
    if (!query.exec())
        return result;
    while (query.next()) {
        ConversationInfo info;
        info.id = query.value(0).toString();
        info.title = query.value(1).toString();
        info.created = QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong());
        info.updated = QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong());
        info.messageCount = query.value(4).toInt();
        result.append(info);
    }
    return result;
}

std::optional<ConversationInfo> HistoryDatabase::conversation(const QString &id) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT id, title, created, updated FROM conversations WHERE id = ? AND deleted = 0"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    ConversationInfo info;
    info.id = query.value(0).toString();
    info.title = query.value(1).toString();
    info.created = QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong());
    info.updated = QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong());
    return info;
}

bool HistoryDatabase::saveMessage(const ChatMessage &m)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral(
        "INSERT INTO messages (id, conversation_id, position, role, text, attachments, model, status, error, created,"
        " first_token_ms, duration_ms, prompt_tokens, completion_tokens, attempts, tool_calls, tool)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET position = excluded.position, text = excluded.text, attachments = excluded.attachments,"
        " model = excluded.model, status = excluded.status, error = excluded.error, first_token_ms = excluded.first_token_ms,"
        " duration_ms = excluded.duration_ms, prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,"
        " attempts = excluded.attempts, tool_calls = excluded.tool_calls, tool = excluded.tool"));
    query.addBindValue(m.id);
    query.addBindValue(m.conversationId);
    query.addBindValue(m.position);
    query.addBindValue(m.role);
    // An empty answer (nothing streamed yet) is '' in the database, not NULL.
    query.addBindValue(m.text.isNull() ? QStringLiteral("") : m.text);
    query.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(m.attachments)).toJson(QJsonDocument::Compact)));
    query.addBindValue(m.model);
    query.addBindValue(ChatMessage::statusName(m.status));
    query.addBindValue(m.error);
    query.addBindValue(toMs(m.created));
    query.addBindValue(m.firstTokenMs);
    query.addBindValue(m.durationMs);
    query.addBindValue(m.promptTokens);
    query.addBindValue(m.completionTokens);
    query.addBindValue(m.attempts.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(m.attempts).toJson(QJsonDocument::Compact)));
    query.addBindValue(m.toolCalls.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(m.toolCalls).toJson(QJsonDocument::Compact)));
    query.addBindValue(m.tool.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(m.tool).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

bool HistoryDatabase::truncate(const QString &conversationId, int position)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("DELETE FROM messages WHERE conversation_id = ? AND position >= ?"));
    query.addBindValue(conversationId);
    query.addBindValue(position);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

QList<ChatMessage> HistoryDatabase::messages(const QString &conversationId) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, conversation_id, position, role, text, attachments, model, status, error, created,"
                                 " first_token_ms, duration_ms, prompt_tokens, completion_tokens, attempts, tool_calls, tool"
                                 " FROM messages WHERE conversation_id = ? ORDER BY position"));
    query.addBindValue(conversationId);
    QList<ChatMessage> result;
    if (!query.exec())
        return result;
    while (query.next()) {
        ChatMessage m;
        m.id = query.value(0).toString();
        m.conversationId = query.value(1).toString();
        m.position = query.value(2).toInt();
        m.role = query.value(3).toString();
        m.text = query.value(4).toString();
        // Most messages have none: skip the JSON parser for "[]".
        const QString attachments = query.value(5).toString();
        if (attachments.size() > 2) {
            const QJsonArray list = QJsonDocument::fromJson(attachments.toUtf8()).array();
            for (const QJsonValue &a : list)
                m.attachments.append(a.toString());
        }
        m.model = query.value(6).toString();
        m.status = ChatMessage::statusFromName(query.value(7).toString());
        m.error = query.value(8).toString();
        m.created = QDateTime::fromMSecsSinceEpoch(query.value(9).toLongLong());
        m.firstTokenMs = query.value(10).toLongLong();
        m.durationMs = query.value(11).toLongLong();
        m.promptTokens = query.value(12).toInt();
        m.completionTokens = query.value(13).toInt();
        if (const QString attempts = query.value(14).toString(); !attempts.isEmpty())
            m.attempts = QJsonDocument::fromJson(attempts.toUtf8()).array();
        if (const QString calls = query.value(15).toString(); !calls.isEmpty())
            m.toolCalls = QJsonDocument::fromJson(calls.toUtf8()).array();
        if (const QString tool = query.value(16).toString(); !tool.isEmpty())
            m.tool = QJsonDocument::fromJson(tool.toUtf8()).object();
        result.append(m);
    }
    return result;
}

bool HistoryDatabase::saveComparison(const ComparisonRecord &comparison)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("INSERT INTO comparisons (id, title, created, updated, data) VALUES (?, ?, ?, ?, ?)"
                                 " ON CONFLICT(id) DO UPDATE SET title = excluded.title, updated = excluded.updated,"
                                 " data = excluded.data"));
    query.addBindValue(comparison.id);
    query.addBindValue(comparison.title);
    query.addBindValue(toMs(comparison.created));
    query.addBindValue(toMs(comparison.updated));
    query.addBindValue(QString::fromUtf8(QJsonDocument(comparison.data).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

bool HistoryDatabase::removeComparison(const QString &id)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("DELETE FROM comparisons WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

QList<ComparisonRecord> HistoryDatabase::comparisons() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    QList<ComparisonRecord> result;
    if (!query.exec(QStringLiteral("SELECT id, title, created, updated FROM comparisons ORDER BY updated DESC")))
        return result;
    while (query.next()) {
        ComparisonRecord c;
        c.id = query.value(0).toString();
        c.title = query.value(1).toString();
        c.created = QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong());
        c.updated = QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong());
        result.append(c);
    }
    return result;
}

std::optional<ComparisonRecord> HistoryDatabase::comparison(const QString &id) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT id, title, created, updated, data FROM comparisons WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    ComparisonRecord c;
    c.id = query.value(0).toString();
    c.title = query.value(1).toString();
    c.created = QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong());
    c.updated = QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong());
    c.data = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
    return c;
}

bool HistoryDatabase::saveConversationSettings(const QString &conversationId, const ConversationSettings &settings)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("INSERT INTO conversation_settings (conversation_id, settings) VALUES (?, ?)"
                                 " ON CONFLICT(conversation_id) DO UPDATE SET settings = excluded.settings"));
    query.addBindValue(conversationId);
    query.addBindValue(QString::fromUtf8(QJsonDocument(settings.toJson()).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

std::optional<ConversationSettings> HistoryDatabase::conversationSettings(const QString &conversationId) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT settings FROM conversation_settings WHERE conversation_id = ?"));
    query.addBindValue(conversationId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return ConversationSettings::fromJson(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object());
}

} // namespace muxi
