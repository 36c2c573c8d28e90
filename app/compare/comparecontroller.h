#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace muxi {

class AppSettings;
class AttachmentStore;
class Client;
class CompareColumn;
class HistoryStore;
class PriceTable;

// Side-by-side comparison: one prompt goes to 2–6 models at once, each
// column streams and fails on its own, follow-ups continue every column's
// own thread, and the whole comparison is kept in the history.
class CompareController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(QList<QObject *> columns READ columnObjects NOTIFY columnsChanged)
    Q_PROPERTY(QStringList models READ models NOTIFY columnsChanged)
    Q_PROPERTY(bool streaming READ isStreaming NOTIFY streamingChanged)
    Q_PROPERTY(bool started READ isStarted NOTIFY comparisonChanged)
    Q_PROPERTY(QString comparisonId READ comparisonId NOTIFY comparisonChanged)
    Q_PROPERTY(QString title READ title NOTIFY comparisonChanged)
    Q_PROPERTY(int preferredColumn READ preferredColumn NOTIFY preferredChanged)
    Q_PROPERTY(QVariantList saved READ saved NOTIFY savedChanged)
    Q_PROPERTY(int minColumns READ minColumns CONSTANT)
    Q_PROPERTY(int maxColumns READ maxColumns CONSTANT)

public:
    static constexpr int MinColumns = 2;
    static constexpr int MaxColumns = 6;

    CompareController(Client *client, HistoryStore *history, const AppSettings *settings, const AttachmentStore *attachments,
                      const PriceTable *prices, QObject *parent = nullptr);
    ~CompareController() override;

    QList<CompareColumn *> columns() const { return m_columns; }
    QList<QObject *> columnObjects() const;
    CompareColumn *column(int index) const { return m_columns.value(index); }
    QStringList models() const;
    bool isStreaming() const;
    bool isStarted() const { return !m_id.isEmpty(); }
    QString comparisonId() const { return m_id; }
    QString title() const { return m_title; }
    int preferredColumn() const;
    QVariantList saved() const { return m_saved; }
    int minColumns() const { return MinColumns; }
    int maxColumns() const { return MaxColumns; }

    // How often live timings are published while columns stream.
    void setTickInterval(int ms) { m_tick.setInterval(ms); }

    // Columns can be chosen until the first prompt; afterwards each column's thread belongs to its model.
    Q_INVOKABLE bool addColumn(const QString &model);
    Q_INVOKABLE bool removeColumn(int index);
    Q_INVOKABLE bool setModels(const QStringList &models);
    // Sends to every column at once; false when there are too few columns or one still streams.
    Q_INVOKABLE bool send(const QString &text, const QStringList &attachments = {});
    Q_INVOKABLE void stop(int index);
    Q_INVOKABLE void stopAll();
    Q_INVOKABLE bool rerun(int index);
    // -1 clears the mark.
    Q_INVOKABLE void setPreferred(int index);
    Q_INVOKABLE void newComparison();
    Q_INVOKABLE void openComparison(const QString &id);
    Q_INVOKABLE void removeComparison(const QString &id);
    Q_INVOKABLE void reloadSaved();
    Q_INVOKABLE QString toMarkdown() const;
    // Writes toMarkdown() to a local file; empty on success, else why not.
    Q_INVOKABLE QString exportMarkdown(const QUrl &file) const;

Q_SIGNALS:
    void columnsChanged();
    void streamingChanged();
    void comparisonChanged();
    void preferredChanged();
    void savedChanged();
    // A comparison finished loading from the history.
    void opened(const QString &id);
    void columnFinished(int index);

private:
    CompareColumn *createColumn(const QString &model);
    void clearColumns();
    void save();
    void updateTicking();

    Client *m_client;
    HistoryStore *m_history;
    const AppSettings *m_settings;
    const AttachmentStore *m_attachments;
    const PriceTable *m_prices;
    QList<CompareColumn *> m_columns;
    QString m_id;
    QString m_title;
    QDateTime m_created;
    QVariantList m_saved;
    QTimer m_tick;
};

} // namespace muxi
