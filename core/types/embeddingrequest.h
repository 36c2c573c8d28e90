#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace muxi {

class MUXI_CORE_EXPORT EmbeddingRequest
{
public:
    QString model;
    QStringList input;
    // "float" or "base64"; the answer is decoded to floats either way.
    QString encodingFormat;
    std::optional<int> dimensions;
    // Retrieval role some providers require ("search_document", "query", …).
    QString inputType;
    QString user;
    QJsonObject extra;

    static EmbeddingRequest fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const EmbeddingRequest &, const EmbeddingRequest &) = default;
};

} // namespace muxi
