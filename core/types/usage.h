#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>

#include <optional>

namespace muxi {

/// \brief Token usage of one answer, as the provider counted it.
///
/// The provider's count is the authority; TokenCounter only predicts it.
class MUXI_CORE_EXPORT Usage
{
public:
    /// Tokens of the request.
    int promptTokens = 0;
    /// Tokens generated, reasoning included.
    int completionTokens = 0;
    /// The two together, as the provider reported it.
    int totalTokens = 0;
    /// Prompt tokens served from the provider's prompt cache, when it says.
    std::optional<int> cachedTokens;
    /// Completion tokens spent on hidden reasoning, when the provider says.
    std::optional<int> reasoningTokens;
    /// The usage object as the provider sent it.
    QJsonObject raw;

    /// Reads OpenAI's usage object (cached and reasoning counts from its *_details).
    static Usage fromJson(const QJsonObject &object);
    /// The object as OpenAI writes it.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const Usage &, const Usage &) = default;
};

} // namespace muxi
