#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace muxi::test {

// The events of an SSE fixture, one piece each, so a scripted response can
// send them with a pause in between the way a slow model does.
QList<QByteArray> sseEvents(const QByteArray &stream);

// The events of an OpenAI chat completion stream (chat.completion.chunk
// objects as in OpenAI's streaming reference): a role chunk, one chunk per
// text piece, the finish chunk, the usage chunk sent with
// stream_options.include_usage, then [DONE].
QList<QByteArray> openAiStream(const QString &model, const QStringList &pieces, int promptTokens, int completionTokens);

} // namespace muxi::test
