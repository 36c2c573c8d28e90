#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/chatchunk.h>
#include <muxi/error.h>

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace muxi {

/// \brief Turns one provider's streamed bytes into OpenAI-shaped chunks.
///
/// One decoder serves one stream (ProviderAdapter::chatStreamDecoder() makes a
/// fresh one each time) and is fed from one thread. The chunks produced must
/// not depend on how the bytes were split between feed() calls.
class MUXI_CORE_EXPORT StreamDecoder
{
public:
    virtual ~StreamDecoder() = default;

    /// Appends the chunks completed by `bytes`; returns the error the
    /// provider reported inside the stream, if it did.
    virtual std::optional<Error> feed(QByteArrayView bytes, QList<ChatChunk> &chunks) = 0;

    /// True once the provider's own end-of-stream marker arrived ([DONE],
    /// message_stop, done:true …). EOF without it means the stream was cut.
    virtual bool sawEnd() const = 0;
};

} // namespace muxi
