#include "composerattachments.h"

#include "attachmentstore.h"

#include <muxi/attachmentloader.h>
#include <muxi/client.h>

#include <QBuffer>
#include <QClipboard>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImageReader>
#include <QImageWriter>
#include <QMimeData>
#include <QMimeDatabase>
#include <QtEndian>

namespace muxi {

namespace {
// AttachmentLoader takes these; every provider that takes audio takes them too.
bool isSupportedAudio(const QMimeType &type)
{
    return type.inherits(QStringLiteral("audio/x-wav")) || type.name() == QLatin1String("audio/vnd.wave")
        || type.inherits(QStringLiteral("audio/mpeg"));
}
} // namespace

ComposerAttachments::ComposerAttachments(const AttachmentStore *store, Client *client, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_client(client)
    , m_maxBytes(AttachmentLoader::DefaultMaxBytes)
{
}

int ComposerAttachments::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant ComposerAttachments::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return item.name;
    case ReferenceRole:
        return item.reference;
    case KindRole:
        return item.kind;
    case UrlRole:
        return QUrl::fromLocalFile(m_store->path(item.reference));
    case SizeRole:
        return item.size;
    case MimeTypeRole:
        return item.mimeType;
    case DurationMsRole:
        return item.durationMs;
    default:
        return {};
    }
}

QHash<int, QByteArray> ComposerAttachments::roleNames() const
{
    return {
        {ReferenceRole, "reference"}, {NameRole, "name"},         {KindRole, "kind"},
        {UrlRole, "url"},             {SizeRole, "size"},         {MimeTypeRole, "mimeType"},   {DurationMsRole, "durationMs"},
    };
}

bool ComposerAttachments::hasImages() const
{
    return std::any_of(m_items.begin(), m_items.end(), [](const Item &i) {
        return i.kind == QLatin1String("image");
    });
}

bool ComposerAttachments::hasAudio() const
{
    return std::any_of(m_items.begin(), m_items.end(), [](const Item &i) {
        return i.kind == QLatin1String("audio");
    });
}

void ComposerAttachments::setMaxBytes(qint64 bytes)
{
    if (bytes <= 0 || bytes == m_maxBytes)
        return;
    m_maxBytes = bytes;
    Q_EMIT limitsChanged();
}

void ComposerAttachments::setMaxImageEdge(int pixels)
{
    if (pixels < 0 || pixels == m_maxImageEdge)
        return;
    m_maxImageEdge = pixels;
    Q_EMIT limitsChanged();
}

void ComposerAttachments::setError(const QString &message)
{
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT errorStringChanged();
}

bool ComposerAttachments::fail(const QString &message)
{
    setError(message);
    return false;
}

bool ComposerAttachments::addFile(const QUrl &url)
{
    const QString path = url.isLocalFile() ? url.toLocalFile() : url.toString();
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(name, file.errorString()));
    if (file.size() > m_maxBytes)
        return fail(tr("%1 is %2 MB, more than the limit of %3 MB").arg(name).arg(double(file.size()) / 1e6, 0, 'f', 1).arg(double(m_maxBytes) / 1e6, 0, 'f', 1));
    QByteArray bytes = file.readAll();
    const QMimeType type = QMimeDatabase().mimeTypeForFileNameAndData(path, bytes);
    QString suffix = QFileInfo(path).suffix().toLower();
    if (type.name().startsWith(QLatin1String("image/"))) {
        if (m_maxImageEdge > 0) {
            QBuffer in(&bytes);
            QImageReader reader(&in);
            const QSize size = reader.size();
            if (size.isValid() && std::max(size.width(), size.height()) > m_maxImageEdge) {
                QImage image = reader.read();
                if (image.isNull())
                    return fail(tr("%1 is not an image that can be scaled: %2").arg(name, reader.errorString()));
                return addImage(image);
            }
        }
    } else if (!isSupportedAudio(type)) {
        return fail(tr("%1 is %2: only images and WAV or MP3 audio can be attached").arg(name, type.comment()));
    }
    return add(bytes, name, suffix);
}

bool ComposerAttachments::addFiles(const QList<QUrl> &files)
{
    bool all = true;
    for (const QUrl &f : files)
        all = addFile(f) && all;
    return all;
}

bool ComposerAttachments::addImage(const QImage &source)
{
    if (source.isNull())
        return fail(tr("The image is empty"));
    QImage image = source;
    if (m_maxImageEdge > 0 && std::max(image.width(), image.height()) > m_maxImageEdge)
        image = image.scaled(m_maxImageEdge, m_maxImageEdge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QByteArray png;
    QBuffer out(&png);
    out.open(QIODevice::WriteOnly);
    if (!QImageWriter(&out, "png").write(image))
        return fail(tr("Cannot encode the image"));
    if (png.size() > m_maxBytes)
        return fail(tr("The image is %1 MB, more than the limit of %2 MB").arg(double(png.size()) / 1e6, 0, 'f', 1).arg(double(m_maxBytes) / 1e6, 0, 'f', 1));
    return add(png, tr("image.png"), QStringLiteral("png"));
}

bool ComposerAttachments::pasteImage()
{
    const QImage image = QGuiApplication::clipboard()->image();
    if (image.isNull())
        return fail(tr("The clipboard holds no image"));
    return addImage(image);
}

bool ComposerAttachments::clipboardHasImage() const
{
    const QMimeData *data = QGuiApplication::clipboard()->mimeData();
    return data && data->hasImage();
}

qint64 ComposerAttachments::wavDurationMs(const QByteArray &bytes)
{
    // RIFF/WAVE: a 12-byte header, then chunks of a 4-byte id, a little-endian size and the body (padded to even).
    if (bytes.size() < 12 || !bytes.startsWith("RIFF") || bytes.mid(8, 4) != "WAVE")
        return -1;
    const auto u32 = [&bytes](qsizetype at) {
        return qFromLittleEndian<quint32>(bytes.constData() + at);
    };
    quint32 byteRate = 0;
    qsizetype at = 12;
    while (at + 8 <= bytes.size()) {
        const QByteArray id = bytes.mid(at, 4);
        const quint32 size = u32(at + 4);
        if (id == "fmt " && size >= 16 && at + 16 <= bytes.size())
            byteRate = u32(at + 8 + 8);
        else if (id == "data")
            return byteRate == 0 ? -1 : qint64(size) * 1000 / byteRate;
        at += 8 + qsizetype(size) + (size & 1);
    }
    return -1;
}

bool ComposerAttachments::add(const QByteArray &bytes, const QString &name, const QString &suffix)
{
    const Expected<QString> reference = m_store->addBytes(bytes, suffix);
    if (!reference)
        return fail(reference.error().message);
    Item item;
    item.reference = *reference;
    item.name = name;
    item.size = bytes.size();
    item.mimeType = QMimeDatabase().mimeTypeForFileNameAndData(name, bytes).name();
    item.kind = item.mimeType.startsWith(QLatin1String("audio/")) ? QStringLiteral("audio") : QStringLiteral("image");
    if (item.kind == QLatin1String("audio"))
        item.durationMs = wavDurationMs(bytes);
    const int at = int(m_items.size());
    beginInsertRows({}, at, at);
    m_items.append(item);
    endInsertRows();
    setError({});
    Q_EMIT countChanged();
    return true;
}

void ComposerAttachments::remove(int index)
{
    if (index < 0 || index >= m_items.size())
        return;
    beginRemoveRows({}, index, index);
    m_items.removeAt(index);
    endRemoveRows();
    Q_EMIT countChanged();
}

void ComposerAttachments::clear()
{
    if (m_items.isEmpty())
        return;
    beginResetModel();
    m_items.clear();
    endResetModel();
    setError({});
    Q_EMIT countChanged();
}

QStringList ComposerAttachments::references() const
{
    QStringList list;
    for (const Item &i : m_items)
        list.append(i.reference);
    return list;
}

QString ComposerAttachments::warningFor(const QString &model) const
{
    const qsizetype slash = model.indexOf(QLatin1Char('/'));
    if (!m_client->provider(slash < 0 ? QStringLiteral("openai") : model.left(slash)))
        return {};
    const Capabilities capabilities = m_client->capabilitiesOf(model);
    if (hasImages() && !capabilities.testFlag(Capability::Vision))
        return tr("%1 cannot read images; fallbacks without image support will be skipped").arg(model);
    if (hasAudio() && !capabilities.testFlag(Capability::Audio))
        return tr("%1 cannot take audio; fallbacks without audio support will be skipped").arg(model);
    return {};
}

} // namespace muxi
