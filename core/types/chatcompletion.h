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

/// \brief One of the alternative answers of a ChatCompletion.
class MUXI_CORE_EXPORT ChatChoice
{
public:
    /// Position among the choices (ChatRequest::n asks for several).
    int index = 0;
    /// The assistant's message: text, tool calls, refusal or reasoning.
    Message message;
    /// Why generation stopped: "stop", "length", "tool_calls", "content_filter"; empty while unknown.
    QString finishReason;
    /// Log probabilities as the provider sent them, when asked for; null otherwise.
    QJsonValue logprobs;
    /// The choice's JSON, so fields Muxi does not model survive.
    QJsonObject raw;

    /// Field-by-field equality.
    friend bool operator==(const ChatChoice &, const ChatChoice &) = default;
};

/// \brief A finished chat answer in OpenAI's shape, whichever provider produced it.
///
/// Returned by Client::chatBlocking() and Reply::chatCompletion(); for a
/// streamed request it is what the chunks add up to.
class MUXI_CORE_EXPORT ChatCompletion
{
public:
    /// The provider's id for this answer.
    QString id;
    /// Unix time of creation, in seconds.
    qint64 created = 0;
    /// The model as the provider names it (it may differ from the one asked for, e.g. a dated version).
    QString model;
    /// OpenAI's system_fingerprint, when sent.
    QString systemFingerprint;
    /// The alternative answers; usually one.
    QList<ChatChoice> choices;
    /// Token usage as the provider counted it, when it said.
    std::optional<Usage> usage;
    /// Which configured provider answered ("openai", "groq", …); not part of OpenAI's object.
    QString provider;
    /// The completion's JSON (after translation to OpenAI's shape).
    QJsonObject raw;

    /// Text of the first choice, which is what most callers want; empty when there is no choice.
    QString text() const;

    /// Reads an OpenAI-shaped `chat.completion` object; unknown fields stay in #raw.
    static ChatCompletion fromJson(const QJsonObject &object);
    /// The object as OpenAI would send it.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const ChatCompletion &, const ChatCompletion &) = default;
};

} // namespace muxi

Q_DECLARE_METATYPE(muxi::ChatCompletion)
