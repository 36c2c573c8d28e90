#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/chatchunk.h>

#include <QList>
#include <QString>

namespace muxi {

// Makes the chat.completion.chunk objects of one translated stream: one id,
// model and creation time throughout, as OpenAI's own streams do. Native
// streams name id and model in their first event (setId, setModel) or carry
// none, and then get a fresh one.
class MUXI_PROVIDERS_TESTS_EXPORT ChunkBuilder
{
public:
    // The id is `idPrefix` followed by a fresh UUID.
    ChunkBuilder(const QString &idPrefix, QString model);
    // For streams that say their id and model themselves.
    ChunkBuilder();

    void setId(const QString &id) { m_id = id; }
    void setModel(const QString &model) { m_model = model; }

    // A chunk with one empty choice (index 0) to fill in, carrying the
    // assistant role on the first one made this way.
    ChatChunk next();

    // A chunk with these choices as they are (none: usage only).
    ChatChunk chunk(const QList<ChunkChoice> &choices) const;

private:
    QString m_id;
    QString m_model;
    qint64 m_created;
    bool m_roleSent = false;
};

} // namespace muxi
