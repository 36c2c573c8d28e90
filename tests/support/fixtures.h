#pragma once

#include <QByteArray>
#include <QString>

namespace muxi::test {

// The bytes of tests/data/<relativePath>; fails the running test when missing.
QByteArray fixture(const QString &relativePath);

} // namespace muxi::test
