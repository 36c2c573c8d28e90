#include "mcpelicitation.h"

namespace muxi::mcp {

McpElicitation::McpElicitation(QString serverName, QJsonObject params, Responder responder, QObject *parent)
    : QObject(parent)
    , m_serverName(std::move(serverName))
    , m_params(std::move(params))
    , m_responder(std::move(responder))
{
}

McpElicitation::~McpElicitation()
{
    // Nobody answered: the server must not wait forever.
    if (!m_answered)
        cancel();
}

QString McpElicitation::message() const
{
    return m_params.value(QLatin1String("message")).toString();
}

QJsonObject McpElicitation::requestedSchema() const
{
    return m_params.value(QLatin1String("requestedSchema")).toObject();
}

void McpElicitation::accept(const QJsonObject &content)
{
    answer({{QLatin1String("action"), QLatin1String("accept")}, {QLatin1String("content"), content}});
}

void McpElicitation::acceptDefaults()
{
    accept(defaultsFor(requestedSchema()));
}

void McpElicitation::decline()
{
    answer({{QLatin1String("action"), QLatin1String("decline")}});
}

void McpElicitation::cancel()
{
    answer({{QLatin1String("action"), QLatin1String("cancel")}});
}

void McpElicitation::answer(const QJsonObject &result)
{
    if (m_answered)
        return;
    m_answered = true;
    m_responder(result);
}

QJsonObject McpElicitation::defaultsFor(const QJsonObject &schema)
{
    QJsonObject content;
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        if (!property.contains(QLatin1String("default")))
            continue;
        QJsonValue value = property.value(QLatin1String("default"));
        // An integer default may arrive as 30.0 from some encoders; keep it whole.
        if (property.value(QLatin1String("type")).toString() == QLatin1String("integer") && value.isDouble())
            value = QJsonValue(qint64(value.toDouble()));
        content.insert(it.key(), value);
    }
    return content;
}

} // namespace muxi::mcp
