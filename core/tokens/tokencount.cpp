#include <muxi/tokencount.h>

namespace muxi {

QString TokenCount::method() const
{
    return exact ? QStringLiteral("exact") : QStringLiteral("estimate");
}

QJsonObject TokenCount::toJson() const
{
    return {
        {QLatin1String("model"), model},
        {QLatin1String("tokens"), tokens},
        {QLatin1String("method"), method()},
        {QLatin1String("exact"), exact},
        {QLatin1String("encoding"), encoding},
    };
}

} // namespace muxi
