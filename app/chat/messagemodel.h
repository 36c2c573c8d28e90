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
    };
    Q_ENUM(Role)

    explicit MessageModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setMessages(const QList<ChatMessage> &messages);
    int append(const ChatMessage &message);
    // Drops rows from `row` to the end (regenerate, edit-and-resend).
    void truncate(int row);
    void appendText(int row, const QString &text);
    void setText(int row, const QString &text);
    // Replaces the non-text fields of a row; emits for the roles that changed.
    void update(int row, const ChatMessage &message);
    // Renders pending text now instead of on the next frame.
    void flush();

    const ChatMessage &message(int row) const { return m_rows.at(size_t(row)).message; }
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
        // Made when a view first asks; deleted later, as a view may still hold it while the row goes.
        mutable std::unique_ptr<HtmlBlockModel, void (*)(HtmlBlockModel *)> blocks{nullptr, [](HtmlBlockModel *m) {
                                                                                  m->deleteLater();
                                                                              }};
    };
    static void render(const Row &row);
    static const Row &rendered(const Row &row);
    void emitTextChanged(int row);

    std::vector<Row> m_rows;
    QSet<int> m_pending;
    QTimer m_frameTimer;
};

} // namespace muxi
