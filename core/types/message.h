#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/contentpart.h>
#include <muxi/toolcall.h>

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace muxi {

/// \brief One turn of a conversation, in OpenAI's shape.
///
/// Build requests with the named constructors (system(), user(), assistant(),
/// toolResult()); answers arrive as the ChatChoice::message of a
/// ChatCompletion, and can be appended to ChatRequest::messages as they are
/// to continue the conversation (tool calls and reasoning included).
class MUXI_CORE_EXPORT Message
{
public:
    /// Who speaks; roleName() gives OpenAI's names.
    enum class Role {
        System, ///< Instructions for the model.
        Developer, ///< OpenAI's newer name for system instructions (its reasoning models).
        User, ///< The person (or program) asking.
        Assistant, ///< The model.
        Tool ///< The result of a tool call, answering #toolCallId.
    };
    /// How #content appeared on the wire, so it is written back the same way.
    enum class ContentForm {
        String, ///< A plain string: the text parts joined.
        Parts, ///< An array of content parts.
        Null ///< null, as in an assistant turn that only calls tools.
    };

    /// Who speaks.
    Role role = Role::User;
    /// The content: text, images, audio, files.
    QList<ContentPart> content;
    /// How #content is written to the wire.
    ContentForm form = ContentForm::String;
    /// An optional participant name, for providers that distinguish speakers.
    QString name;
    /// Assistant turns: the functions the model asked to call.
    QList<ToolCall> toolCalls;
    /// Tool turns: the id of the ToolCall this result answers.
    QString toolCallId;
    /// Assistant turns: why the model declined, when it did.
    QString refusal;
    /// DeepSeek and others return reasoning beside the answer; some require it back on tool turns.
    QString reasoningContent;
    /// The message's JSON, so fields Muxi does not model survive.
    QJsonObject raw;

    /// A system message with `text`.
    static Message system(const QString &text);
    /// A user message with `text`.
    static Message user(const QString &text);
    /// A user message made of `parts` (text, images, audio), written as a parts array.
    static Message user(const QList<ContentPart> &parts);
    /// An assistant message with `text`, for replaying earlier turns.
    static Message assistant(const QString &text);
    /// The result of the tool call `toolCallId`, as the tool's output `text`.
    static Message toolResult(const QString &toolCallId, const QString &text);

    /// The text parts joined, which is all that most providers' text fields take.
    QString text() const;
    /// True when a part is an image.
    bool hasImages() const;
    /// True when a part is audio.
    bool hasAudio() const;

    /// OpenAI's name of `role` ("system", "developer", "user", "assistant", "tool").
    static QString roleName(Role role);
    /// The role named `name`; nullopt for an unknown name.
    static std::optional<Role> roleFromName(const QString &name);

    /// Reads OpenAI's message JSON.
    static Message fromJson(const QJsonObject &object);
    /// The message as OpenAI's JSON, in its original #form.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const Message &, const Message &) = default;
};

} // namespace muxi
