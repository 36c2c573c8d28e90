#pragma once

#include <fakehttpserver.h>

#include <QHash>

namespace muxi::test {

// An OpenAI-compatible provider for the gateway tests, on FakeHttpServer.
// The model name picks the behaviour, so one server serves every scenario:
// gpt-ok, gpt-long (200 chunks), gpt-tools, gpt-echo (answers with the
// request it received), gpt-slow (a stream that takes minutes), gpt-cut
// (cut after two chunks), gpt-429, gpt-401, gpt-404, gpt-context, gpt-500,
// gpt-502, gpt-503.
class FakeUpstream
{
public:
    explicit FakeUpstream(FakeHttpServer &server);

    // How many requests reached the upstream for `model`.
    int calls(const QString &model) const { return m_calls.value(model); }
    void reset() { m_calls.clear(); }

    static QString canaryKeyEcho() { return QStringLiteral("Incorrect API key provided: "); }

private:
    ScriptedResponse chat(const RecordedRequest &request);
    ScriptedResponse completion(const RecordedRequest &request);
    ScriptedResponse embeddings(const RecordedRequest &request);

    QHash<QString, int> m_calls;
};

} // namespace muxi::test
