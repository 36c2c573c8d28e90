#pragma once

#include <QByteArray>
#include <QList>

namespace muxi::test {

// The events of an SSE fixture, one piece each, so a scripted response can
// send them with a pause in between the way a slow model does.
QList<QByteArray> sseEvents(const QByteArray &stream);

} // namespace muxi::test
