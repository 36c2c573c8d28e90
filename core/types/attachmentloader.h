#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/contentpart.h>
#include <muxi/expected.h>

namespace muxi {

/// \brief Turns what a user points at into a ContentPart for a Message.
///
/// A file is read, checked by its content (not only its name) and size, and
/// becomes an inline image or audio part; an http(s) URL becomes an image part
/// by reference (the client fetches it later for providers that need bytes).
/// Every failure is an Error of kind Error::Kind::BadRequest naming the file
/// and what is wrong with it: unreadable, too large, or of the wrong type.
/// All functions are static, reentrant and may block on file I/O.
class MUXI_CORE_EXPORT AttachmentLoader
{
public:
    /// The largest file read by default: 20 MiB, the most providers accept inline.
    static constexpr qint64 DefaultMaxBytes = 20 * 1024 * 1024;

    /// An image part from a file (PNG, JPEG, GIF, WebP … by content) or an http(s) URL.
    /// A URL is not fetched here, so it is never size-checked at this point.
    static Expected<ContentPart> image(const QString &fileOrUrl, qint64 maxBytes = DefaultMaxBytes);
    /// An audio part from a WAV or MP3 file, with ContentPart::audioFormat set
    /// to "wav" or "mp3"; other audio types are refused.
    static Expected<ContentPart> audio(const QString &file, qint64 maxBytes = DefaultMaxBytes);
    /// Picks image() or audio() from the file's content type.
    static Expected<ContentPart> any(const QString &file, qint64 maxBytes = DefaultMaxBytes);
};

} // namespace muxi
