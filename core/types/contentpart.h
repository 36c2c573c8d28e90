#pragma once

#include <muxi/muxi_core_export.h>

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace muxi {

/// \brief One part of a message's content, in OpenAI's shape.
///
/// Images and files given as data URLs are held decoded, so adapters that
/// need raw bytes get them without parsing URLs again; toJson() writes them
/// back as data URLs. AttachmentLoader makes parts from files.
class MUXI_CORE_EXPORT ContentPart
{
public:
    /// What the part holds; Other keeps a part type Muxi does not know in #raw.
    enum class Type {
        Text, ///< #text
        Image, ///< #url, or #data with #mimeType
        Audio, ///< #data in #audioFormat
        File, ///< #fileId, or #data with #filename and #mimeType
        Refusal, ///< #text, in an assistant message
        Other ///< only #raw
    };

    /// What the part holds.
    Type type = Type::Text;
    /// Text and refusal parts: the text.
    QString text;
    /// Image: a remote URL, when the image is not inline.
    QUrl url;
    /// Image, audio or file bytes, decoded.
    QByteArray data;
    /// Image or file: the MIME type of #data.
    QString mimeType;
    /// Image: OpenAI's "detail" ("low", "high", "auto"); empty leaves the provider's default.
    QString detail;
    /// Audio: "wav" or "mp3" as OpenAI names them.
    QString audioFormat;
    /// File: the provider's upload id, when the file is not inline.
    QString fileId;
    /// File: the name sent with inline bytes.
    QString filename;
    /// Unknown part types and unknown fields survive a round trip.
    QJsonObject raw;

    /// A text part.
    static ContentPart fromText(const QString &text);
    /// An image by URL; the client fetches it for providers that take only bytes.
    static ContentPart fromImageUrl(const QUrl &url, const QString &detail = {});
    /// An inline image; `mimeType` such as "image/png".
    static ContentPart fromImageData(const QByteArray &bytes, const QString &mimeType, const QString &detail = {});
    /// Inline audio; `format` "wav" or "mp3".
    static ContentPart fromAudio(const QByteArray &bytes, const QString &format);

    /// True when the part carries its bytes (#data) rather than a reference.
    bool hasInlineData() const { return !data.isEmpty(); }
    /// The data URL form ("data:image/png;base64,...") of inline bytes.
    QString dataUrl() const;

    /// Reads one element of OpenAI's content array.
    static ContentPart fromJson(const QJsonObject &object);
    /// The part as OpenAI's content array element.
    QJsonObject toJson() const;

    /// Field-by-field equality.
    friend bool operator==(const ContentPart &, const ContentPart &) = default;
};

/// Splits "data:<mime>;base64,<payload>" into MIME type and decoded bytes.
/// Returns false, leaving the outputs unspecified, for anything else
/// (another scheme, no ";base64", invalid base64).
MUXI_CORE_EXPORT bool decodeDataUrl(const QString &url, QString *mimeType, QByteArray *bytes);

} // namespace muxi
