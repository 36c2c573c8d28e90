#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/expected.h>
#include <muxi/message.h>
#include <muxi/target.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <limits>

namespace muxi {

// Renders chat messages into the one prompt string of text-in, text-out
// routes: TGI's /generate, SageMaker endpoints running TGI containers, most
// Replicate language models. None of them takes a messages array, and none
// says which chat template its model was trained on, so the choice is the
// provider setting "prompt_template", each provider with its own default
// (docs/native-providers.md, docs/providers-aws.md, docs/providers-replicate-voyage.md):
//   "chatml":     <|im_start|>role\ncontent<|im_end|>\n …, ending in an open
//                 assistant turn; Qwen, Yi, Hermes and many fine-tunes use it.
//   "llama3":     <|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>;
//                 no <|begin_of_text|>, which the tokenizer adds itself.
//   "plain":      "System: …\n\nUser: …\n\nAssistant:", for base models, with
//                 "\nUser:" as a stop sequence so the model does not write the next turn.
//   "transcript": a lone user message as it is (Replicate's instruct models wrap
//                 `prompt` in their own template); otherwise "plain"'s turns,
//                 without empty system messages, always ending in "Assistant:".
// Except with "transcript", a trailing assistant message is left open so the
// model continues it. Images, audio, files and tool turns cannot be written
// into a prompt and are Unsupported.
class MUXI_PROVIDERS_TESTS_EXPORT PromptTemplate
{
public:
    enum class Style { ChatMl, Llama3, Plain, Transcript };

    // The template the settings name, `fallback` when they name none, or a BadRequest naming the choices.
    static Expected<PromptTemplate> fromSettings(const Target &target, Style fallback);

    // For APIs that take the system prompt apart from the prompt: the system
    // and developer messages joined by blank lines, and the other messages.
    static QString system(const QList<Message> &messages);
    static QList<Message> withoutSystem(const QList<Message> &messages);

    Expected<QString> render(const QList<Message> &messages, const Target &target) const;
    // The caller's stop sequences, then those the template needs that are
    // not among them while there are fewer than `limit`.
    QStringList stopSequences(const QStringList &requested, qsizetype limit = std::numeric_limits<qsizetype>::max()) const;

private:
    explicit PromptTemplate(Style style)
        : m_style(style)
    {
    }

    Style m_style;
};

} // namespace muxi
