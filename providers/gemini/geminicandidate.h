#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/toolcall.h>

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QString>

namespace muxi {

// One candidate of a Gemini GenerateContentResponse, read into OpenAI's
// terms. Shared by whole answers and stream chunks: in a stream each chunk's
// candidate holds only the new text, and a functionCall arrives whole.
class MUXI_PROVIDERS_TESTS_EXPORT GeminiCandidate
{
public:
    int index = 0;
    QString text;
    // Parts marked "thought": reasoning, never the answer.
    QString reasoning;
    // Arguments as JSON text; ids are left to the caller (Gemini sends none
    // reliably). A call's thought signature is in its raw "thought_signature".
    QList<ToolCall> toolCalls;
    // Thought signatures on the other parts (text, thoughts, the empty text
    // part that ends a stream), in order. Thinking models want them back on
    // the next turn; the text part sent back carries the last one.
    QStringList thoughtSignatures;
    // Gemini's finishReason, empty while the candidate goes on.
    QString nativeFinishReason;
    QString finishMessage;

    static GeminiCandidate fromJson(const QJsonObject &candidate, int position);

    // OpenAI's finish_reason; `calledFunction` because Gemini says STOP after a
    // functionCall where OpenAI says tool_calls.
    QString finishReason(bool calledFunction) const;
    // What the OpenAI choice keeps of Gemini's reason: native_finish_reason, and
    // an "error" object for the reasons that mean the model broke the tool protocol.
    QJsonObject finishDetails() const;
};

} // namespace muxi
