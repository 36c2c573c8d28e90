#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/httpmessage.h>

#include <QString>
#include <QUrl>

namespace muxi {

// Whether a llama.cpp server (llama-server) answers, and with which model,
// from its public /health and its /props (ggml-org/llama.cpp tools/server/README.md).
// Chat itself goes through the "openai" family at <server>/v1.
class MUXI_PROVIDERS_TESTS_EXPORT LlamaCppProbe
{
public:
    enum class Health {
        Ready,
        // 503 "Loading model": the server is there and will answer soon.
        Loading,
        // Nothing that looks like llama-server.
        Absent,
    };

    // The server root for a provider base URL ("http://127.0.0.1:8080/v1" → "http://127.0.0.1:8080").
    static QUrl serverRoot(const QUrl &baseUrl);
    static HttpRequest healthRequest(const QUrl &root);
    static HttpRequest propsRequest(const QUrl &root);

    static Health health(const HttpResponse &response);
    // The name the server goes by: --alias when set, else the model file's name; empty if /props said nothing.
    static QString modelName(const HttpResponse &propsResponse);
};

} // namespace muxi
