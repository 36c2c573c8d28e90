#include <muxi/provideradapter.h>

#include <QCoreApplication>

namespace muxi {

Error ProviderAdapter::unsupported(const Target &target, const QString &what)
{
    Error error(Error::Kind::Unsupported,
                QCoreApplication::translate("muxi::ProviderAdapter", "%1 does not offer %2").arg(target.provider.displayName, what));
    error.provider = target.provider.id;
    error.model = target.model;
    return error;
}

Expected<HttpRequest> ProviderAdapter::completionRequest(const CompletionRequest &, const Target &target) const
{
    return unsupported(target, QStringLiteral("text completions"));
}

Step<Completion> ProviderAdapter::completionResponse(const HttpResponse &, const Target &target) const
{
    return unsupported(target, QStringLiteral("text completions"));
}

std::unique_ptr<StreamDecoder> ProviderAdapter::completionStreamDecoder(const Target &) const
{
    return nullptr;
}

std::unique_ptr<TargetPreparation> ProviderAdapter::preparation(const Target &) const
{
    return nullptr;
}

QString ProviderAdapter::credentialSource(const Target &) const
{
    return {};
}

Expected<HttpRequest> ProviderAdapter::embeddingRequest(const EmbeddingRequest &, const Target &target) const
{
    return unsupported(target, QStringLiteral("embeddings"));
}

Step<EmbeddingResponse> ProviderAdapter::embeddingResponse(const HttpResponse &, const Target &target) const
{
    return unsupported(target, QStringLiteral("embeddings"));
}

std::optional<HttpRequest> ProviderAdapter::nextModelsPage(const HttpResponse &, const Target &) const
{
    return std::nullopt;
}

Expected<HttpRequest> ProviderAdapter::modelsRequest(const Target &target) const
{
    return unsupported(target, QStringLiteral("a model listing"));
}

Step<ModelList> ProviderAdapter::modelsResponse(const HttpResponse &, const Target &target) const
{
    return unsupported(target, QStringLiteral("a model listing"));
}

} // namespace muxi
