#pragma once

#include <expected.h>
#include <message.h>

#include <QList>
#include <QString>

namespace muxi {

// Chat messages as the one prompt string of text-in, text-out models (TGI's
// /generate, most Replicate language models), which take no messages array
// and apply no chat template of their own. Documented in docs/providers-aws.md
// and docs/providers-replicate-voyage.md.
class TextPrompt
{
public:
    // System and developer messages, joined by blank lines.
    static QString system(const QList<Message> &messages);

    // A single user message is sent as it is. A longer conversation becomes
    // "User: …\n\nAssistant: …\n\nUser: …\n\nAssistant:", led by
    // "System: …" when `includeSystem`. Images, audio, files and tool turns
    // cannot be written this way and are an Unsupported error.
    static Expected<QString> conversation(const QList<Message> &messages, bool includeSystem);
};

} // namespace muxi
