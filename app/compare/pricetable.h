#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace muxi {

// What models cost per million tokens, from a JSON file the user can edit
// (resources/prices.json, copied into the data directory on first run).
// A model missing from the file has an unknown cost, never a guessed one.
class PriceTable
{
public:
    class Price
    {
    public:
        double inputPerMillion = 0;
        double outputPerMillion = 0;
    };

    // Copies the shipped table into `dataDir` unless a copy is there; returns the copy's path.
    static QString installUserCopy(const QString &dataDir);
    // An unreadable or malformed file gives an empty table and the reason in errorString().
    static PriceTable load(const QString &path);

    bool isEmpty() const { return m_prices.isEmpty(); }
    QString checked() const { return m_checked; }
    QString errorString() const { return m_error; }
    std::optional<Price> price(const QString &model) const;
    // US dollars for `model` ("provider/model"), when the table knows it.
    std::optional<double> cost(const QString &model, qint64 promptTokens, qint64 completionTokens) const;
    void setPrice(const QString &model, const Price &price) { m_prices.insert(model, price); }

private:
    QHash<QString, Price> m_prices;
    QString m_checked;
    QString m_error;
};

} // namespace muxi
