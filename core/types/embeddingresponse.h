#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/usage.h>

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace muxi {

class MUXI_CORE_EXPORT Embedding
{
public:
    int index = 0;
    QList<float> vector;

    friend bool operator==(const Embedding &, const Embedding &) = default;
};

class MUXI_CORE_EXPORT EmbeddingResponse
{
public:
    QString model;
    QList<Embedding> data;
    std::optional<Usage> usage;
    QString provider;

    // Reads OpenAI's list object; base64 vectors are little-endian float32.
    static EmbeddingResponse fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const EmbeddingResponse &, const EmbeddingResponse &) = default;
};

// Decodes base64 of packed little-endian IEEE-754 float32 values.
MUXI_CORE_EXPORT QList<float> decodeFloat32Base64(const QByteArray &base64);

} // namespace muxi

Q_DECLARE_METATYPE(muxi::EmbeddingResponse)
