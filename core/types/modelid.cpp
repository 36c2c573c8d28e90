#include <muxi/modelid.h>

#include <QCoreApplication>

namespace muxi {

Expected<ModelId> ModelId::parse(const QString &text, const QStringList &knownProviders)
{
    const QString trimmed = text.trimmed();
    const qsizetype slash = trimmed.indexOf(QLatin1Char('/'));
    ModelId id;
    if (slash < 0) {
        id.provider = QStringLiteral("openai");
        id.model = trimmed;
    } else {
        id.provider = trimmed.left(slash);
        id.model = trimmed.mid(slash + 1);
    }
    if (id.model.isEmpty()) {
        Error error(Error::Kind::BadRequest,
                    QCoreApplication::translate("muxi::ModelId", "no model name in \"%1\"; expected provider/model").arg(text));
        error.provider = id.provider;
        return error;
    }
    if (!knownProviders.contains(id.provider)) {
        QStringList sorted = knownProviders;
        sorted.sort();
        Error error(Error::Kind::BadRequest,
                    QCoreApplication::translate("muxi::ModelId", "unknown provider \"%1\" in \"%2\"; known providers: %3")
                        .arg(id.provider, text, sorted.join(QLatin1String(", "))));
        error.code = QStringLiteral("unknown_provider");
        return error;
    }
    return id;
}

} // namespace muxi
