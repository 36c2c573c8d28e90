#pragma once

#include <QJsonObject>
#include <QObject>

#include <functional>

namespace muxi::mcp {

// A server's elicitation/create request: a message and a flat form schema.
// Whoever shows it answers once with accept(), decline() or cancel().
class McpElicitation : public QObject
{
    Q_OBJECT

public:
    using Responder = std::function<void(const QJsonObject &result)>;

    McpElicitation(QString serverName, QJsonObject params, Responder responder, QObject *parent = nullptr);
    ~McpElicitation() override;

    QString serverName() const { return m_serverName; }
    QString message() const;
    QJsonObject requestedSchema() const;
    bool isAnswered() const { return m_answered; }

    void accept(const QJsonObject &content);
    // Accepts with every field's default from the schema (what --elicit defaults does).
    void acceptDefaults();
    void decline();
    void cancel();

    // The schema's defaults, typed as the schema says.
    static QJsonObject defaultsFor(const QJsonObject &schema);

private:
    void answer(const QJsonObject &result);

    QString m_serverName;
    QJsonObject m_params;
    Responder m_responder;
    bool m_answered = false;
};

} // namespace muxi::mcp
