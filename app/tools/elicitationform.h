#pragma once

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace muxi::mcp {
class McpElicitation;
}

namespace muxi {

// A server's elicitation/create request as a form the user fills in: one
// field per property of the requested schema (string, number, integer,
// boolean, or a string enum), typed back as the schema says on accept.
class ElicitationForm : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Made by ToolServers")
    Q_PROPERTY(QString serverName READ serverName CONSTANT)
    Q_PROPERTY(QString message READ message CONSTANT)
    // Maps: name, title, description, type ("string", "number", "integer",
    // "boolean", "enum"), options (enum values), value (the default), required.
    Q_PROPERTY(QVariantList fields READ fields CONSTANT)

public:
    explicit ElicitationForm(mcp::McpElicitation *elicitation, QObject *parent = nullptr);

    QString serverName() const;
    QString message() const;
    QVariantList fields() const { return m_fields; }

    // `values` by field name; numbers and booleans are converted as the schema types them.
    Q_INVOKABLE void accept(const QVariantMap &values);
    Q_INVOKABLE void decline();

Q_SIGNALS:
    void answered();

private:
    QPointer<mcp::McpElicitation> m_elicitation;
    QVariantList m_fields;
};

} // namespace muxi
