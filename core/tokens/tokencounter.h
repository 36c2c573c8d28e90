#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/chatrequest.h>
#include <muxi/expected.h>
#include <muxi/message.h>
#include <muxi/tokencount.h>

#include <QList>
#include <QString>
#include <QStringView>

namespace muxi {

/// \brief Counts tokens before anything is sent (docs/tokens.md).
///
/// The model's name decides the tokenizer: OpenAI models, wherever they are
/// served ("gpt-4o", "azure/gpt-35-turbo", "openrouter/openai/gpt-4o"), are
/// counted exactly with their own tiktoken encoding; every other model gets an
/// estimate, the o200k_base count, or chars/4 when no ranks are installed.
///
/// Errors: an OpenAI model whose ranks are missing or broken is an error
/// (Error::Kind::Unsupported, code "tokenizer_unavailable", saying how to
/// install them) rather than a silent estimate. Needs no key and no network; all functions
/// are static and thread-safe.
class MUXI_CORE_EXPORT TokenCounter
{
public:
    /// The tiktoken encoding of an OpenAI model ("gpt-4o-mini" -> "o200k_base"),
    /// after any "provider/" and "ft:" prefix; empty when the model is not OpenAI's.
    static QString encodingForModel(const QString &model);

    /// The tokens of `text` alone, without any message framing.
    static Expected<TokenCount> countText(const QString &model, QStringView text);

    /// The prompt tokens of a conversation by OpenAI's cookbook rule
    /// (How_to_count_tokens_with_tiktoken): 3 per message (4 for
    /// gpt-3.5-turbo-0301), plus the tokens of its role, text content and name,
    /// plus 1 per name (-1 for 0301), plus 3 priming the reply. Images, audio,
    /// tool calls and tool definitions are not counted; the server's usage is
    /// the authority. gpt-oss models frame messages differently (harmony), so
    /// their message counts are estimates.
    static Expected<TokenCount> countMessages(const QString &model, const QList<Message> &messages);
    /// countMessages() of the request's model and messages.
    static Expected<TokenCount> countRequest(const ChatRequest &request) { return countMessages(request.model, request.messages); }
};

} // namespace muxi
