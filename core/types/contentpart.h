#pragma once

#include <muxi/muxi_core_export.h>

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace muxi {

// One part of a message's content, in OpenAI's shape. Images and files given
// as data URLs are held decoded so adapters that need raw bytes get them
// without parsing URLs again.
class MUXI_CORE_EXPORT ContentPart
{
public:
    enum class Type { Text, Image, Audio, File, Refusal, Other };

    Type type = Type::Text;
    QString text;
    // Image: either a remote URL, or bytes with their MIME type.
    QUrl url;
    QByteArray data;
    QString mimeType;
    QString detail;
    // Audio: "wav" or "mp3" as OpenAI names them.
    QString audioFormat;
    // File: by upload id or inline bytes.
    QString fileId;
    QString filename;
    // Unknown part types and unknown fields survive a round trip.
    QJsonObject raw;

    static ContentPart fromText(const QString &text);
    static ContentPart fromImageUrl(const QUrl &url, const QString &detail = {});
    static ContentPart fromImageData(const QByteArray &bytes, const QString &mimeType, const QString &detail = {});
    static ContentPart fromAudio(const QByteArray &bytes, const QString &format);

    bool hasInlineData() const { return !data.isEmpty(); }
    // The data URL form ("data:image/png;base64,...") of inline bytes.
    QString dataUrl() const;

    static ContentPart fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const ContentPart &, const ContentPart &) = default;
};

// Splits "data:<mime>;base64,<payload>" into MIME type and decoded bytes.
MUXI_CORE_EXPORT bool decodeDataUrl(const QString &url, QString *mimeType, QByteArray *bytes);

} // namespace muxi
