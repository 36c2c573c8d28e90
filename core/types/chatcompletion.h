#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/message.h>
#include <muxi/usage.h>

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace muxi {

class MUXI_CORE_EXPORT ChatChoice
{
public:
    int index = 0;
    Message message;
    // "stop", "length", "tool_calls", "content_filter"; empty while unknown.
    QString finishReason;
    QJsonValue logprobs;
    QJsonObject raw;

    friend bool operator==(const ChatChoice &, const ChatChoice &) = default;
};

// A finished chat answer in OpenAI's shape, whichever provider produced it.
class MUXI_CORE_EXPORT ChatCompletion
{
public:
    QString id;
    qint64 created = 0;
    QString model;
    QString systemFingerprint;
    QList<ChatChoice> choices;
    std::optional<Usage> usage;
    // Which configured provider answered; not part of OpenAI's object.
    QString provider;
    QJsonObject raw;

    // Text of the first choice, which is what most callers want.
    QString text() const;

    static ChatCompletion fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const ChatCompletion &, const ChatCompletion &) = default;
};

} // namespace muxi

Q_DECLARE_METATYPE(muxi::ChatCompletion)
