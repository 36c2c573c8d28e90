#pragma once

#include <muxi/chatcompletion.h>
#include <muxi/chatrequest.h>
#include <muxi/expected.h>

#include <QCoreApplication>
#include <QJsonObject>

namespace muxi::gateway {

// Anthropic's Messages API (POST /v1/messages) in and out: a request becomes
// the OpenAI-shaped ChatRequest every provider takes, and the answer goes
// back as an Anthropic message with text and tool_use blocks.
class AnthropicMessages
{
    Q_DECLARE_TR_FUNCTIONS(muxi::gateway::AnthropicMessages)

public:
    static Expected<ChatRequest> toChatRequest(const QJsonObject &body);
    // `model` is echoed as the client asked for it.
    static QJsonObject fromCompletion(const ChatCompletion &completion, const QString &model);
    static QString stopReason(const QString &finishReason);
};

} // namespace muxi::gateway
