#include "pricetable.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace muxi {

QString PriceTable::installUserCopy(const QString &dataDir)
{
    const QString target = QDir(dataDir).filePath(QStringLiteral("prices.json"));
    if (!QFileInfo::exists(target)) {
        QDir().mkpath(dataDir);
        if (QFile::copy(QStringLiteral(":/muxi/workbench/prices.json"), target))
            // Resources are read-only; the copy is the user's to edit.
            QFile::setPermissions(target, QFile::permissions(target) | QFileDevice::WriteOwner);
    }
    return target;
}

PriceTable PriceTable::load(const QString &path)
{
    PriceTable table;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        table.m_error = QCoreApplication::translate("muxi::PriceTable", "cannot read %1: %2").arg(path, file.errorString());
        return table;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        table.m_error = QCoreApplication::translate("muxi::PriceTable", "%1 is not a JSON object: %2").arg(path, parseError.errorString());
        return table;
    }
    const QJsonObject root = document.object();
    table.m_checked = root.value(QLatin1String("checked")).toString();
    const QJsonObject models = root.value(QLatin1String("models")).toObject();
    for (auto it = models.begin(); it != models.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        // Both prices or none: half a price would make a cost look known.
        if (!entry.value(QLatin1String("input")).isDouble() || !entry.value(QLatin1String("output")).isDouble())
            continue;
        table.m_prices.insert(it.key(), {entry.value(QLatin1String("input")).toDouble(), entry.value(QLatin1String("output")).toDouble()});
    }
    return table;
}

std::optional<PriceTable::Price> PriceTable::price(const QString &model) const
{
    if (const auto it = m_prices.constFind(model); it != m_prices.constEnd())
        return *it;
    return std::nullopt;
}

std::optional<double> PriceTable::cost(const QString &model, qint64 promptTokens, qint64 completionTokens) const
{
    const std::optional<Price> p = price(model);
    if (!p)
        return std::nullopt;
    return (double(promptTokens) * p->inputPerMillion + double(completionTokens) * p->outputPerMillion) / 1'000'000.0;
}

} // namespace muxi
