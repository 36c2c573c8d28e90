#include "comparecontroller.h"

#include "comparecolumn.h"
#include "historystore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>

namespace muxi {

namespace {
constexpr int titleLength = 60;

QString millis(qint64 ms)
{
    return ms < 0 ? QStringLiteral("–") : QCoreApplication::translate("muxi::CompareController", "%1 ms").arg(ms);
}
} // namespace

CompareController::CompareController(Client *client, HistoryStore *history, const AppSettings *settings,
                                     const AttachmentStore *attachments, const PriceTable *prices, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_history(history)
    , m_settings(settings)
    , m_attachments(attachments)
    , m_prices(prices)
{
    // Ten times a second is smooth for a ticking clock and cheap beside the text itself.
    m_tick.setInterval(100);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        for (CompareColumn *c : std::as_const(m_columns))
            c->publish();
    });
}

CompareController::~CompareController()
{
    stopAll();
}

QList<QObject *> CompareController::columnObjects() const
{
    QList<QObject *> objects;
    for (CompareColumn *c : m_columns)
        objects.append(c);
    return objects;
}

QStringList CompareController::models() const
{
    QStringList list;
    for (CompareColumn *c : m_columns)
        list.append(c->model());
    return list;
}

bool CompareController::isStreaming() const
{
    return std::any_of(m_columns.begin(), m_columns.end(), [](CompareColumn *c) {
        return c->isStreaming();
    });
}

int CompareController::preferredColumn() const
{
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns.at(i)->isPreferred())
            return i;
    }
    return -1;
}

CompareColumn *CompareController::createColumn(const QString &model)
{
    auto *column = new CompareColumn(model, m_client, m_settings, m_attachments, m_prices, this);
    connect(column, &CompareColumn::streamingChanged, this, [this] {
        updateTicking();
        Q_EMIT streamingChanged();
    });
    connect(column, &CompareColumn::answerFinished, this, [this, column] {
        save();
        Q_EMIT columnFinished(int(m_columns.indexOf(column)));
    });
    return column;
}

void CompareController::clearColumns()
{
    const QList<CompareColumn *> old = std::exchange(m_columns, {});
    for (CompareColumn *c : old) {
        c->disconnect(this);
        c->stop();
        c->deleteLater();
    }
    updateTicking();
}

bool CompareController::addColumn(const QString &model)
{
    if (isStarted() || model.isEmpty() || m_columns.size() >= MaxColumns)
        return false;
    m_columns.append(createColumn(model));
    Q_EMIT columnsChanged();
    return true;
}

bool CompareController::removeColumn(int index)
{
    if (isStarted() || index < 0 || index >= m_columns.size())
        return false;
    m_columns.takeAt(index)->deleteLater();
    Q_EMIT columnsChanged();
    return true;
}

bool CompareController::setModels(const QStringList &models)
{
    if (isStarted() || models.size() > MaxColumns)
        return false;
    clearColumns();
    for (const QString &model : models)
        m_columns.append(createColumn(model));
    Q_EMIT columnsChanged();
    return true;
}

bool CompareController::send(const QString &text, const QStringList &attachments)
{
    const QString trimmed = text.trimmed();
    if ((trimmed.isEmpty() && attachments.isEmpty()) || m_columns.size() < MinColumns || isStreaming())
        return false;
    if (m_id.isEmpty()) {
        m_id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_title = trimmed.simplified().left(titleLength);
        m_created = QDateTime::currentDateTime();
        Q_EMIT comparisonChanged();
    }
    // Every column starts before any answer can arrive, so none gets a head start.
    for (CompareColumn *c : std::as_const(m_columns))
        c->send(trimmed, attachments);
    save();
    return true;
}

void CompareController::stop(int index)
{
    if (CompareColumn *c = column(index))
        c->stop();
}

void CompareController::stopAll()
{
    for (CompareColumn *c : std::as_const(m_columns))
        c->stop();
}

bool CompareController::rerun(int index)
{
    CompareColumn *c = column(index);
    return c && c->rerun();
}

void CompareController::setPreferred(int index)
{
    for (int i = 0; i < m_columns.size(); ++i)
        m_columns.at(i)->setPreferred(i == index);
    Q_EMIT preferredChanged();
    save();
}

void CompareController::newComparison()
{
    const QStringList keep = models();
    clearColumns();
    m_id.clear();
    m_title.clear();
    m_created = {};
    for (const QString &model : keep)
        m_columns.append(createColumn(model));
    Q_EMIT columnsChanged();
    Q_EMIT comparisonChanged();
    Q_EMIT preferredChanged();
}

void CompareController::openComparison(const QString &id)
{
    m_history->comparison(id, [this, id](const std::optional<ComparisonRecord> &record) {
        if (!record)
            return;
        clearColumns();
        m_id = record->id;
        m_title = record->title;
        m_created = record->created;
        const QJsonArray columns = record->data.value(QLatin1String("columns")).toArray();
        for (const QJsonValue &v : columns) {
            const QJsonObject saved = v.toObject();
            CompareColumn *c = createColumn(saved.value(QLatin1String("model")).toString());
            c->restore(saved);
            m_columns.append(c);
        }
        Q_EMIT columnsChanged();
        Q_EMIT comparisonChanged();
        Q_EMIT preferredChanged();
        Q_EMIT opened(id);
    });
}

void CompareController::removeComparison(const QString &id)
{
    m_history->removeComparison(id);
    if (id == m_id)
        newComparison();
    reloadSaved();
}

void CompareController::reloadSaved()
{
    m_history->comparisons([this](const QList<ComparisonRecord> &records) {
        m_saved.clear();
        for (const ComparisonRecord &r : records) {
            m_saved.append(QVariantMap{
                {QStringLiteral("id"), r.id},
                {QStringLiteral("title"), r.title},
                {QStringLiteral("updated"), r.updated},
            });
        }
        Q_EMIT savedChanged();
    });
}

void CompareController::save()
{
    if (m_id.isEmpty())
        return;
    QJsonArray columns;
    for (CompareColumn *c : std::as_const(m_columns))
        columns.append(c->toJson());
    ComparisonRecord record;
    record.id = m_id;
    record.title = m_title;
    record.created = m_created;
    record.updated = QDateTime::currentDateTime();
    record.data = {{QLatin1String("columns"), columns}};
    m_history->saveComparison(record);
    reloadSaved();
}

void CompareController::updateTicking()
{
    if (isStreaming()) {
        if (!m_tick.isActive())
            m_tick.start();
    } else {
        m_tick.stop();
    }
}

QString CompareController::toMarkdown() const
{
    QString md = QStringLiteral("# ") + (m_title.isEmpty() ? tr("Comparison") : m_title) + QStringLiteral("\n\n");
    md += QStringLiteral("| ") + tr("Model") + QStringLiteral(" | ") + tr("First token") + QStringLiteral(" | ") + tr("Total")
        + QStringLiteral(" | ") + tr("Tokens in/out") + QStringLiteral(" | ") + tr("Tokens/s") + QStringLiteral(" | ") + tr("Cost")
        + QStringLiteral(" |\n|---|---|---|---|---|---|\n");
    for (CompareColumn *c : m_columns) {
        QString name = c->model();
        if (c->isPreferred())
            name += QStringLiteral(" ★");
        md += QStringLiteral("| %1 | %2 | %3 | %4 / %5 | %6 | %7 |\n")
                  .arg(name, millis(c->firstTokenMs()), millis(c->totalMs()))
                  .arg(c->promptTokens())
                  .arg(c->completionTokens())
                  .arg(QLocale::c().toString(c->tokensPerSecond(), 'f', 1), c->costText());
    }
    for (CompareColumn *c : m_columns) {
        md += QStringLiteral("\n## ") + c->model();
        if (c->isPreferred())
            md += QStringLiteral(" (") + tr("preferred") + QStringLiteral(")");
        md += QStringLiteral("\n");
        const QList<ChatMessage> thread = c->messages()->messages();
        for (const ChatMessage &m : thread) {
            if (m.role == Message::Role::User) {
                md += QStringLiteral("\n**") + tr("Prompt") + QStringLiteral(":** ") + m.text + QStringLiteral("\n");
                for (const QString &a : m.attachments)
                    md += QStringLiteral("\n- ") + tr("attachment") + QStringLiteral(" `") + a + QStringLiteral("`\n");
            } else {
                md += QStringLiteral("\n") + m.text + QStringLiteral("\n");
                if (m.status == ChatMessage::Status::Failed)
                    md += QStringLiteral("\n> ") + tr("Error") + QStringLiteral(": ") + m.error + QStringLiteral("\n");
                else if (m.status == ChatMessage::Status::Stopped)
                    md += QStringLiteral("\n> ") + tr("Stopped") + QStringLiteral("\n");
            }
        }
    }
    return md;
}

QString CompareController::exportMarkdown(const QUrl &file) const
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return tr("cannot write %1: %2").arg(path, out.errorString());
    out.write(toMarkdown().toUtf8());
    if (!out.commit())
        return tr("cannot write %1: %2").arg(path, out.errorString());
    return {};
}

} // namespace muxi
