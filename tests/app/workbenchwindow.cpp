#include "workbenchwindow.h"

#include <muxi/providers/builtinproviders.h>
#include <muxi/configuration.h>
#include <workbench.h>

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTest>

namespace muxi::test {

WorkbenchWindow::WorkbenchWindow(const QProcessEnvironment &environment, const QString &keychainService)
    : m_environment(environment)
    , m_keychainService(keychainService)
{
    m_environment.insert(QStringLiteral("OPENAI_BASE_URL"), m_server.url(QStringLiteral("/v1")).toString());
    const QString server = m_server.url().toString();
    const QStringList names = m_environment.keys();
    for (const QString &name : names) {
        QString value = m_environment.value(name);
        if (value.contains(QLatin1String("@SERVER@")))
            m_environment.insert(name, value.replace(QLatin1String("@SERVER@"), server));
    }
}

WorkbenchWindow::~WorkbenchWindow()
{
    close();
}

QString WorkbenchWindow::dataDir() const
{
    return m_dir.filePath(QStringLiteral("data"));
}

QString WorkbenchWindow::settingsFile() const
{
    return m_dir.filePath(QStringLiteral("config/workbench.conf"));
}

QString WorkbenchWindow::configFile() const
{
    return m_dir.filePath(QStringLiteral("config/config.json"));
}

bool WorkbenchWindow::show()
{
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    Configuration configuration(m_environment);
    // The fallback panel writes the config file: never the developer's own.
    configuration.loadFile(configFile());
    // Whatever runs on this machine, the local servers are looked for where nothing answers.
    for (const ProviderInfo &p : builtinRegistry()->providers()) {
        if (p.local)
            configuration.setBaseUrl(p.id, m_server.url(QLatin1Char('/') + p.id + QLatin1String("/v1")));
    }
    Workbench::Paths paths;
    paths.dataDir = dataDir();
    paths.settingsFile = settingsFile();
    paths.keychainService = m_keychainService;
    m_workbench = std::make_unique<Workbench>(configuration, paths);
    Workbench::setInstance(m_workbench.get());
    m_workbench->start();
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->addImportPath(QStringLiteral("qrc:/"));
    m_engine->load(QUrl(QStringLiteral("qrc:/Muxi/Workbench/Main.qml")));
    if (m_engine->rootObjects().size() != 1)
        return false;
    m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().first());
    if (!m_window)
        return false;
    m_window->resize(1120, 760);
    return QTest::qWaitForWindowExposed(m_window);
}

void WorkbenchWindow::close()
{
    m_engine.reset();
    m_window = nullptr;
    Workbench::setInstance(nullptr);
    m_workbench.reset();
}

namespace {
// Delegates of views have no QObject parent, only a parent item: walk the item tree.
QQuickItem *findItem(QQuickItem *root, const QString &objectName)
{
    const QList<QQuickItem *> children = root->childItems();
    for (QQuickItem *child : children) {
        if (child->objectName() == objectName)
            return child;
    }
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findItem(child, objectName))
            return found;
    }
    return nullptr;
}
} // namespace

QQuickItem *WorkbenchWindow::item(const QString &objectName, QQuickItem *below) const
{
    return findItem(below ? below : m_window->contentItem(), objectName);
}

bool WorkbenchWindow::click(QQuickItem *item) const
{
    if (!item || !item->isVisible() || !item->isEnabled())
        return false;
    const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(m_window, Qt::LeftButton, {}, centre.toPoint());
    return true;
}

} // namespace muxi::test
