#pragma once

#include <fakehttpserver.h>

#include <QHash>
#include <QObject>

namespace muxi::test {

// An OpenAI-shaped service on loopback for the examples: chat completions
// (plain, streamed, JSON mode, tool calls, images and audio), embeddings, and
// two models that fail the way real ones do. Answers are derived from the
// request, so an example's output proves what it sent.
//   overloaded-model  always 503 (a server error to fall back from)
//   flaky-model       429 with retry-after-ms once, then an answer
class FakeOpenAi : public QObject
{
    Q_OBJECT

public:
    explicit FakeOpenAi(const QString &apiKey, QObject *parent = nullptr);

    // The base URL to put in OPENAI_BASE_URL.
    QUrl baseUrl() const;
    FakeHttpServer &server() { return m_server; }
    // Requests that reached /v1/chat/completions for `model`.
    int chatRequests(const QString &model) const;

private:
    ScriptedResponse chat(const RecordedRequest &request);
    ScriptedResponse embeddings(const RecordedRequest &request);
    ScriptedResponse answer(const QJsonObject &request, const QJsonObject &message, const QString &finishReason) const;
    ScriptedResponse toolTurn(const QJsonObject &request) const;
    ScriptedResponse describeParts(const QJsonObject &request, const QJsonArray &parts) const;

    FakeHttpServer m_server;
    QString m_apiKey;
    QHash<QString, int> m_chatRequests;
};

} // namespace muxi::test
