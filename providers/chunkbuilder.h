#pragma once

#include <chatchunk.h>

#include <QString>

namespace muxi {

// Makes the chat.completion.chunk objects of one translated stream: one id,
// model and creation time throughout, the assistant role on the first chunk,
// as OpenAI's own streams do. For providers whose streams carry none of these.
class ChunkBuilder
{
public:
    // The id is `idPrefix` followed by a fresh UUID.
    ChunkBuilder(const QString &idPrefix, QString model);

    // A chunk with one empty choice (index 0) to fill in.
    ChatChunk next();

private:
    QString m_id;
    QString m_model;
    qint64 m_created;
    bool m_roleSent = false;
};

} // namespace muxi
