#pragma once

#include "composerattachments.h"
#include "messagemodel.h"
#include "modelpickermodel.h"

#include <muxi/expected.h>
#include <muxi/tokencount.h>

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace muxi {

// How full the model's context window would be with the next message: the
// system prompt, the conversation, the draft and its attachments, counted with
// the core's TokenCounter (exact for models whose tokenizer is known, an
// estimate otherwise) against the context window the model catalogue knows.
// Counting runs on the thread pool, at most once per `delay` while anything
// changes, and never more than one count at a time.
class ContextMeter : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString model READ model WRITE setModel NOTIFY inputsChanged)
    Q_PROPERTY(QString systemPrompt READ systemPrompt WRITE setSystemPrompt NOTIFY inputsChanged)
    Q_PROPERTY(QString draft READ draft WRITE setDraft NOTIFY inputsChanged)
    // A MessageModel; anything else (a test's stand-in) counts as no conversation.
    Q_PROPERTY(QObject *messages READ messages WRITE setMessages NOTIFY inputsChanged)
    Q_PROPERTY(muxi::ComposerAttachments *attachments READ attachments WRITE setAttachments NOTIFY inputsChanged)
    // Where the context window comes from.
    Q_PROPERTY(muxi::ModelPickerModel *models READ models WRITE setModels NOTIFY inputsChanged)
    Q_PROPERTY(int delay READ delay WRITE setDelay NOTIFY inputsChanged)

    Q_PROPERTY(bool counted READ counted NOTIFY countChanged)
    Q_PROPERTY(qint64 tokens READ tokens NOTIFY countChanged)
    // 0 when the catalogue does not know the model's window.
    Q_PROPERTY(qint64 contextWindow READ contextWindow NOTIFY countChanged)
    // False when any part was estimated (unknown tokenizer, attachments).
    Q_PROPERTY(bool exact READ exact NOTIFY countChanged)
    Q_PROPERTY(QString encoding READ encoding NOTIFY countChanged)
    Q_PROPERTY(bool overLimit READ overLimit NOTIFY countChanged)
    // tokens / contextWindow; 0 when the window is unknown.
    Q_PROPERTY(double fraction READ fraction NOTIFY countChanged)
    // "≈ 1,234 / 128,000 tokens", for the composer.
    Q_PROPERTY(QString summary READ summary NOTIFY countChanged)
    // Why sending is held back; empty while within the window.
    Q_PROPERTY(QString warning READ warning NOTIFY countChanged)

public:
    // What an attachment is taken to cost when the tokenizer cannot say:
    // OpenAI's high-detail 1024×1024 image, and Gemini's 32 tokens per second of audio.
    static constexpr qint64 imageTokens = 765;
    static constexpr qint64 audioTokensPerSecond = 32;
    // An audio file whose length is not known is taken to be a minute long.
    static constexpr qint64 unknownAudioSeconds = 60;

    explicit ContextMeter(QObject *parent = nullptr);

    QString model() const { return m_model; }
    void setModel(const QString &model);
    QString systemPrompt() const { return m_systemPrompt; }
    void setSystemPrompt(const QString &prompt);
    QString draft() const { return m_draft; }
    void setDraft(const QString &draft);
    MessageModel *messages() const { return m_messages; }
    void setMessages(QObject *messages);
    ComposerAttachments *attachments() const { return m_attachments; }
    void setAttachments(ComposerAttachments *attachments);
    ModelPickerModel *models() const { return m_models; }
    void setModels(ModelPickerModel *models);
    int delay() const { return m_timer.interval(); }
    void setDelay(int ms);

    bool counted() const { return m_counted; }
    qint64 tokens() const { return m_tokens; }
    qint64 contextWindow() const { return m_contextWindow; }
    bool exact() const { return m_exact; }
    QString encoding() const { return m_encoding; }
    bool overLimit() const { return m_contextWindow > 0 && m_tokens > m_contextWindow; }
    double fraction() const { return m_contextWindow > 0 ? double(m_tokens) / double(m_contextWindow) : 0.0; }
    QString summary() const;
    QString warning() const;

    // Counts now instead of after the delay (the count itself still runs on the pool).
    Q_INVOKABLE void recount();

Q_SIGNALS:
    void inputsChanged();
    void countChanged();

private:
    void schedule();
    void apply(int generation, const Expected<TokenCount> &count, qint64 fallbackTokens, qint64 attachmentTokens);
    void watch(QObject *model);

    QString m_model;
    QString m_systemPrompt;
    QString m_draft;
    QPointer<MessageModel> m_messages;
    QPointer<ComposerAttachments> m_attachments;
    QPointer<ModelPickerModel> m_models;
    QTimer m_timer;
    int m_generation = 0;
    bool m_running = false;
    bool m_dirty = false;

    bool m_counted = false;
    qint64 m_tokens = 0;
    qint64 m_contextWindow = 0;
    bool m_exact = false;
    QString m_encoding;
};

} // namespace muxi
