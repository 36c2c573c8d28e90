#include "media.h"

#include <QtEndian>

#include <cmath>

namespace muxi::test {

QByteArray wavTone(int milliseconds, double hertz)
{
    constexpr quint32 rate = 8000;
    const quint32 samples = rate * quint32(milliseconds) / 1000;
    QByteArray wav;
    const auto u32 = [&wav](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        wav.append(b, 4);
    };
    const auto u16 = [&wav](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        wav.append(b, 2);
    };
    // RIFF header, a 16-byte PCM "fmt " chunk (format 1, 1 channel, rate, bytes/s, block align 2, 16 bits), then "data".
    wav.append("RIFF");
    u32(36 + samples * 2);
    wav.append("WAVEfmt ");
    u32(16);
    u16(1);
    u16(1);
    u32(rate);
    u32(rate * 2);
    u16(2);
    u16(16);
    wav.append("data");
    u32(samples * 2);
    for (quint32 i = 0; i < samples; ++i)
        u16(quint16(qint16(8000 * std::sin(2 * M_PI * hertz * i / rate))));
    return wav;
}

} // namespace muxi::test
