#pragma once

#include <muxi/muxi_core_export.h>

#include <QJsonObject>
#include <QList>
#include <QString>

namespace muxi {

// One entry of a provider's model listing.
class MUXI_CORE_EXPORT ModelInfo
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
