#include "historystore.h"

#include "historydatabase.h"

#include <QDir>
#include <QFileInfo>

namespace muxi {

HistoryStore::HistoryStore(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_worker(new QObject)
    , m_database(std::make_unique<HistoryDatabase>())
{
    m_thread.setObjectName(QStringLiteral("muxi-history"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QDir().mkpath(QFileInfo(path).absolutePath());
    // The connection must be opened in the thread that uses it.
    QMetaObject::invokeMethod(
        m_worker,
        [this] {
            if (!m_database->open(m_path))
                m_openError = m_database->errorString();
        },
        Qt::BlockingQueuedConnection);
}

HistoryStore::~HistoryStore()
{
    QMetaObject::invokeMethod(
        m_worker,
        [this] {
            m_database->close();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString HistoryStore::errorString() const
{
    return m_openError;
}

void HistoryStore::post(std::function<void(HistoryDatabase &)> work)
{
    // Results are posted back with `this` as context, so they are dropped if the store is gone.
    QMetaObject::invokeMethod(m_worker, [this, work = std::move(work)] {
        if (m_database->isOpen())
            work(*m_database);
    });
}

void HistoryStore::saveConversation(const ConversationInfo &conversation)
{
    post([this, conversation](HistoryDatabase &db) {
        if (!db.saveConversation(conversation))
            QMetaObject::invokeMethod(this, [this, e = db.errorString()] { Q_EMIT failed(e); });
    });
}

void HistoryStore::setDeleted(const QString &conversationId, bool deleted)
{
    post([conversationId, deleted](HistoryDatabase &db) {
        db.setDeleted(conversationId, deleted);
    });
}

void HistoryStore::purgeDeleted()
{
    post([](HistoryDatabase &db) {
        db.purgeDeleted();
    });
}

void HistoryStore::saveMessage(const ChatMessage &message)
{
    post([this, message](HistoryDatabase &db) {
        if (!db.saveMessage(message))
            QMetaObject::invokeMethod(this, [this, e = db.errorString()] { Q_EMIT failed(e); });
    });
}

void HistoryStore::truncate(const QString &conversationId, int position)
{
    post([conversationId, position](HistoryDatabase &db) {
        db.truncate(conversationId, position);
    });
}

void HistoryStore::conversations(const QString &search, std::function<void(const QList<ConversationInfo> &)> callback)
{
    post([this, search, callback = std::move(callback)](HistoryDatabase &db) {
        QMetaObject::invokeMethod(this, [callback, result = db.conversations(search)] {
            callback(result);
        });
    });
}

void HistoryStore::messages(const QString &conversationId, std::function<void(const QList<ChatMessage> &)> callback)
{
    post([this, conversationId, callback = std::move(callback)](HistoryDatabase &db) {
        QMetaObject::invokeMethod(this, [callback, result = db.messages(conversationId)] {
            callback(result);
        });
    });
}

void HistoryStore::saveComparison(const ComparisonRecord &comparison)
{
    post([this, comparison](HistoryDatabase &db) {
        if (!db.saveComparison(comparison))
            QMetaObject::invokeMethod(this, [this, e = db.errorString()] { Q_EMIT failed(e); });
    });
}

void HistoryStore::removeComparison(const QString &id)
{
    post([id](HistoryDatabase &db) {
        db.removeComparison(id);
    });
}

void HistoryStore::comparisons(std::function<void(const QList<ComparisonRecord> &)> callback)
{
    post([this, callback = std::move(callback)](HistoryDatabase &db) {
        QMetaObject::invokeMethod(this, [callback, result = db.comparisons()] {
            callback(result);
        });
    });
}

void HistoryStore::comparison(const QString &id, std::function<void(const std::optional<ComparisonRecord> &)> callback)
{
    post([this, id, callback = std::move(callback)](HistoryDatabase &db) {
        QMetaObject::invokeMethod(this, [callback, result = db.comparison(id)] {
            callback(result);
        });
    });
}

void HistoryStore::saveConversationSettings(const QString &conversationId, const ConversationSettings &settings)
{
    post([this, conversationId, settings](HistoryDatabase &db) {
        if (!db.saveConversationSettings(conversationId, settings))
            QMetaObject::invokeMethod(this, [this, e = db.errorString()] { Q_EMIT failed(e); });
    });
}

void HistoryStore::conversationSettings(const QString &conversationId,
                                        std::function<void(const std::optional<ConversationSettings> &)> callback)
{
    post([this, conversationId, callback = std::move(callback)](HistoryDatabase &db) {
        QMetaObject::invokeMethod(this, [callback, result = db.conversationSettings(conversationId)] {
            callback(result);
        });
    });
}

void HistoryStore::sync()
{
    QMetaObject::invokeMethod(m_worker, [] {}, Qt::BlockingQueuedConnection);
}

} // namespace muxi
