#pragma once

#include <expected.h>
#include <message.h>
#include <target.h>

#include <QList>
#include <QStringList>

namespace muxi {

// Renders chat messages into the single prompt TGI's /generate takes.
//
// TGI's native routes apply no chat template, and /info does not say which
// one the model was trained on, so the choice is the provider setting
// "prompt_template":
//   "chatml" (default): <|im_start|>role\ncontent<|im_end|>\n …, ending in an
//            open assistant turn; Qwen, Yi, Hermes and many fine-tunes use it.
//   "llama3": <|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>;
//            no <|begin_of_text|>, which the tokenizer adds itself.
//   "plain":  "System: …\n\nUser: …\n\nAssistant:", for base models, with
//            "\nUser:" as a stop sequence so the model does not write the next turn.
// A trailing assistant message is left open so the model continues it.
// Models that need anything else are better served by TGI's Messages API
// (/v1/chat/completions, the "openai" family), which applies the model's own template.
class TgiPromptTemplate
{
public:
    // The template named in the settings, or a BadRequest naming the choices.
    static Expected<TgiPromptTemplate> fromSettings(const Target &target);

    Expected<QString> render(const QList<Message> &messages, const Target &target) const;
    // Stop sequences the template needs besides the caller's.
    QStringList stopSequences() const;

private:
    enum class Style { ChatMl, Llama3, Plain };
    explicit TgiPromptTemplate(Style style)
        : m_style(style)
    {
    }

    Style m_style;
};

} // namespace muxi
