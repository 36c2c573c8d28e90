#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/contentpart.h>
#include <muxi/expected.h>

namespace muxi {

// Turns what a user points at (a file, or an http(s) URL for images) into a
// content part, with a clear error for anything unreadable or of the wrong kind.
class MUXI_CORE_EXPORT AttachmentLoader
{
public:
    static constexpr qint64 DefaultMaxBytes = 20 * 1024 * 1024;

    static Expected<ContentPart> image(const QString &fileOrUrl, qint64 maxBytes = DefaultMaxBytes);
    static Expected<ContentPart> audio(const QString &file, qint64 maxBytes = DefaultMaxBytes);
    // Picks image or audio from the file's content type.
    static Expected<ContentPart> any(const QString &file, qint64 maxBytes = DefaultMaxBytes);
};

} // namespace muxi
