#include "chattestkit.h"

#include <builtinproviders.h>

#include <QSignalSpy>

namespace muxi::test {

std::unique_ptr<Client> testClient(const QProcessEnvironment &environment)
{
    auto client = std::make_unique<Client>(builtinRegistry(), Configuration(environment));
    RetryPolicy noRetries;
    noRetries.maxRetries = 0;
    client->configuration().setRetryPolicy(noRetries);
    return client;
}

FinishedReply chatAndWait(Client &client, const ChatRequest &request)
{
    FinishedReply finished;
    finished.reply = client.chat(request);
    QObject::connect(finished.reply, &Reply::delta, finished.reply, [&finished](const QString &text) {
        finished.deltas.append(text);
    });
    QObject::connect(finished.reply, &Reply::toolCallDelta, finished.reply, [&finished](int, const ToolCallDelta &fragment) {
        finished.toolFragments.append(fragment);
    });
    QSignalSpy done(finished.reply, &Reply::finished);
    if (!done.wait(10'000))
        qWarning("the reply did not finish within 10 s");
    QObject::disconnect(finished.reply, &Reply::delta, finished.reply, nullptr);
    QObject::disconnect(finished.reply, &Reply::toolCallDelta, finished.reply, nullptr);
    return finished;
}

} // namespace muxi::test
