#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace muxi {

// A legacy text completion request (POST /completions).
class MUXI_CORE_EXPORT CompletionRequest
{
public:
    QString model;
    // A string, strings, or token arrays, exactly as the caller gave it.
    QJsonValue prompt;
    std::optional<int> maxTokens;
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> n;
    QStringList stop;
    QString suffix;
    bool stream = false;
    QJsonObject extra;

    static CompletionRequest fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const CompletionRequest &, const CompletionRequest &) = default;
};

} // namespace muxi
