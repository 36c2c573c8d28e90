#pragma once

#include <QAbstractListModel>
#include <QImage>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace muxi {

class AttachmentStore;
class Client;

// The files waiting in a composer to go out with the next message: added
// from the file picker, by drag and drop, from the clipboard or from a
// recording; stored at once in the attachment store (by content hash) and
// shown as previews until sent.
class ComposerAttachments : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool hasImages READ hasImages NOTIFY countChanged)
    Q_PROPERTY(bool hasAudio READ hasAudio NOTIFY countChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    Q_PROPERTY(qint64 maxBytes READ maxBytes WRITE setMaxBytes NOTIFY limitsChanged)
    // 0 sends images as they are; otherwise a larger image is scaled so its longer edge is this many pixels.
    Q_PROPERTY(int maxImageEdge READ maxImageEdge WRITE setMaxImageEdge NOTIFY limitsChanged)

public:
    enum Role {
        ReferenceRole = Qt::UserRole + 1,
        NameRole,
        KindRole,
        UrlRole,
        SizeRole,
        MimeTypeRole,
        // Audio length in milliseconds, read from a WAV header; -1 when unknown.
        DurationMsRole,
    };
    Q_ENUM(Role)

    ComposerAttachments(const AttachmentStore *store, Client *client, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_items.size()); }
    bool hasImages() const;
    bool hasAudio() const;
    QString errorString() const { return m_error; }
    qint64 maxBytes() const { return m_maxBytes; }
    void setMaxBytes(qint64 bytes);
    int maxImageEdge() const { return m_maxImageEdge; }
    void setMaxImageEdge(int pixels);

    // A local file (picker, drop, recording); false with errorString() set when refused.
    Q_INVOKABLE bool addFile(const QUrl &file);
    // Several dropped files; true when all were taken.
    Q_INVOKABLE bool addFiles(const QList<QUrl> &files);
    Q_INVOKABLE bool addImage(const QImage &image);
    // The image on the clipboard, if any.
    Q_INVOKABLE bool pasteImage();
    Q_INVOKABLE bool clipboardHasImage() const;
    Q_INVOKABLE void remove(int index);
    Q_INVOKABLE void clear();
    // The references to send with the message.
    Q_INVOKABLE QStringList references() const;
    // Why `model` cannot take what is attached (no vision, no audio); empty when it can.
    Q_INVOKABLE QString warningFor(const QString &model) const;
    // The playing time of WAV bytes from their "fmt " and "data" chunks; -1 when they are not WAV.
    static qint64 wavDurationMs(const QByteArray &bytes);

Q_SIGNALS:
    void countChanged();
    void errorStringChanged();
    void limitsChanged();

private:
    struct Item {
        QString reference;
        QString name;
        QString kind;
        QString mimeType;
        qint64 size = 0;
        qint64 durationMs = -1;
    };
    bool add(const QByteArray &bytes, const QString &name, const QString &suffix);
    bool fail(const QString &message);
    void setError(const QString &message);

    const AttachmentStore *m_store;
    Client *m_client;
    QList<Item> m_items;
    QString m_error;
    qint64 m_maxBytes;
    int m_maxImageEdge = 0;
};

} // namespace muxi
