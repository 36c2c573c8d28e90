#include "translationloader.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace muxi {

void installTranslations(QCoreApplication &application)
{
    auto *translator = new QTranslator(&application);
    if (translator->load(QLocale(), QStringLiteral("muxi"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
}

} // namespace muxi
