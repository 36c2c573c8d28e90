#pragma once

#include <muxi/error.h>

#include <QJsonObject>
#include <QObject>

namespace muxi::mcp {

// Carries JSON-RPC messages between McpSession and one server. A transport
// reports trouble in the server's own terms (exit code, HTTP status, stderr);
// the session adds which server and which request it concerned.
class McpTransport : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Starts the process or prepares the connection; opened() or failed() follows.
    virtual void open() = 0;
    virtual void send(const QJsonObject &message) = 0;
    // Ends the connection politely (closing stdin, DELETE of the HTTP session); closed() follows.
    virtual void close() = 0;
    // Called once initialize succeeded with the version both sides speak.
    virtual void setProtocolVersion(const QString &version) { Q_UNUSED(version) }
    // The session is initialized: HTTP opens its server-to-client stream here.
    virtual void startListening() {}
    // What the server wrote to its log lately, for error messages.
    virtual QString diagnostics() const { return {}; }

Q_SIGNALS:
    void opened();
    void messageReceived(const QJsonObject &message);
    // A request could not be delivered or its answer was lost (HTTP only):
    // the session fails that request, the connection itself stays usable.
    void requestFailed(const QJsonValue &id, const muxi::Error &error);
    // The connection is gone; every pending request fails with this error.
    void failed(const muxi::Error &error);
    void closed();
};

} // namespace muxi::mcp
