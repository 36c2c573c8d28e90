#include <muxi/providers/voyageadapter.h>

#include <muxi/providers/openaiadapter.h>
#include <muxi/providers/wirehelpers.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace muxi {

namespace {

// Voyage's input_type is "query" or "document"; the retrieval names other
// providers use map onto those.
QString inputType(const QString &requested)
{
    const QString lower = requested.toLower();
    if (lower == QLatin1String("query") || lower == QLatin1String("search_query"))
        return QStringLiteral("query");
    if (lower == QLatin1String("document") || lower == QLatin1String("search_document"))
        return QStringLiteral("document");
    return requested;
}
}

Expected<HttpRequest> VoyageAdapter::chatRequest(const ChatRequest &, const Target &target) const
{
    return unsupported(target, QStringLiteral("chat"));
}

Step<ChatCompletion> VoyageAdapter::chatResponse(const HttpResponse &, const ChatRequest &, const Target &target) const
{
    return unsupported(target, QStringLiteral("chat"));
}

std::unique_ptr<StreamDecoder> VoyageAdapter::chatStreamDecoder(const ChatRequest &, const Target &) const
{
    return nullptr;
}

Expected<HttpRequest> VoyageAdapter::embeddingRequest(const EmbeddingRequest &request, const Target &target) const
{
    QJsonObject body{{QLatin1String("input"), QJsonArray::fromStringList(request.input)}, {QLatin1String("model"), target.model}};
    if (!request.inputType.isEmpty())
        body.insert(QLatin1String("input_type"), inputType(request.inputType));
    if (request.dimensions)
        body.insert(QLatin1String("output_dimension"), *request.dimensions);
    // base64 is packed little-endian float32, what EmbeddingResponse decodes.
    if (request.encodingFormat == QLatin1String("base64"))
        body.insert(QLatin1String("encoding_format"), QLatin1String("base64"));
    for (const char *name : {"truncation", "output_dtype"}) {
        if (request.extra.contains(QLatin1String(name)))
            body.insert(QLatin1String(name), request.extra.value(QLatin1String(name)));
    }

    HttpRequest http = wire::jsonRequest("POST", target.endpoint(QStringLiteral("/embeddings")), body, false);
    http.setHeader("Authorization", "Bearer " + target.apiKey.toUtf8());
    return http;
}

Step<EmbeddingResponse> VoyageAdapter::embeddingResponse(const HttpResponse &response, const Target &target) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (!document.isObject()) {
        Error error(Error::Kind::InvalidResponse, QCoreApplication::translate("muxi::VoyageAdapter", "the response is not valid JSON: %1")
                                                      .arg(parseError.errorString()));
        error.rawBody = response.body.left(2048);
        return error;
    }
    EmbeddingResponse embeddings = EmbeddingResponse::fromJson(document.object());
    std::sort(embeddings.data.begin(), embeddings.data.end(), [](const Embedding &a, const Embedding &b) {
        return a.index < b.index;
    });
    if (embeddings.model.isEmpty())
        embeddings.model = target.model;
    // Voyage counts only total_tokens, all of them input.
    if (embeddings.usage)
        embeddings.usage->promptTokens = embeddings.usage->totalTokens;
    return embeddings;
}

Error VoyageAdapter::errorFromResponse(const HttpResponse &response, const Target &) const
{
    Error error = OpenAiAdapter::parseErrorBody(response.body, response.status);
    if (error.kind == Error::Kind::BadRequest && wire::isContextOverflow(error.message))
        error.kind = Error::Kind::ContextLength;
    return error;
}

} // namespace muxi
