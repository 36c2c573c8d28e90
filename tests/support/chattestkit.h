#pragma once

#include <chatchunk.h>
#include <chatrequest.h>
#include <client.h>

#include <QProcessEnvironment>
#include <QStringList>

#include <memory>

namespace muxi::test {

// A Client on the built-in providers with `environment` as its whole
// environment, and retries off, so a test sees exactly one attempt.
std::unique_ptr<Client> testClient(const QProcessEnvironment &environment);

// What a streamed reply delivered, in order, and the reply itself (owned by the client).
struct FinishedReply {
    Reply *reply = nullptr;
    QStringList deltas;
    QList<ToolCallDelta> toolFragments;
};

// Starts `request` and waits (10 s at most) for its reply to finish.
FinishedReply chatAndWait(Client &client, const ChatRequest &request);

} // namespace muxi::test
