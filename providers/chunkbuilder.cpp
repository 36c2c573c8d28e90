#include "chunkbuilder.h"

#include <QDateTime>
#include <QUuid>

namespace muxi {

ChunkBuilder::ChunkBuilder(const QString &idPrefix, QString model)
    : m_id(idPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_model(std::move(model))
    , m_created(QDateTime::currentSecsSinceEpoch())
{
}

ChatChunk ChunkBuilder::next()
{
    ChatChunk chunk;
    chunk.id = m_id;
    chunk.created = m_created;
    chunk.model = m_model;
    ChunkChoice choice;
    if (!m_roleSent) {
        choice.role = QStringLiteral("assistant");
        m_roleSent = true;
    }
    chunk.choices.append(choice);
    return chunk;
}

} // namespace muxi
