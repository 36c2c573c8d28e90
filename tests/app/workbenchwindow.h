#pragma once

#include <fakehttpserver.h>

#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <memory>

class QQmlApplicationEngine;
class QQuickItem;
class QQuickWindow;

namespace muxi {
class Workbench;
}

namespace muxi::test {

// The whole workbench, QML included, as main() builds it, but with its files
// in a temporary directory, its keychain entries under a service of its own,
// and every provider it may reach pointing at one FakeHttpServer: OpenAI by
// `environment`, the local servers at paths where nothing answers. In
// `environment`, "@SERVER@" stands for the server's URL, so a test can point
// more providers at it ("GEMINI_BASE_URL" = "@SERVER@/gemini").
class WorkbenchWindow
{
public:
    explicit WorkbenchWindow(const QProcessEnvironment &environment, const QString &keychainService = QStringLiteral("muxi-test"));
    ~WorkbenchWindow();

    // Loads Main.qml and waits until the window is exposed.
    bool show();
    // Closes the window and the workbench, keeping the files, as quitting does.
    void close();

    QString dataDir() const;
    QString settingsFile() const;
    // The CLI-format config file the workbench reads and its fallback panel writes.
    QString configFile() const;
    // Finds an item by objectName, optionally below another one.
    QQuickItem *item(const QString &objectName, QQuickItem *below = nullptr) const;
    bool click(QQuickItem *item) const;

    FakeHttpServer &server() { return m_server; }
    Workbench *workbench() const { return m_workbench.get(); }
    QQuickWindow *window() const { return m_window; }

private:
    FakeHttpServer m_server;
    QTemporaryDir m_dir;
    QProcessEnvironment m_environment;
    QString m_keychainService;
    std::unique_ptr<Workbench> m_workbench;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
};

} // namespace muxi::test
