#pragma once

#include <fakehttpserver.h>

#include <QTemporaryDir>

#include <memory>

namespace muxi {
class AppSettings;
class ChatController;
class Client;
class ConversationListModel;
class HistoryStore;
}

namespace muxi::test {

// A workbench without QML: a Client whose OpenAI provider points at a
// FakeHttpServer with a canary key, and history and settings in a temporary
// directory. recreate() closes everything but the files and opens them
// again, as a restart does.
class AppTestEnvironment
{
public:
    static inline const QString canaryKey = QStringLiteral("canary-openai-123456");

    AppTestEnvironment();
    ~AppTestEnvironment();

    void recreate();
    QString dataDir() const { return m_dir.path(); }
    QString historyPath() const;

    FakeHttpServer server;
    std::unique_ptr<Client> client;
    std::unique_ptr<AppSettings> settings;
    std::unique_ptr<HistoryStore> history;
    std::unique_ptr<ConversationListModel> conversations;
    std::unique_ptr<ChatController> chat;

private:
    void destroy();
    QTemporaryDir m_dir;
};

} // namespace muxi::test
