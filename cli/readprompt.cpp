#include "readprompt.h"

#include <QCoreApplication>
#include <QFile>

namespace muxi::cli {

Expected<QString> readPrompt(const QStringList &positional)
{
    if (positional.isEmpty()) {
        Error error(Error::Kind::BadRequest, QCoreApplication::translate("muxi::cli", "no prompt given (use - to read standard input)"));
        error.code = QStringLiteral("usage");
        return error;
    }
    if (positional.size() == 1 && positional.first() == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return Error(Error::Kind::BadRequest, QCoreApplication::translate("muxi::cli", "cannot read standard input"));
        return QString::fromUtf8(in.readAll());
    }
    return positional.join(QLatin1Char(' '));
}

} // namespace muxi::cli
