#include <workbench.h>

#include <muxi/configuration.h>

#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQuickTest>

#include <memory>

// Runs the QML test cases in tests/app/qml against the real modules, with a
// workbench whose files live in a temporary directory and which reaches no
// provider (empty environment).
class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
        muxi::Workbench::Paths paths;
        paths.dataDir = m_dir.filePath(QStringLiteral("data"));
        paths.settingsFile = m_dir.filePath(QStringLiteral("workbench.conf"));
        paths.keychainService = QStringLiteral("muxi-qmltest");
        m_workbench = std::make_unique<muxi::Workbench>(muxi::Configuration(QProcessEnvironment()), paths);
        muxi::Workbench::setInstance(m_workbench.get());
    }

    // The modules are linked in statically; their qmldir files are resources under qrc:/ (Qt 6.4 layout).
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
    }

    void cleanupTestCase()
    {
        muxi::Workbench::setInstance(nullptr);
        m_workbench.reset();
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<muxi::Workbench> m_workbench;
};

QUICK_TEST_MAIN_WITH_SETUP(workbench, Setup)
#include "tst_qml.moc"
