#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/usage.h>

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMetaType>

#include <optional>

namespace muxi {

class MUXI_CORE_EXPORT CompletionChoice
{
public:
    int index = 0;
    QString text;
    QString finishReason;
    QJsonValue logprobs;

    friend bool operator==(const CompletionChoice &, const CompletionChoice &) = default;
};

// A legacy `text_completion` object; streamed chunks use the same shape.
class MUXI_CORE_EXPORT Completion
{
public:
    QString id;
    qint64 created = 0;
    QString model;
    QList<CompletionChoice> choices;
    std::optional<Usage> usage;
    QString provider;
    QJsonObject raw;

    QString text() const;

    static Completion fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const Completion &, const Completion &) = default;
};

} // namespace muxi

Q_DECLARE_METATYPE(muxi::Completion)
