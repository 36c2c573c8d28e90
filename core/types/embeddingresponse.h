#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/usage.h>

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace muxi {

/// \brief One embedding vector and the input it belongs to.
class MUXI_CORE_EXPORT Embedding
{
public:
    /// Position of the input text in EmbeddingRequest::input.
    int index = 0;
    /// The vector, decoded to floats whatever the wire encoding.
    QList<float> vector;

    /// Field-by-field equality.
    friend bool operator==(const Embedding &, const Embedding &) = default;
};

/// \brief The answer to an EmbeddingRequest, in OpenAI's list shape.
class MUXI_CORE_EXPORT EmbeddingResponse
{
public:
    /// The model as the provider names it.
    QString model;
    /// One vector per input.
    QList<Embedding> data;
    /// Token usage as the provider counted it, when it said.
    std::optional<Usage> usage;
    /// Which configured provider answered; not part of OpenAI's object.
    QString provider;

    /// Reads OpenAI's list object; base64 vectors are little-endian float32.
    static EmbeddingResponse fromJson(const QJsonObject &object);
    /// The list object with float vectors.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const EmbeddingResponse &, const EmbeddingResponse &) = default;
};

/// Decodes base64 of packed little-endian IEEE-754 float32 values; a trailing
/// partial value is ignored.
MUXI_CORE_EXPORT QList<float> decodeFloat32Base64(const QByteArray &base64);

} // namespace muxi

Q_DECLARE_METATYPE(muxi::EmbeddingResponse)
