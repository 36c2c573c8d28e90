// The cost of one streamed token while a single answer grows to 20,000
// tokens: in the message model (append, per-frame render, the view reading
// the HTML) and with the chat view on screen (the same plus layout and a
// rendered frame). Prints the cost per token at the start and at the end of
// the answer, and their ratio; a flat cost gives a ratio near 1.

#include <chatmessage.h>
#include <messagemodel.h>

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSignalSpy>

#include <cstdio>

using namespace muxi;

namespace {

constexpr int totalTokens = 20'000;
constexpr int tokensPerFrame = 8;
constexpr int window = 1'000;

// Prose with a paragraph break every 60 tokens and a code block every 600, like a long answer.
QString token(int i)
{
    if (i % 600 == 599)
        return QStringLiteral("\n\n```python\ndef f(x):\n    return x * %1\n```\n\n").arg(i);
    if (i % 60 == 59)
        return QStringLiteral("end.\n\n");
    return QStringLiteral("word%1 ").arg(i % 97);
}

struct Costs {
    double first = 0;
    double last = 0;
};

template<typename Frame>
Costs measure(MessageModel &model, int row, Frame frame)
{
    Costs costs;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < totalTokens; ++i) {
        model.appendText(row, token(i));
        if (i % tokensPerFrame == tokensPerFrame - 1)
            frame();
        if (i == window - 1)
            costs.first = clock.nsecsElapsed() / 1e3 / window;
        if (i == totalTokens - window)
            clock.restart();
    }
    costs.last = clock.nsecsElapsed() / 1e3 / window;
    return costs;
}

int appendAnswer(MessageModel &model)
{
    ChatMessage user;
    user.id = ChatMessage::newId();
    user.role = Message::Role::User;
    user.text = QStringLiteral("Write a long essay.");
    model.append(user);
    ChatMessage answer;
    answer.id = ChatMessage::newId();
    answer.role = Message::Role::Assistant;
    answer.status = ChatMessage::Status::Streaming;
    answer.model = QStringLiteral("openai/gpt-4o-mini");
    return model.append(answer);
}

void report(const char *what, const Costs &c)
{
    std::printf("%-34s first %d tokens: %8.2f us/token, last %d: %8.2f us/token, ratio %.2f\n", what, window, c.first, window,
                c.last, c.last / c.first);
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Fusion"));

    {
        MessageModel model;
        const int row = appendAnswer(model);
        const Costs c = measure(model, row, [&] {
            model.flush();
            // What a delegate reads after dataChanged.
            model.index(row).data(MessageModel::HtmlRole);
        });
        report("model (append, render, read):", c);
    }

    {
        MessageModel model;
        const int row = appendAnswer(model);
        QQmlEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/"));
        QQmlComponent component(&engine);
        component.setData(QByteArrayLiteral("import QtQuick\nimport QtQuick.Controls\nimport Muxi.Workbench\n"
                                            "import Muxi.Workbench.Common\nimport Muxi.Workbench.Chat\n"
                                            "ApplicationWindow { width: 1000; height: 800; visible: true\n"
                                            "  property alias model: controller.messages\n"
                                            "  Binding { target: Theme; property: \"markdownStyleLight\"; value: Workbench.markdownStyleLight }\n"
                                            "  QtObject { id: controller; property var messages; property bool streaming: true;"
                                            " property bool loading: false; property string model: \"openai/gpt-4o-mini\" }\n"
                                            "  ChatView { anchors.fill: parent; workbench: Workbench; controller: controller } }"),
                          QUrl(QStringLiteral("qrc:/bench/Window.qml")));
        QObject *root = component.create();
        if (!root) {
            std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
            return 1;
        }
        root->setProperty("model", QVariant::fromValue(static_cast<QObject *>(&model)));
        auto *quickWindow = qobject_cast<QQuickWindow *>(root);
        QSignalSpy frames(quickWindow, &QQuickWindow::frameSwapped);
        frames.wait(2000);
        const Costs c = measure(model, row, [&] {
            model.flush();
            quickWindow->requestUpdate();
            frames.wait(2000);
        });
        report("chat view (plus layout, frame):", c);
        delete root;
    }
    return 0;
}
