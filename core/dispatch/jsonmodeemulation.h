#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/chatrequest.h>

#include <optional>

namespace muxi {

/// \brief JSON mode for providers that lack it.
///
/// An added system instruction, then a check of the answer, then at most one
/// request to repair it; Reply runs these steps for a candidate whose
/// provider has no Capability::JsonMode (or Capability::JsonSchema for a
/// schema). Works on copies: the caller's request is never touched. All
/// functions are static and reentrant.
class MUXI_CORE_EXPORT JsonModeEmulation
{
public:
    /// The request to send instead: response_format removed, the instruction
    /// (with the schema, when there is one) added as the first system message.
    static ChatRequest adapt(const ChatRequest &request);

    /// The JSON the answer holds, without the Markdown fence models like to add;
    /// nullopt with `error` set when there is none: not JSON, not an object,
    /// or (for a schema) missing a required top-level property. The schema is
    /// not checked further.
    static std::optional<QString> extract(const QString &answer, const ResponseFormat &format, QString *error);

    /// The adapted request, followed by the bad answer and a request to fix it.
    static ChatRequest repair(const ChatRequest &adapted, const QString &badAnswer, const QString &error);
};

} // namespace muxi
