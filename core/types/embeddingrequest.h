#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace muxi {

/// \brief A request for embedding vectors (POST /embeddings), for any provider
/// with Capability::Embeddings.
///
/// Sent with Client::embed() or Client::embedBlocking(); the answer is an
/// EmbeddingResponse with one vector per input, in input order.
class MUXI_CORE_EXPORT EmbeddingRequest
{
public:
    /// "provider/model" or a bare OpenAI name, as for ChatRequest::model.
    QString model;
    /// The texts to embed.
    QStringList input;
    /// "float" or "base64"; the answer is decoded to floats either way.
    QString encodingFormat;
    /// Shorter vectors, for models that can truncate (text-embedding-3, Gemini, Voyage).
    std::optional<int> dimensions;
    /// Retrieval role some providers require ("search_document", "query", …).
    QString inputType;
    /// An end-user id for the provider's abuse monitoring.
    QString user;
    /// Fields Muxi does not model; passed through to OpenAI-shaped providers.
    QJsonObject extra;

    /// Reads OpenAI's request JSON; a single string input becomes one element.
    static EmbeddingRequest fromJson(const QJsonObject &object);
    /// The request as OpenAI's JSON, #extra merged in.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const EmbeddingRequest &, const EmbeddingRequest &) = default;
};

} // namespace muxi
