#pragma once

class QCoreApplication;

namespace muxi {

// Installs the translation for the user's UI languages, when one exists.
void installTranslations(QCoreApplication &application);

} // namespace muxi
