#include "workbench.h"

#include <muxi/configuration.h>
#include <translationloader.h>

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("muxi"));
    QGuiApplication::setApplicationName(QStringLiteral("muxi-workbench"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Muxi Workbench"));
    muxi::installTranslations(app);
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Fusion"));

    muxi::Workbench workbench(muxi::Configuration::fromSystem(), muxi::Workbench::Paths::standard());
    muxi::Workbench::setInstance(&workbench);
    workbench.start();

    QQmlApplicationEngine engine;
    // The modules are linked in statically; their qmldir files are resources under qrc:/ (Qt 6.4 layout).
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/Muxi/Workbench/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    return app.exec();
}
