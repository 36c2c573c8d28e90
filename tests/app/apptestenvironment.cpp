#include "apptestenvironment.h"

#include <appsettings.h>
#include <muxi/providers/builtinproviders.h>
#include <chatcontroller.h>
#include <muxi/client.h>
#include <conversationlistmodel.h>
#include <historystore.h>

#include <QDir>

namespace muxi::test {

AppTestEnvironment::AppTestEnvironment()
{
    recreate();
}

AppTestEnvironment::~AppTestEnvironment()
{
    destroy();
}

QString AppTestEnvironment::historyPath() const
{
    return QDir(m_dir.path()).filePath(QStringLiteral("history.sqlite"));
}

void AppTestEnvironment::destroy()
{
    chat.reset();
    conversations.reset();
    history.reset();
    settings.reset();
    client.reset();
}

void AppTestEnvironment::recreate()
{
    destroy();
    QProcessEnvironment env;
    env.insert(QStringLiteral("OPENAI_API_KEY"), canaryKey);
    env.insert(QStringLiteral("OPENAI_BASE_URL"), server.url(QStringLiteral("/v1")).toString());
    client = std::make_unique<Client>(builtinRegistry(), Configuration(env));
    RetryPolicy noRetries;
    noRetries.maxRetries = 0;
    client->configuration().setRetryPolicy(noRetries);
    settings = std::make_unique<AppSettings>(QDir(m_dir.path()).filePath(QStringLiteral("workbench.conf")));
    settings->setDefaultModel(QStringLiteral("openai/gpt-4o-mini"));
    history = std::make_unique<HistoryStore>(historyPath());
    QObject::connect(history.get(), &HistoryStore::failed, [](const QString &message) {
        qWarning("history: %s", qPrintable(message));
    });
    conversations = std::make_unique<ConversationListModel>(history.get());
    chat = std::make_unique<ChatController>(client.get(), history.get(), settings.get(), conversations.get());
}

} // namespace muxi::test
