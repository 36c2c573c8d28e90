#include "fixtures.h"

#include <QFile>
#include <QTest>

namespace muxi::test {

QByteArray fixture(const QString &relativePath)
{
    const QString path = QStringLiteral(MUXI_TEST_DATA_DIR "/") + relativePath;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QTest::qFail(qPrintable(QStringLiteral("missing fixture %1").arg(path)), __FILE__, __LINE__);
        return {};
    }
    return file.readAll();
}

} // namespace muxi::test
