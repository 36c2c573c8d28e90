#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/usage.h>

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace muxi {

// A piece of a streamed tool call: id and name arrive once, arguments in fragments.
class MUXI_CORE_EXPORT ToolCallDelta
{
public:
    int index = 0;
    QString id;
    QString name;
    QString arguments;

    friend bool operator==(const ToolCallDelta &, const ToolCallDelta &) = default;
};

class MUXI_CORE_EXPORT ChunkChoice
{
public:
    int index = 0;
    QString role;
    std::optional<QString> content;
    QString reasoningContent;
    QString refusal;
    QList<ToolCallDelta> toolCalls;
    QString finishReason;
    QJsonObject raw;

    friend bool operator==(const ChunkChoice &, const ChunkChoice &) = default;
};

// One `chat.completion.chunk`. Every adapter translates its provider's stream into these.
class MUXI_CORE_EXPORT ChatChunk
{
public:
    QString id;
    qint64 created = 0;
    QString model;
    QList<ChunkChoice> choices;
    std::optional<Usage> usage;
    QJsonObject raw;

    static ChatChunk fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const ChatChunk &, const ChatChunk &) = default;
};

} // namespace muxi

Q_DECLARE_METATYPE(muxi::ChatChunk)
Q_DECLARE_METATYPE(muxi::ToolCallDelta)
