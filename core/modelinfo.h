#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace muxi {

// One entry of a provider's model listing.
class ModelInfo
{
public:
    QString id;
    QString provider;
    QString ownedBy;
    qint64 created = 0;
    QJsonObject raw;

    QJsonObject toJson() const;
};

using ModelList = QList<ModelInfo>;

} // namespace muxi
