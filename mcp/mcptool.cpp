#include "mcptool.h"

namespace muxi::mcp {

McpTool McpTool::fromJson(const QJsonObject &object)
{
    McpTool tool;
    tool.name = object.value(QLatin1String("name")).toString();
    tool.title = object.value(QLatin1String("title")).toString();
    tool.description = object.value(QLatin1String("description")).toString();
    tool.inputSchema = object.value(QLatin1String("inputSchema")).toObject();
    tool.outputSchema = object.value(QLatin1String("outputSchema")).toObject();
    tool.annotations = object.value(QLatin1String("annotations")).toObject();
    tool.raw = object;
    return tool;
}

Tool McpTool::toFunction(const QString &exposedName) const
{
    Tool tool;
    tool.name = exposedName;
    tool.description = description.isEmpty() ? title : description;
    tool.parameters = inputSchema;
    // Several providers reject an object schema without "properties".
    if (tool.parameters.value(QLatin1String("type")).toString().isEmpty())
        tool.parameters.insert(QLatin1String("type"), QLatin1String("object"));
    if (!tool.parameters.contains(QLatin1String("properties")))
        tool.parameters.insert(QLatin1String("properties"), QJsonObject());
    return tool;
}

} // namespace muxi::mcp
