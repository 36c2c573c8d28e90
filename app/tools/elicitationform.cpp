#include "elicitationform.h"

#include <mcpelicitation.h>

#include <QJsonArray>
#include <QJsonObject>

namespace muxi {

ElicitationForm::ElicitationForm(mcp::McpElicitation *elicitation, QObject *parent)
    : QObject(parent)
    , m_elicitation(elicitation)
{
    const QJsonObject schema = elicitation->requestedSchema();
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    const QJsonArray required = schema.value(QLatin1String("required")).toArray();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        QString type = property.value(QLatin1String("type")).toString(QStringLiteral("string"));
        QVariantList options;
        if (property.contains(QLatin1String("enum"))) {
            type = QStringLiteral("enum");
            options = property.value(QLatin1String("enum")).toArray().toVariantList();
        } else if (property.contains(QLatin1String("oneOf"))) {
            type = QStringLiteral("enum");
            for (const QJsonValue &option : property.value(QLatin1String("oneOf")).toArray())
                options.append(option.toObject().value(QLatin1String("const")).toVariant());
        }
        QVariant value = property.value(QLatin1String("default")).toVariant();
        if (!value.isValid())
            value = type == QLatin1String("boolean") ? QVariant(false) : type == QLatin1String("enum") ? options.value(0) : QVariant();
        m_fields.append(QVariantMap{
            {QStringLiteral("name"), it.key()},
            {QStringLiteral("title"), property.value(QLatin1String("title")).toString(it.key())},
            {QStringLiteral("description"), property.value(QLatin1String("description")).toString()},
            {QStringLiteral("type"), type},
            {QStringLiteral("options"), options},
            {QStringLiteral("value"), value},
            {QStringLiteral("required"), required.contains(it.key())},
        });
    }
}

QString ElicitationForm::serverName() const
{
    return m_elicitation ? m_elicitation->serverName() : QString();
}

QString ElicitationForm::message() const
{
    return m_elicitation ? m_elicitation->message() : QString();
}

void ElicitationForm::accept(const QVariantMap &values)
{
    if (!m_elicitation || m_elicitation->isAnswered())
        return;
    QJsonObject content;
    for (const QVariant &entry : std::as_const(m_fields)) {
        const QVariantMap field = entry.toMap();
        const QString name = field.value(QStringLiteral("name")).toString();
        const QString type = field.value(QStringLiteral("type")).toString();
        const QVariant value = values.contains(name) ? values.value(name) : field.value(QStringLiteral("value"));
        if (!value.isValid() || (value.typeId() == QMetaType::QString && value.toString().isEmpty() && type != QLatin1String("string")))
            continue;
        if (type == QLatin1String("number"))
            content.insert(name, value.toDouble());
        else if (type == QLatin1String("integer"))
            content.insert(name, value.toLongLong());
        else if (type == QLatin1String("boolean"))
            content.insert(name, value.toBool());
        else
            content.insert(name, value.toString());
    }
    m_elicitation->accept(content);
    Q_EMIT answered();
}

void ElicitationForm::decline()
{
    if (!m_elicitation || m_elicitation->isAnswered())
        return;
    m_elicitation->decline();
    Q_EMIT answered();
}

} // namespace muxi
