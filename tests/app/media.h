#pragma once

#include <QByteArray>

namespace muxi::test {

// A tone as a RIFF/WAVE file: 16-bit mono PCM at 8 kHz, `milliseconds` long.
QByteArray wavTone(int milliseconds, double hertz = 440);

} // namespace muxi::test
