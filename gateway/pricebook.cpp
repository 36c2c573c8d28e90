#include "pricebook.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace muxi::gateway {

PriceBook PriceBook::builtIn()
{
    QFile file(QStringLiteral(":/muxi/gateway/prices.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return fromJson(file.readAll());
}

PriceBook PriceBook::fromJson(const QByteArray &json)
{
    PriceBook book;
    const QJsonObject models = QJsonDocument::fromJson(json).object().value(QLatin1String("models")).toObject();
    for (auto it = models.begin(); it != models.end(); ++it) {
        const QJsonObject price = it.value().toObject();
        book.m_prices.insert(it.key(), {price.value(QLatin1String("input")).toDouble(), price.value(QLatin1String("output")).toDouble()});
    }
    return book;
}

std::optional<double> PriceBook::cost(const QString &model, const Usage &usage) const
{
    const auto it = m_prices.constFind(model);
    if (it == m_prices.constEnd())
        return std::nullopt;
    return (usage.promptTokens * it->input + usage.completionTokens * it->output) / 1e6;
}

} // namespace muxi::gateway
