#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/chatcompletion.h>
#include <muxi/chatrequest.h>
#include <muxi/completion.h>
#include <muxi/completionrequest.h>
#include <muxi/embeddingrequest.h>
#include <muxi/embeddingresponse.h>
#include <muxi/expected.h>
#include <muxi/httpmessage.h>
#include <muxi/modelinfo.h>
#include <muxi/streamdecoder.h>
#include <muxi/target.h>
#include <muxi/targetpreparation.h>

#include <memory>
#include <optional>
#include <variant>

namespace muxi {

/// What an adapter makes of a response: the final result, another request to
/// send (a poll, a stream URL), or an error.
template<typename T>
using Step = std::variant<T, HttpRequest, Error>;

/// \brief Translates between OpenAI-shaped requests and one family of provider APIs.
///
/// Adapters are stateless and never touch the network: the core sends what
/// they build, so retries, timeouts and cancellation work the same everywhere.
/// Being const and stateless, one adapter serves every request of every
/// thread at once. A new protocol family implements the pure virtual chat
/// functions and errorFromResponse(), overrides the others it supports, and
/// is registered with ProviderRegistry::registerFamily(); the defaults answer
/// Error::Kind::Unsupported.
///
/// Errors an adapter returns carry Target::provider's id and the model, and
/// the provider's own message when there is one.
class MUXI_CORE_EXPORT ProviderAdapter
{
public:
    virtual ~ProviderAdapter() = default;

    /// The HTTP request for `request` at `target`, or why it cannot be built
    /// (a parameter the provider cannot take, a missing setting).
    virtual Expected<HttpRequest> chatRequest(const ChatRequest &request, const Target &target) const = 0;
    /// Reads a 2xx answer to a non-streaming chat request.
    virtual Step<ChatCompletion> chatResponse(const HttpResponse &response, const ChatRequest &request, const Target &target) const = 0;
    /// A fresh decoder for one streamed answer to `request`.
    virtual std::unique_ptr<StreamDecoder> chatStreamDecoder(const ChatRequest &request, const Target &target) const = 0;

    /// The HTTP request for a legacy text completion; Unsupported by default.
    virtual Expected<HttpRequest> completionRequest(const CompletionRequest &request, const Target &target) const;
    /// Reads a 2xx answer to a completion request; Unsupported by default.
    virtual Step<Completion> completionResponse(const HttpResponse &response, const Target &target) const;
    /// A decoder for a streamed completion; nullptr (no streaming) by default.
    virtual std::unique_ptr<StreamDecoder> completionStreamDecoder(const Target &target) const;

    /// The HTTP request for embeddings; Unsupported by default.
    virtual Expected<HttpRequest> embeddingRequest(const EmbeddingRequest &request, const Target &target) const;
    /// Reads a 2xx answer to an embedding request; Unsupported by default.
    virtual Step<EmbeddingResponse> embeddingResponse(const HttpResponse &response, const Target &target) const;

    /// The HTTP request for the provider's model listing; Unsupported by default.
    virtual Expected<HttpRequest> modelsRequest(const Target &target) const;
    /// Reads one page of the model listing; Unsupported by default.
    virtual Step<ModelList> modelsResponse(const HttpResponse &response, const Target &target) const;
    /// The request for the listing's next page when `response` (a page that
    /// modelsResponse accepted) says there is one; the core gathers the pages.
    /// nullopt (a single page) by default.
    virtual std::optional<HttpRequest> nextModelsPage(const HttpResponse &response, const Target &target) const;

    /// Maps a non-2xx answer to an Error carrying the provider's own message.
    virtual Error errorFromResponse(const HttpResponse &response, const Target &target) const = 0;

    /// What must be fetched before a request to `target` can be built, or
    /// nullptr when the target holds all it needs (the default).
    virtual std::unique_ptr<TargetPreparation> preparation(const Target &target) const;
    /// Where credentials the adapter finds itself come from ("profile dev:
    /// SSO", "none found: …"), for `muxi models`; empty for providers whose
    /// only credential is the configured key. Looks, never fetches.
    virtual QString credentialSource(const Target &target) const;

protected:
    /// An Error::Kind::Unsupported error saying `target`'s provider does not offer `what`.
    static Error unsupported(const Target &target, const QString &what);
};

} // namespace muxi
