// Four comparison columns, each streaming 500 tokens/s for 20 s through the
// real Client -> OpenAI-compatible adapter -> HTTP path from a loopback
// server, with the whole workbench window on the offscreen platform. The
// window is redrawn as fast as it can go (each swapped frame asks for the
// next), first idle for the baseline, then while the columns stream. Prints
// the frame-time distribution of both phases, the tokens that arrived, the
// CPU time per token, and ratios against the idle window. The server runs on
// a thread of its own in this process, so a busy GUI thread does not slow the
// stream down, but its work is part of the process's CPU figures.

#include "sse.h"
#include "workbenchwindow.h"

#include <comparecolumn.h>
#include <comparecontroller.h>
#include <workbench.h>

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QThread>
#include <QQuickWindow>
#include <QTest>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace muxi;
using namespace muxi::test;

namespace {

constexpr int columns = 4;
constexpr int tokensPerSecond = 500;
constexpr int seconds = 20;
constexpr int tokensPerColumn = tokensPerSecond * seconds;

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Phase {
    std::vector<double> frameMs;
    double wallSeconds = 0;
    double cpu = 0;

    double percentile(double p) const
    {
        if (frameMs.empty())
            return 0;
        std::vector<double> sorted = frameMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(size_t(p * double(sorted.size() - 1)));
    }
    double cpuPerSecond() const { return cpu / wallSeconds; }
};

// Records the time between swapped frames until `done` says stop, keeping the window rendering continuously.
template<typename Done>
Phase record(QQuickWindow *window, Done done)
{
    Phase phase;
    QElapsedTimer wall;
    QElapsedTimer sinceFrame;
    const QMetaObject::Connection c = QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] {
        if (sinceFrame.isValid())
            phase.frameMs.push_back(double(sinceFrame.nsecsElapsed()) / 1e6);
        sinceFrame.start();
        window->update();
    });
    const double cpuBefore = cpuSeconds();
    wall.start();
    window->update();
    while (!done(wall.elapsed()))
        QTest::qWait(5);
    phase.wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    phase.cpu = cpuSeconds() - cpuBefore;
    QObject::disconnect(c);
    return phase;
}

void print(const char *name, const Phase &p)
{
    std::printf("%-10s frames %6zu  frame ms p50 %6.2f p90 %6.2f p99 %6.2f max %7.2f  fps(p50) %7.1f  CPU %5.1f%% of a core\n", name,
                p.frameMs.size(), p.percentile(0.5), p.percentile(0.9), p.percentile(0.99), p.percentile(1.0),
                p.percentile(0.5) > 0 ? 1000.0 / p.percentile(0.5) : 0.0, 100.0 * p.cpuPerSecond());
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);

    QStringList pieces;
    for (int i = 0; i < tokensPerColumn; ++i)
        pieces.append(i % 60 == 59 ? QStringLiteral("end.\n\n") : QStringLiteral("word%1 ").arg(i % 97));
    // Five events per network write every 10 ms: 500 tokens/s per column. A
    // write per token every 2 ms is more than the server's timers keep up with.
    const QList<QByteArray> events = openAiStream(QStringLiteral("bench"), pieces, 20, tokensPerColumn);
    constexpr int eventsPerWrite = 5;
    QList<QByteArray> writes;
    for (qsizetype i = 0; i < events.size(); i += eventsPerWrite) {
        QByteArray write;
        for (qsizetype j = i; j < std::min(events.size(), i + eventsPerWrite); ++j)
            write += events.at(j);
        writes.append(write);
    }

    QThread serverThread;
    serverThread.start();
    QObject serverContext;
    serverContext.moveToThread(&serverThread);
    FakeHttpServer *server = nullptr;
    QMetaObject::invokeMethod(
        &serverContext,
        [&] {
            server = new FakeHttpServer;
            server->route("POST", "/v1/chat/completions", [writes](const RecordedRequest &) {
                return ScriptedResponse::sse(writes, 1000 * eventsPerWrite / tokensPerSecond);
            });
        },
        Qt::BlockingQueuedConnection);

    // Groq speaks OpenAI's protocol; its base URL points at the threaded server.
    QProcessEnvironment env;
    env.insert(QStringLiteral("GROQ_API_KEY"), QStringLiteral("canary-groq-123456"));
    env.insert(QStringLiteral("GROQ_BASE_URL"), server->url(QStringLiteral("/v1")).toString());
    WorkbenchWindow bench(env);
    if (!bench.show()) {
        std::fprintf(stderr, "the workbench window did not open\n");
        return 1;
    }
    // "--hidden" streams with the chat page in front, to tell the columns' drawing from the rest.
    const bool hidden = app.arguments().contains(QStringLiteral("--hidden"));
    bench.window()->setProperty("page", hidden ? QStringLiteral("chat") : QStringLiteral("compare"));
    QTest::qWait(500);

    const Phase idle = record(bench.window(), [](qint64 ms) { return ms >= 5'000; });

    CompareController *compare = bench.workbench()->compare();
    QStringList models;
    for (int i = 0; i < columns; ++i)
        models.append(QStringLiteral("groq/bench-%1").arg(i));
    compare->setModels(models);
    compare->send(QStringLiteral("Stream for twenty seconds."));
    const Phase streaming = record(bench.window(), [compare](qint64 ms) { return ms >= seconds * 1000 || !compare->isStreaming(); });
    const bool stillStreaming = compare->isStreaming();
    // Counted while streaming (pieces received); after a stop the count is the tokenizer's.
    qint64 tokens = 0;
    for (CompareColumn *c : compare->columns())
        tokens += c->completionTokens();
    compare->stopAll();

    std::printf("%d columns x %d tokens/s for %d s (offscreen, loopback server on its own thread)%s\n", columns, tokensPerSecond, seconds,
                hidden ? ", compare view not shown" : "");
    print("idle", idle);
    print("streaming", streaming);
    std::printf("tokens received %lld in %.1f s (%.0f/s; target %d/s)%s\n", static_cast<long long>(tokens), streaming.wallSeconds,
                double(tokens) / streaming.wallSeconds, columns * tokensPerSecond, stillStreaming ? ", stopped at the time limit" : "");
    const double extraCpu = streaming.cpu - idle.cpuPerSecond() * streaming.wallSeconds;
    std::printf("CPU per token %.1f us above the idle window (%.1f us in all)\n", tokens > 0 ? 1e6 * extraCpu / double(tokens) : 0.0,
                tokens > 0 ? 1e6 * streaming.cpu / double(tokens) : 0.0);
    std::printf("ratios streaming/idle: median frame time %.2f, p99 frame time %.2f, CPU per second %.2f\n",
                streaming.percentile(0.5) / idle.percentile(0.5), streaming.percentile(0.99) / idle.percentile(0.99),
                streaming.cpuPerSecond() / idle.cpuPerSecond());
    std::printf("goal: median >= 55 fps while streaming: %s\n", streaming.percentile(0.5) <= 1000.0 / 55 ? "met" : "NOT met");

    bench.close();
    QMetaObject::invokeMethod(&serverContext, [&] { delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
