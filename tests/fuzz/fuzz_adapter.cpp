// One native family's readers under libFuzzer: its StreamDecoder fed the bytes
// in pieces and whole, its chatResponse parser and its error parser given them
// as a body. Built once per family; MUXI_FUZZ_FAMILY names it.
#include <muxi/providers/builtinproviders.h>
#include <muxi/providerregistry.h>
#include <muxi/streamaccumulator.h>

#include <QCoreApplication>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace muxi;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

struct Decoded {
    QString text;
    QString reasoning;
    int toolCalls = 0;
    std::optional<Error::Kind> error;
    bool sawEnd = false;

    friend bool operator==(const Decoded &, const Decoded &) = default;
};

const Target &target()
{
    static const Target fuzzTarget = [] {
        Target t;
        for (const ProviderInfo &info : builtinRegistry()->providers()) {
            if (info.family == QLatin1String(MUXI_FUZZ_FAMILY)) {
                t.provider = info;
                break;
            }
        }
        t.model = QStringLiteral("fuzz-model");
        t.baseUrl = t.provider.defaultBaseUrl;
        t.settings = t.provider.options;
        return t;
    }();
    return fuzzTarget;
}

// A piece size of 0 means the whole rest at once.
Decoded decode(const ProviderAdapter &adapter, const ChatRequest &request, QByteArrayView bytes, qsizetype pieceSize)
{
    Decoded decoded;
    std::unique_ptr<StreamDecoder> decoder = adapter.chatStreamDecoder(request, target());
    if (!decoder)
        return decoded;
    StreamAccumulator accumulator;
    qsizetype at = 0;
    while (at < bytes.size() && !decoded.error) {
        const qsizetype size = pieceSize <= 0 ? bytes.size() - at : std::min(pieceSize, bytes.size() - at);
        QList<ChatChunk> chunks;
        if (std::optional<Error> error = decoder->feed(bytes.sliced(at, size), chunks))
            decoded.error = error->kind;
        for (const ChatChunk &chunk : std::as_const(chunks)) {
            // Whatever arrives must survive the OpenAI-shaped round trip.
            check(ChatChunk::fromJson(chunk.toJson()).choices.size() == chunk.choices.size());
            accumulator.add(chunk);
        }
        at += size;
    }
    const ChatCompletion completion = accumulator.completion();
    for (const ChatChoice &choice : completion.choices) {
        decoded.text += choice.message.text();
        decoded.reasoning += choice.message.reasoningContent;
        decoded.toolCalls += int(choice.message.toolCalls.size());
    }
    decoded.sawEnd = decoder->sawEnd();
    return decoded;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // Adapters translate their messages: a QCoreApplication makes tr() work as in the program.
    static QCoreApplication app(*argc, *argv);
    return 0;
}

// Input: one flag byte (bit 0: JSON mode; bits 1-3: piece size - 1; bits 4-7:
// the HTTP status class of the error body), then the bytes.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const ProviderAdapter *adapter = builtinRegistry()->adapter(QLatin1String(MUXI_FUZZ_FAMILY));
    check(adapter != nullptr);
    const quint8 flags = data[0];
    const QByteArrayView bytes(data + 1, qsizetype(size - 1));

    ChatRequest request;
    request.model = target().model;
    request.messages = {Message::user(QStringLiteral("hello"))};
    request.stream = true;
    if (flags & 1) {
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonObject;
        request.responseFormat = format;
    }

    // Split anywhere, a stream decodes to the same answer as in one piece.
    const Decoded whole = decode(*adapter, request, bytes, 0);
    const Decoded pieces = decode(*adapter, request, bytes, ((flags >> 1) & 7) + 1);
    check(whole == pieces);

    request.stream = false;
    HttpResponse response;
    response.status = 200;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = bytes.toByteArray();
    const Step<ChatCompletion> step = adapter->chatResponse(response, request, target());
    if (const auto *error = std::get_if<Error>(&step))
        check(!error->toString().isEmpty());

    static const int statuses[] = {400, 401, 403, 404, 408, 413, 422, 424, 429, 500, 502, 503, 504, 529, 200, 0};
    response.status = statuses[flags >> 4];
    const Error error = adapter->errorFromResponse(response, target());
    check(!Error::kindName(error.kind).isEmpty());
    return 0;
}
