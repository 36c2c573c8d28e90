#pragma once

#include "conversationsettings.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace muxi {

// The open conversation's settings as the chat's settings panel edits them.
// Setters are the user's edits (edited() follows, and the controller saves);
// setSettings() is the controller loading or resetting them (no edited()).
// The model is the controller's `model`, kept here for saving.
class ChatOptions : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the chat controller")
    Q_PROPERTY(QString systemPrompt READ systemPrompt WRITE setSystemPrompt NOTIFY changed)
    // Negative: the provider's default.
    Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY changed)
    // Negative: the provider's default.
    Q_PROPERTY(double topP READ topP WRITE setTopP NOTIFY changed)
    // 0: no limit sent.
    Q_PROPERTY(int maxTokens READ maxTokens WRITE setMaxTokens NOTIFY changed)
    Q_PROPERTY(bool jsonMode READ jsonMode WRITE setJsonMode NOTIFY changed)

public:
    explicit ChatOptions(QObject *parent = nullptr);

    ConversationSettings settings() const { return m_settings; }
    void setSettings(const ConversationSettings &settings);
    void setModel(const QString &model);

    QString systemPrompt() const { return m_settings.systemPrompt; }
    void setSystemPrompt(const QString &prompt);
    double temperature() const { return m_settings.temperature.value_or(-1.0); }
    void setTemperature(double temperature);
    double topP() const { return m_settings.topP.value_or(-1.0); }
    void setTopP(double topP);
    int maxTokens() const { return m_settings.maxTokens.value_or(0); }
    void setMaxTokens(int maxTokens);
    bool jsonMode() const { return m_settings.jsonMode; }
    void setJsonMode(bool jsonMode);

Q_SIGNALS:
    void changed();
    void edited();

private:
    void edit(const ConversationSettings &next);

    ConversationSettings m_settings;
};

} // namespace muxi
