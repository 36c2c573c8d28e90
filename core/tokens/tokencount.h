#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>
#include <QString>

namespace muxi {

/// \brief How many tokens a text or a conversation takes for one model, and how sure that is.
class MUXI_CORE_EXPORT TokenCount
{
public:
    /// The model as the caller named it.
    QString model;
    /// The count.
    qint64 tokens = 0;
    /// True when `encoding` is the model's own tokenizer; false for an estimate.
    bool exact = false;
    /// The tokenizer counted with: an OpenAI encoding ("o200k_base", "cl100k_base"…)
    /// or "chars/4", the rule-of-thumb estimate used when no ranks are installed.
    QString encoding;

    /// "exact" or "estimate", as printed and in JSON.
    QString method() const;
    /// {"model", "tokens", "method", "exact", "encoding"}
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const TokenCount &, const TokenCount &) = default;
};

} // namespace muxi
