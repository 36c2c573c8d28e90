#include "mcptoolresult.h"

#include <QJsonDocument>

namespace muxi::mcp {

McpToolResult McpToolResult::fromJson(const QJsonObject &object)
{
    McpToolResult result;
    result.content = object.value(QLatin1String("content")).toArray();
    result.structuredContent = object.value(QLatin1String("structuredContent"));
    result.isError = object.value(QLatin1String("isError")).toBool();
    result.raw = object;
    return result;
}

namespace {
qsizetype decodedSize(const QString &base64)
{
    return QByteArray::fromBase64(base64.toLatin1()).size();
}
}

QString McpToolResult::text() const
{
    QStringList parts;
    bool hasText = false;
    for (const QJsonValue &value : content) {
        const QJsonObject block = value.toObject();
        const QString type = block.value(QLatin1String("type")).toString();
        if (type == QLatin1String("text")) {
            parts.append(block.value(QLatin1String("text")).toString());
            hasText = true;
        } else if (type == QLatin1String("image") || type == QLatin1String("audio")) {
            const QString mime = block.value(QLatin1String("mimeType")).toString();
            const qsizetype bytes = decodedSize(block.value(QLatin1String("data")).toString());
            parts.append(type == QLatin1String("image") ? tr("[image %1, %2 bytes]").arg(mime).arg(bytes)
                                                         : tr("[audio %1, %2 bytes]").arg(mime).arg(bytes));
        } else if (type == QLatin1String("resource")) {
            const QJsonObject resource = block.value(QLatin1String("resource")).toObject();
            const QString uri = resource.value(QLatin1String("uri")).toString();
            if (resource.contains(QLatin1String("text"))) {
                parts.append(tr("[resource %1]\n%2").arg(uri, resource.value(QLatin1String("text")).toString()));
                hasText = true;
            } else {
                parts.append(tr("[resource %1, %2, %3 bytes]")
                                 .arg(uri, resource.value(QLatin1String("mimeType")).toString())
                                 .arg(decodedSize(resource.value(QLatin1String("blob")).toString())));
            }
        } else if (type == QLatin1String("resource_link")) {
            const QString name = block.value(QLatin1String("name")).toString();
            const QString uri = block.value(QLatin1String("uri")).toString();
            parts.append(name.isEmpty() ? tr("[link %1]").arg(uri) : tr("[link %1: %2]").arg(name, uri));
        } else {
            parts.append(QString::fromUtf8(QJsonDocument(block).toJson(QJsonDocument::Compact)));
        }
    }
    if (!hasText && (structuredContent.isObject() || structuredContent.isArray())) {
        const QJsonDocument document = structuredContent.isObject() ? QJsonDocument(structuredContent.toObject())
                                                                    : QJsonDocument(structuredContent.toArray());
        parts.append(QString::fromUtf8(document.toJson(QJsonDocument::Compact)));
    }
    return parts.join(QLatin1Char('\n'));
}

} // namespace muxi::mcp
