#pragma once

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace muxi::mcp {

// What tools/call returned: content blocks (text, image, audio, resource,
// resource_link), optional structured content, and whether the tool failed.
class McpToolResult
{
    Q_DECLARE_TR_FUNCTIONS(muxi::mcp::McpToolResult)

public:
    QJsonArray content;
    QJsonValue structuredContent;
    bool isError = false;
    QJsonObject raw;

    static McpToolResult fromJson(const QJsonObject &object);

    // A readable rendering for people and for models that take only text:
    // text blocks as they are, resources' text, and a one-line note for binary
    // blocks; the structured content when no block carries text.
    QString text() const;
};

} // namespace muxi::mcp
