#pragma once

#include <muxi/usage.h>

#include <QHash>
#include <QString>

#include <optional>

namespace muxi::gateway {

// US dollars per million tokens by "provider/model", from resources/prices.json.
class PriceBook
{
public:
    // The table built into the gateway.
    static PriceBook builtIn();
    static PriceBook fromJson(const QByteArray &json);

    // Cost of `usage` on `model`, when the model has a price.
    std::optional<double> cost(const QString &model, const Usage &usage) const;

private:
    struct Price {
        double input = 0;
        double output = 0;
    };
    QHash<QString, Price> m_prices;
};

} // namespace muxi::gateway
