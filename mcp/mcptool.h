#pragma once

#include <muxi/tool.h>

#include <QJsonObject>
#include <QList>
#include <QString>

namespace muxi::mcp {

// A tool as a server lists it in tools/list.
class McpTool
{
public:
    QString name;
    QString title;
    QString description;
    QJsonObject inputSchema;
    QJsonObject outputSchema;
    QJsonObject annotations;
    QJsonObject raw;

    static McpTool fromJson(const QJsonObject &object);
    // The function a model is offered, under `exposedName`.
    Tool toFunction(const QString &exposedName) const;
};

} // namespace muxi::mcp
