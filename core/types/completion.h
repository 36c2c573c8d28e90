#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/usage.h>

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMetaType>

#include <optional>

namespace muxi {

/// \brief One of the alternative texts of a Completion.
class MUXI_CORE_EXPORT CompletionChoice
{
public:
    /// Position among the choices.
    int index = 0;
    /// The generated text (for a streamed chunk: the next piece of it).
    QString text;
    /// Why generation stopped ("stop", "length"); empty while unknown.
    QString finishReason;
    /// Log probabilities as the provider sent them, when asked for; null otherwise.
    QJsonValue logprobs;

    /// Field-by-field equality.
    friend bool operator==(const CompletionChoice &, const CompletionChoice &) = default;
};

/// \brief A legacy `text_completion` object; streamed chunks use the same shape.
///
/// The answer to a CompletionRequest, from Client::completeBlocking() or Reply::completion().
class MUXI_CORE_EXPORT Completion
{
public:
    /// The provider's id for this answer.
    QString id;
    /// Unix time of creation, in seconds.
    qint64 created = 0;
    /// The model as the provider names it.
    QString model;
    /// The alternative texts; usually one.
    QList<CompletionChoice> choices;
    /// Token usage as the provider counted it, when it said.
    std::optional<Usage> usage;
    /// Which configured provider answered; not part of OpenAI's object.
    QString provider;
    /// The object's JSON, so fields Muxi does not model survive.
    QJsonObject raw;

    /// Text of the first choice; empty when there is no choice.
    QString text() const;

    /// Reads an OpenAI-shaped `text_completion` object.
    static Completion fromJson(const QJsonObject &object);
    /// The object as OpenAI would send it.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const Completion &, const Completion &) = default;
};

} // namespace muxi

Q_DECLARE_METATYPE(muxi::Completion)
