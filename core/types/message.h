#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/contentpart.h>
#include <muxi/toolcall.h>

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace muxi {

class MUXI_CORE_EXPORT Message
{
public:
    enum class Role { System, Developer, User, Assistant, Tool };
    // How `content` appeared on the wire, so it is written back the same way.
    enum class ContentForm { String, Parts, Null };

    Role role = Role::User;
    QList<ContentPart> content;
    ContentForm form = ContentForm::String;
    QString name;
    QList<ToolCall> toolCalls;
    QString toolCallId;
    QString refusal;
    // DeepSeek and others return reasoning beside the answer; some require it back on tool turns.
    QString reasoningContent;
    QJsonObject raw;

    static Message system(const QString &text);
    static Message user(const QString &text);
    static Message user(const QList<ContentPart> &parts);
    static Message assistant(const QString &text);
    static Message toolResult(const QString &toolCallId, const QString &text);

    // The text parts joined, which is all that most providers' text fields take.
    QString text() const;
    bool hasImages() const;
    bool hasAudio() const;

    static QString roleName(Role role);
    static std::optional<Role> roleFromName(const QString &name);

    static Message fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const Message &, const Message &) = default;
};

} // namespace muxi
