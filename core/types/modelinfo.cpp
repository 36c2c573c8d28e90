#include <muxi/modelinfo.h>

#include <muxi/jsonfields.h>

namespace muxi {

QJsonObject ModelInfo::toJson() const
{
    QJsonObject object{
        {QLatin1String("id"), provider.isEmpty() ? id : provider + QLatin1Char('/') + id},
        {QLatin1String("object"), QLatin1String("model")},
        {QLatin1String("created"), created},
        {QLatin1String("owned_by"), ownedBy},
    };
    json::mergeUnknown(object, raw);
    return object;
}

} // namespace muxi
