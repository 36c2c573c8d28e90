// Per-request cost of muxi::Client against a raw QNetworkAccessManager
// request to the same loopback server, in the same process. Both sides send
// the same JSON body and wait for the same reply; the difference is what the
// client adds: request translation, response parsing, the dispatcher.

#include <muxi/providers/builtinproviders.h>
#include <muxi/client.h>
#include <fakehttpserver.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>

#include <algorithm>

using namespace muxi;
using namespace muxi::test;

namespace {
const QByteArray completionBody =
    R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hello there, how can I help you today?"}}],"usage":{"prompt_tokens":9,"completion_tokens":9,"total_tokens":18}})";

QByteArray streamBody()
{
    QByteArray body;
    for (int i = 0; i < 200; ++i)
        body += R"(data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"token "},"finish_reason":null}]})"
                "\n\n";
    body += R"(data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"
            "\n\ndata: [DONE]\n\n";
    return body;
}

double median(QList<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples.at(samples.size() / 2);
}

double rawRequest(QNetworkAccessManager &network, const QUrl &url, const QByteArray &body)
{
    QElapsedTimer clock;
    clock.start();
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer bench");
    QNetworkReply *reply = network.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->readAll();
    reply->deleteLater();
    return clock.nsecsElapsed() / 1000.0;
}

// The least any client must do with a stream: split the events and parse
// each one's JSON. Separates Muxi's own cost from the unavoidable parsing.
double rawParsedStream(QNetworkAccessManager &network, const QUrl &url, const QByteArray &body)
{
    QElapsedTimer clock;
    clock.start();
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.post(request, body);
    QByteArray pending;
    qsizetype parsed = 0;
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
        pending += reply->readAll();
        qsizetype end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            const QByteArray event = pending.left(end);
            pending.remove(0, end + 2);
            if (event.startsWith("data: {"))
                parsed += QJsonDocument::fromJson(event.mid(6)).object().size();
        }
    });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    if (parsed == 0)
        qFatal("the stream carried no events");
    return clock.nsecsElapsed() / 1000.0;
}

double clientRequest(Client &client, const ChatRequest &request)
{
    QElapsedTimer clock;
    clock.start();
    const Expected<ChatCompletion> result = client.chatBlocking(request);
    if (!result)
        qFatal("client request failed: %s", qPrintable(result.error().toString()));
    return clock.nsecsElapsed() / 1000.0;
}
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? QByteArray(argv[1]).toInt() : 300;
    FakeHttpServer server;
    server.script("POST", "/v1/chat/completions", {ScriptedResponse::json(200, completionBody)});
    ScriptedResponse stream;
    stream.headers = {{"Content-Type", "text/event-stream"}};
    stream.pieces = {streamBody()};
    server.script("POST", "/v1/stream/chat/completions", {stream});

    QProcessEnvironment env;
    env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("bench"));
    env.insert(QStringLiteral("OPENAI_BASE_URL"), server.url(QStringLiteral("/v1")).toString());
    Client client(builtinRegistry(), Configuration(env));
    ChatRequest request;
    request.model = QStringLiteral("openai/gpt-4o-mini");
    request.messages = {Message::user(QStringLiteral("Say hello"))};
    const QByteArray rawBody = QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact);

    Client streamClient(builtinRegistry(), Configuration(env));
    streamClient.configuration().setBaseUrl(QStringLiteral("openai"), server.url(QStringLiteral("/v1/stream")));
    ChatRequest streamRequest = request;
    streamRequest.stream = true;
    const QByteArray rawStreamBody = QJsonDocument(streamRequest.toJson()).toJson(QJsonDocument::Compact);

    QNetworkAccessManager network;
    const QUrl url = server.url(QStringLiteral("/v1/chat/completions"));
    const QUrl streamUrl = server.url(QStringLiteral("/v1/stream/chat/completions"));
    // Warm both paths: connection set-up and first-use allocations are not per-request cost.
    for (int i = 0; i < 20; ++i) {
        rawRequest(network, url, rawBody);
        clientRequest(client, request);
    }

    QList<double> raw, viaClient, rawStream, rawParsed, viaClientStream;
    // Interleaved so that machine noise hits both sides alike.
    for (int i = 0; i < rounds; ++i) {
        raw.append(rawRequest(network, url, rawBody));
        viaClient.append(clientRequest(client, request));
        rawStream.append(rawRequest(network, streamUrl, rawStreamBody));
        rawParsed.append(rawParsedStream(network, streamUrl, rawStreamBody));
        viaClientStream.append(clientRequest(streamClient, streamRequest));
    }

    QTextStream out(stdout);
    out << "muxi::Client per-request overhead, " << rounds << " rounds each, loopback HTTP/1.1\n";
    out << "request                         raw QNAM (us)   muxi::Client (us)   ratio\n";
    out << QStringLiteral("chat, one JSON answer          %1   %2   %3\n")
               .arg(median(raw), 13, 'f', 1)
               .arg(median(viaClient), 17, 'f', 1)
               .arg(median(viaClient) / median(raw), 5, 'f', 2);
    out << QStringLiteral("chat, 200-chunk SSE stream     %1   %2   %3\n")
               .arg(median(rawStream), 13, 'f', 1)
               .arg(median(viaClientStream), 17, 'f', 1)
               .arg(median(viaClientStream) / median(rawStream), 5, 'f', 2);
    out << QStringLiteral("chat, 200-chunk SSE stream, vs. raw QNAM that also parses every event's JSON: %1 us, ratio %2\n")
               .arg(median(rawParsed), 0, 'f', 1)
               .arg(median(viaClientStream) / median(rawParsed), 0, 'f', 2);
    return 0;
}
