#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>

#include <optional>

namespace muxi {

class MUXI_CORE_EXPORT Usage
{
public:
    int promptTokens = 0;
    int completionTokens = 0;
    int totalTokens = 0;
    std::optional<int> cachedTokens;
    std::optional<int> reasoningTokens;
    QJsonObject raw;

    static Usage fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const Usage &, const Usage &) = default;
};

} // namespace muxi
