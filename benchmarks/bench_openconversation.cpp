// Opening a conversation of 2,000 messages in the workbench, as a ratio to
// opening an empty one: time from the click to the first frame that shows it.
// A plain executable; prints the medians and the ratio.

#include "workbenchwindow.h"

#include <chatcontroller.h>
#include <chatmessage.h>
#include <conversationlistmodel.h>
#include <historydatabase.h>
#include <workbench.h>

#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace muxi;
using namespace muxi::test;

namespace {

QString answerText(int i)
{
    QString text = QStringLiteral("Answer %1. Here is **some** explanation with `inline code` and a list:\n\n- first point\n- second point\n\n").arg(i);
    if (i % 10 == 0)
        text += QStringLiteral("```cpp\nint f(int x) {\n    return x * %1; // scaled\n}\n```\n\n").arg(i);
    text += QStringLiteral("A closing paragraph that is long enough to wrap over more than one line in the chat view of the workbench.");
    return text;
}

void fill(const QString &path)
{
    HistoryDatabase db;
    if (!db.open(path))
        qFatal("cannot open %s", qPrintable(path));
    for (const auto &[id, count] : {std::pair{QStringLiteral("empty"), 0}, std::pair{QStringLiteral("big"), 2000}}) {
        ConversationInfo c;
        c.id = id;
        c.title = id;
        c.created = c.updated = QDateTime::currentDateTime();
        db.saveConversation(c);
        for (int i = 0; i < count; ++i) {
            ChatMessage m;
            m.id = ChatMessage::newId();
            m.conversationId = id;
            m.position = i;
            m.role = i % 2 ? Message::Role::Assistant : Message::Role::User;
            m.text = i % 2 ? answerText(i) : QStringLiteral("Question number %1?").arg(i);
            m.model = QStringLiteral("openai/gpt-4o-mini");
            m.created = QDateTime::currentDateTime();
            db.saveMessage(m);
        }
    }
}

// Time until the messages were loaded and in the model, before the frame.
double loadedMs = 0;

double openAndWaitForFrame(WorkbenchWindow &app, const QString &id)
{
    ChatController *chat = app.workbench()->chat();
    QElapsedTimer clock;
    clock.start();
    chat->openConversation(id);
    while (chat->isLoading())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    loadedMs = clock.nsecsElapsed() / 1e6;
    QSignalSpy frame(app.window(), &QQuickWindow::frameSwapped);
    app.window()->requestUpdate();
    if (!frame.wait(10'000))
        qFatal("no frame");
    return clock.nsecsElapsed() / 1e6;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    WorkbenchWindow window{QProcessEnvironment()};
    QDir().mkpath(window.dataDir());
    fill(QDir(window.dataDir()).filePath(QStringLiteral("history.sqlite")));
    {
        HistoryDatabase db;
        db.open(QDir(window.dataDir()).filePath(QStringLiteral("history.sqlite")));
        QElapsedTimer clock;
        clock.start();
        const qsizetype n = db.messages(QStringLiteral("big")).size();
        std::printf("reading %lld messages from SQLite:  %8.2f ms\n", qint64(n), clock.nsecsElapsed() / 1e6);
    }
    if (!window.show())
        return 1;
    window.window()->setProperty("page", QStringLiteral("chat"));
    QTest::qWait(200);

    QList<double> empty;
    QList<double> big;
    QList<double> bigLoaded;
    for (int round = 0; round < 7; ++round) {
        big.append(openAndWaitForFrame(window, QStringLiteral("big")));
        bigLoaded.append(loadedMs);
        empty.append(openAndWaitForFrame(window, QStringLiteral("empty")));
    }
    const double e = median(empty);
    const double b = median(big);
    std::printf("open empty conversation:        %8.2f ms (median of %lld)\n", e, qint64(empty.size()));
    std::printf("open 2,000-message conversation: %8.2f ms (median of %lld)\n", b, qint64(big.size()));
    std::printf("  of which loading into the model: %8.2f ms\n", median(bigLoaded));
    std::printf("ratio 2,000 / empty:             %8.2f\n", b / e);
    return 0;
}
