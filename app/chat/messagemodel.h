#pragma once

#include "chatmessage.h"
#include "htmlblockmodel.h"
#include "streamingmarkdown.h"

#include <QAbstractListModel>
#include <QSet>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <vector>

namespace muxi {

// The messages of the open conversation. Streaming text goes through
// appendText(): tokens are buffered, and at most once per frame the rows
// that grew are re-rendered and announced with dataChanged on those rows and
// the text roles only. The model is reset only when another conversation is opened.
class MessageModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the chat controller")

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        RoleRole,
        TextRole,
        HtmlRole,
        AttachmentsRole,
        ModelRole,
        StatusRole,
        ErrorRole,
        CreatedRole,
        FirstTokenMsRole,
        DurationMsRole,
        PromptTokensRole,
        CompletionTokensRole,
        CodeBlocksRole,
        // While a message streams the view shows these two parts separately, so a
        // token re-lays out only the open tail, not the whole answer.
        StableHtmlRole,
        TailHtmlRole,
        // The attempts behind an answer: model, outcome, status, time (AttemptRecord::toJson).
        AttemptsRole,
        // StableHtmlRole as an HtmlBlockModel, block by block, so a view lays out only new blocks.
        StableBlocksRole,
        // An answer's tool calls, and a tool row's call (ChatMessage::toolCalls, ChatMessage::tool).
        ToolCallsRole,
        ToolRole,
        // Where the message stands among its branches: 0-based, and how many there are (1 without branches).
        SiblingIndexRole,
        SiblingCountRole,
    };
    Q_ENUM(Role)

    explicit MessageModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setMessages(const QList<ChatMessage> &messages);
    int append(const ChatMessage &message, int siblingIndex = 0, int siblingCount = 1);
    // Drops rows from `row` to the end (regenerate, edit-and-resend).
    void truncate(int row);
    void appendText(int row, const QString &text);
    void setText(int row, const QString &text);
    // Replaces the non-text fields of a row; emits for the roles that changed.
    void update(int row, const ChatMessage &message);
    // Single fields, as an answer streams: each emits dataChanged on the row with
    // just the roles that changed, and nothing when the value is the same.
    void setStatus(int row, ChatMessage::Status status, const QString &error = {});
    void setModel(int row, const QString &model);
    void setFirstTokenMs(int row, qint64 ms);
    void setDurationMs(int row, qint64 ms);
    void setTokens(int row, int prompt, int completion);
    void appendAttempt(int row, const QJsonObject &attempt);
    void setSiblings(int row, int index, int count);
    // Renders pending text now instead of on the next frame.
    void flush();

    const ChatMessage &message(int row) const { return m_rows.at(size_t(row)).message; }
    int siblingIndex(int row) const { return m_rows.at(size_t(row)).siblingIndex; }
    int siblingCount(int row) const { return m_rows.at(size_t(row)).siblingCount; }
    QList<ChatMessage> messages() const;
    int rowOf(const QString &id) const;
    Q_INVOKABLE QString codeBlock(int row, int index) const;

    // The frame interval used to batch streaming updates.
    void setFrameInterval(int ms) { m_frameTimer.setInterval(ms); }

private:
    // Rendering is deferred until a view asks for the HTML, so opening a long
    // conversation renders only the rows on screen.
    struct Row {
        ChatMessage message;
        mutable StreamingMarkdown markdown;
        mutable QString html;
        mutable QString stableHtml;
        mutable QString tailHtml;
        mutable QStringList codeBlocks;
        mutable bool rendered = false;
        int siblingIndex = 0;
        int siblingCount = 1;
        // Made when a view first asks; deleted later, as a view may still hold it while the row goes.
        mutable std::unique_ptr<HtmlBlockModel, void (*)(HtmlBlockModel *)> blocks{nullptr, [](HtmlBlockModel *m) {
                                                                                  m->deleteLater();
                                                                              }};
    };
    static void render(const Row &row);
    static const Row &rendered(const Row &row);
    void emitTextChanged(int row);
    void emitChanged(int row, const QList<int> &roles);

    std::vector<Row> m_rows;
    QSet<int> m_pending;
    QTimer m_frameTimer;
};

} // namespace muxi
