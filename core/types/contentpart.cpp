#include <muxi/contentpart.h>

#include <muxi/jsonfields.h>

namespace muxi {

ContentPart ContentPart::fromText(const QString &text)
{
    ContentPart part;
    part.type = Type::Text;
    part.text = text;
    return part;
}

ContentPart ContentPart::fromImageUrl(const QUrl &url, const QString &detail)
{
    ContentPart part;
    part.type = Type::Image;
    part.url = url;
    part.detail = detail;
    return part;
}

ContentPart ContentPart::fromImageData(const QByteArray &bytes, const QString &mimeType, const QString &detail)
{
    ContentPart part;
    part.type = Type::Image;
    part.data = bytes;
    part.mimeType = mimeType;
    part.detail = detail;
    return part;
}

ContentPart ContentPart::fromAudio(const QByteArray &bytes, const QString &format)
{
    ContentPart part;
    part.type = Type::Audio;
    part.data = bytes;
    part.audioFormat = format;
    return part;
}

QString ContentPart::dataUrl() const
{
    return QStringLiteral("data:%1;base64,%2").arg(mimeType, QString::fromLatin1(data.toBase64()));
}

bool decodeDataUrl(const QString &url, QString *mimeType, QByteArray *bytes)
{
    if (!url.startsWith(QLatin1String("data:")))
        return false;
    const qsizetype comma = url.indexOf(QLatin1Char(','));
    if (comma < 0)
        return false;
    const QStringView header = QStringView(url).mid(5, comma - 5);
    if (!header.endsWith(QLatin1String(";base64")))
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(QStringView(url).mid(comma + 1).toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    *mimeType = header.chopped(7).toString();
    *bytes = *decoded;
    return true;
}

ContentPart ContentPart::fromJson(const QJsonObject &object)
{
    ContentPart part;
    const QString type = object.value(QLatin1String("type")).toString();
    if (type == QLatin1String("text")) {
        part.type = Type::Text;
        part.text = object.value(QLatin1String("text")).toString();
        part.raw = json::unknownFields(object, {QLatin1String("type"), QLatin1String("text")});
    } else if (type == QLatin1String("refusal")) {
        part.type = Type::Refusal;
        part.text = object.value(QLatin1String("refusal")).toString();
        part.raw = json::unknownFields(object, {QLatin1String("type"), QLatin1String("refusal")});
    } else if (type == QLatin1String("image_url")) {
        part.type = Type::Image;
        const QJsonObject image = object.value(QLatin1String("image_url")).toObject();
        const QString url = image.value(QLatin1String("url")).toString();
        if (!decodeDataUrl(url, &part.mimeType, &part.data))
            part.url = QUrl(url);
        part.detail = image.value(QLatin1String("detail")).toString();
        part.raw = json::unknownFields(object, {QLatin1String("type"), QLatin1String("image_url")});
    } else if (type == QLatin1String("input_audio")) {
        part.type = Type::Audio;
        const QJsonObject audio = object.value(QLatin1String("input_audio")).toObject();
        part.data = QByteArray::fromBase64(audio.value(QLatin1String("data")).toString().toLatin1());
        part.audioFormat = audio.value(QLatin1String("format")).toString();
        part.raw = json::unknownFields(object, {QLatin1String("type"), QLatin1String("input_audio")});
    } else if (type == QLatin1String("file")) {
        part.type = Type::File;
        const QJsonObject file = object.value(QLatin1String("file")).toObject();
        part.fileId = file.value(QLatin1String("file_id")).toString();
        part.filename = file.value(QLatin1String("filename")).toString();
        decodeDataUrl(file.value(QLatin1String("file_data")).toString(), &part.mimeType, &part.data);
        part.raw = json::unknownFields(object, {QLatin1String("type"), QLatin1String("file")});
    } else {
        part.type = Type::Other;
        part.raw = object;
    }
    return part;
}

QJsonObject ContentPart::toJson() const
{
    QJsonObject object;
    switch (type) {
    case Type::Text:
        object = {{QLatin1String("type"), QLatin1String("text")}, {QLatin1String("text"), text}};
        break;
    case Type::Refusal:
        object = {{QLatin1String("type"), QLatin1String("refusal")}, {QLatin1String("refusal"), text}};
        break;
    case Type::Image: {
        QJsonObject image{{QLatin1String("url"), hasInlineData() ? dataUrl() : url.toString(QUrl::FullyEncoded)}};
        if (!detail.isEmpty())
            image.insert(QLatin1String("detail"), detail);
        object = {{QLatin1String("type"), QLatin1String("image_url")}, {QLatin1String("image_url"), image}};
        break;
    }
    case Type::Audio:
        object = {{QLatin1String("type"), QLatin1String("input_audio")},
                  {QLatin1String("input_audio"),
                   QJsonObject{{QLatin1String("data"), QString::fromLatin1(data.toBase64())},
                               {QLatin1String("format"), audioFormat}}}};
        break;
    case Type::File: {
        QJsonObject file;
        if (!fileId.isEmpty())
            file.insert(QLatin1String("file_id"), fileId);
        if (!filename.isEmpty())
            file.insert(QLatin1String("filename"), filename);
        if (hasInlineData())
            file.insert(QLatin1String("file_data"), dataUrl());
        object = {{QLatin1String("type"), QLatin1String("file")}, {QLatin1String("file"), file}};
        break;
    }
    case Type::Other:
        return raw;
    }
    json::mergeUnknown(object, raw);
    return object;
}

} // namespace muxi
