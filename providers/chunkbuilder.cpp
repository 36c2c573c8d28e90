#include <muxi/providers/chunkbuilder.h>

#include <QDateTime>
#include <QUuid>

namespace muxi {

ChunkBuilder::ChunkBuilder(const QString &idPrefix, QString model)
    : m_id(idPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_model(std::move(model))
    , m_created(QDateTime::currentSecsSinceEpoch())
{
}

ChunkBuilder::ChunkBuilder()
    : m_created(QDateTime::currentSecsSinceEpoch())
{
}

ChatChunk ChunkBuilder::next()
{
    ChunkChoice choice;
    if (!m_roleSent) {
        choice.role = QStringLiteral("assistant");
        m_roleSent = true;
    }
    return chunk({choice});
}

ChatChunk ChunkBuilder::chunk(const QList<ChunkChoice> &choices) const
{
    ChatChunk chunk;
    chunk.id = m_id;
    chunk.created = m_created;
    chunk.model = m_model;
    chunk.choices = choices;
    return chunk;
}

} // namespace muxi
