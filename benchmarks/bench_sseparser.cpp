// Throughput of SseParser and NdjsonParser on realistic streams, against a naive
// QByteArray::split('\n') of the whole buffer as a yardstick. The 64-byte and 1-byte rows
// show the cost of the network cutting events into small reads.

#include <muxi/ndjsonparser.h>
#include <muxi/sseparser.h>

#include <QByteArray>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

using muxi::NdjsonParser;
using muxi::SseParser;

namespace {

constexpr qsizetype StreamBytes = 20'000'000;
constexpr int Runs = 3;

const char *const words[] = {"Hello", " there", ",", " the", " quick", " brown", " fox", " jumps", " over", " a", " lazy",
                             " dog", ".", "\\n", " Streaming", " tokens", " arrive", " one", " by", " one", "!"};

// A generated stream and how many events (SSE) or lines (NDJSON) it holds.
struct Stream {
    QByteArray bytes;
    qsizetype count = 0;
};

Stream openAiStream(qsizetype targetBytes)
{
    Stream stream;
    stream.bytes.reserve(targetBytes + 512);
    while (stream.bytes.size() < targetBytes) {
        stream.bytes += R"(data: {"id":"chatcmpl-9xJ2kQ7vB1","object":"chat.completion.chunk","created":1718000000,)"
                        R"("model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1","choices":[{"index":0,)"
                        R"("delta":{"content":")";
        stream.bytes += words[stream.count % std::size(words)];
        stream.bytes += R"("},"logprobs":null,"finish_reason":null}],"usage":null})"
                        "\n\n";
        ++stream.count;
    }
    stream.bytes += "data: [DONE]\n\n";
    ++stream.count;
    return stream;
}

Stream ollamaStream(qsizetype targetBytes)
{
    Stream stream;
    stream.bytes.reserve(targetBytes + 512);
    while (stream.bytes.size() < targetBytes) {
        stream.bytes += R"({"model":"llama3.2","created_at":"2024-07-22T20:33:28.123456Z","message":{"role":"assistant","content":")";
        stream.bytes += words[stream.count % std::size(words)];
        stream.bytes += R"("},"done":false})"
                        "\n";
        ++stream.count;
    }
    return stream;
}

template<typename Parser>
qsizetype feedInPieces(QByteArrayView stream, qsizetype pieceSize)
{
    Parser parser;
    qsizetype results = 0;
    for (qsizetype pos = 0; pos < stream.size(); pos += pieceSize)
        results += parser.feed(stream.sliced(pos, std::min(pieceSize, stream.size() - pos))).size();
    return results;
}

// Best of Runs, in MB/s; aborts if a run does not produce the expected count, so that a
// broken parser cannot post a good number.
template<typename Function>
double throughput(qsizetype bytes, qsizetype expected, Function run)
{
    double best = 0;
    for (int i = 0; i < Runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const qsizetype produced = run();
        const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
        if (produced != expected) {
            std::fprintf(stderr, "expected %lld results, got %lld\n", qlonglong(expected), qlonglong(produced));
            std::exit(EXIT_FAILURE);
        }
        best = std::max(best, double(bytes) / 1e6 / seconds.count());
    }
    return best;
}

double splitThroughput(const QByteArray &bytes)
{
    return throughput(bytes.size(), bytes.count('\n') + 1, [&bytes] {
        return bytes.split('\n').size();
    });
}

template<typename Parser>
void benchmarkRow(const char *parser, const char *input, const Stream &stream, qsizetype piece, const char *pieceLabel, double baseline)
{
    const double rate = throughput(stream.bytes.size(), stream.count, [&] {
        return feedInPieces<Parser>(stream.bytes, piece);
    });
    std::printf("%-7s %-18s %-6s %9.1f %8.2fx\n", parser, input, pieceLabel, rate, rate / baseline);
}

QByteArray describe(const Stream &stream, const char *kind)
{
    return QByteArray::number(double(stream.bytes.size()) / 1e6, 'f', 1) + " MB " + kind;
}

} // namespace

int main()
{
    const Stream sse = openAiStream(StreamBytes);
    const Stream sseHalf = openAiStream(StreamBytes / 2);
    const Stream ndjson = ollamaStream(StreamBytes);
    const double sseBaseline = splitThroughput(sse.bytes);
    const double ndjsonBaseline = splitThroughput(ndjson.bytes);

    const QByteArray sseInput = describe(sse, "OpenAI");
    const QByteArray sseHalfInput = describe(sseHalf, "OpenAI");
    const QByteArray ndjsonInput = describe(ndjson, "Ollama");
    std::printf("%-7s %-18s %-6s %9s %9s\n", "parser", "input", "pieces", "MB/s", "vs split");
    benchmarkRow<SseParser>("SSE", sseInput.constData(), sse, sse.bytes.size(), "whole", sseBaseline);
    benchmarkRow<SseParser>("SSE", sseInput.constData(), sse, 4096, "4 KiB", sseBaseline);
    benchmarkRow<SseParser>("SSE", sseInput.constData(), sse, 64, "64 B", sseBaseline);
    benchmarkRow<SseParser>("SSE", sseHalfInput.constData(), sseHalf, 1, "1 B", sseBaseline);
    benchmarkRow<NdjsonParser>("NDJSON", ndjsonInput.constData(), ndjson, 4096, "4 KiB", ndjsonBaseline);
    benchmarkRow<NdjsonParser>("NDJSON", ndjsonInput.constData(), ndjson, 64, "64 B", ndjsonBaseline);

    std::printf("\nbaseline, QByteArray::split('\\n') of the whole buffer: SSE %.1f MB/s, NDJSON %.1f MB/s\n", sseBaseline,
                ndjsonBaseline);
    return EXIT_SUCCESS;
}
