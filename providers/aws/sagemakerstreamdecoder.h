#pragma once

#include <muxi/muxi_providers_export.h>

#include <muxi/providers/eventstreamdecoder.h>

#include <muxi/streamdecoder.h>

#include <memory>

namespace muxi {

// InvokeEndpointWithResponseStream: event-stream messages whose PayloadPart
// payloads are the container's own bytes, cut anywhere
// (docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpointWithResponseStream.html).
// Those bytes are concatenated into `inner`, the decoder of the container's
// stream (TGI or OpenAI SSE), which also says when the answer is complete:
// SageMaker itself sends no end marker. ModelStreamError and
// InternalStreamFailure arrive as exception frames.
class MUXI_PROVIDERS_TESTS_EXPORT SageMakerStreamDecoder : public StreamDecoder
{
public:
    explicit SageMakerStreamDecoder(std::unique_ptr<StreamDecoder> inner);

    std::optional<Error> feed(QByteArrayView bytes, QList<ChatChunk> &chunks) override;
    bool sawEnd() const override { return m_inner->sawEnd(); }

private:
    EventStreamDecoder m_frames;
    std::unique_ptr<StreamDecoder> m_inner;
};

} // namespace muxi
