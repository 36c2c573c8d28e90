#pragma once

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace muxi {

// The finished blocks of a streaming answer as HTML, one row each. Blocks
// are only ever added while the answer streams, so a view shows each in an
// item of its own and lays out only the new one, not the whole answer again.
class HtmlBlockModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the message model")

public:
    enum Role { BlockHtmlRole = Qt::UserRole + 1 };

    explicit HtmlBlockModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Appends the blocks `blocks` has beyond ours; anything else (a new text) resets.
    void sync(const QStringList &blocks);

private:
    QStringList m_blocks;
};

} // namespace muxi
