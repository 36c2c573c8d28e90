// A workbench that tst_historycrash kills with SIGKILL in the middle of an
// answer. Usage: historycrashhelper <history.sqlite> <base-url>
// Prints "finished" when the first answer is complete, then, two and a half
// seconds into the second answer, "streaming <chars now> <chars 1.5 s ago>".

#include <appsettings.h>
#include <muxi/providers/builtinproviders.h>
#include <chatcontroller.h>
#include <muxi/client.h>
#include <conversationlistmodel.h>
#include <historystore.h>
#include <messagemodel.h>

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace muxi;

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3)
        return 2;
    QProcessEnvironment env;
    env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("canary-openai-123456"));
    env.insert(QStringLiteral("OPENAI_BASE_URL"), args.at(2));
    Client client(builtinRegistry(), Configuration(env));
    QTemporaryDir settingsDir;
    AppSettings settings(settingsDir.filePath(QStringLiteral("workbench.conf")));
    HistoryStore history(args.at(1));
    ConversationListModel conversations(&history);
    ChatController chat(&client, &history, &settings, &conversations);
    chat.setModel(QStringLiteral("openai/gpt-4o-mini"));

    int answers = 0;
    QList<std::pair<qint64, qsizetype>> samples;
    QElapsedTimer clock;
    QTimer sampler;
    sampler.setInterval(50);
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        const int last = chat.messages()->rowCount() - 1;
        samples.append({clock.elapsed(), chat.messages()->message(last).text.size()});
        if (clock.elapsed() < 2500)
            return;
        qsizetype before = 0;
        for (const auto &[at, length] : std::as_const(samples)) {
            if (at <= clock.elapsed() - 1500)
                before = length;
        }
        std::printf("streaming %lld %lld\n", qint64(samples.last().second), qint64(before));
        std::fflush(stdout);
        sampler.stop();
    });
    QObject::connect(&chat, &ChatController::answerFinished, [&] {
        if (++answers != 1)
            return;
        history.sync();
        std::printf("finished\n");
        std::fflush(stdout);
        chat.send(QStringLiteral("Count slowly"));
        clock.start();
        sampler.start();
    });
    chat.send(QStringLiteral("Compare providers"));
    return app.exec();
}
