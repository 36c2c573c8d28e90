import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench
import Muxi.Workbench.Common
import Muxi.Workbench.Chat
import Muxi.Workbench.Settings
import Muxi.Workbench.Compare
import Muxi.Workbench.Tools

ApplicationWindow {
    id: window

    // "chat", "compare", "settings" or "firstrun"; the screenshot test sets it directly.
    property string page: "chat"
    property alias settingsTab: settingsPage.currentTab

    width: 1120
    height: 760
    minimumWidth: 720
    minimumHeight: 480
    visible: true
    title: Workbench.chat.conversationTitle.length > 0
           ? qsTr("%1 — Muxi Workbench").arg(Workbench.chat.conversationTitle)
           : qsTr("Muxi Workbench")
    color: Theme.window

    SystemPalette {
        id: systemPalette
        colorGroup: SystemPalette.Active
    }

    Binding {
        target: Theme
        property: "dark"
        value: Workbench.settings.theme === "dark"
               || (Workbench.settings.theme === "system" && systemPalette.window.hslLightness < 0.5)
    }
    Binding {
        target: Theme
        property: "markdownStyleLight"
        value: Workbench.markdownStyleLight
    }
    Binding {
        target: Theme
        property: "markdownStyleDark"
        value: Workbench.markdownStyleDark
    }

    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.alternateBase: Theme.sidebar
    palette.text: Theme.text
    palette.button: Theme.surface
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.placeholderText: Theme.mutedText
    palette.mid: Theme.border
    palette.light: Theme.surface
    palette.dark: Theme.border
    palette.toolTipBase: Theme.surface
    palette.toolTipText: Theme.text

    Component.onCompleted: {
        if (!Workbench.settings.firstRunDone && Workbench.providers.usableCount === 0)
            page = "firstrun"
    }

    readonly property alias shortcuts: shortcuts
    readonly property alias shortcutSheet: shortcutSheet
    readonly property alias announcer: announcer

    // What a keyboard shortcut (WorkbenchShortcuts) does, given the page in front.
    function runShortcut(action) {
        var onCompare = window.page === "compare"
        switch (action) {
        case "newChat":
            Workbench.chat.newConversation()
            window.page = "chat"
            chatView.focusComposer()
            break
        case "focusComposer":
            if (!onCompare)
                window.page = "chat"
            onCompare ? compareView.focusComposer() : chatView.focusComposer()
            break
        case "escape":
            if (onCompare && Workbench.compare.streaming)
                Workbench.compare.stopAll()
            else if (!onCompare && window.page === "chat" && Workbench.chat.streaming)
                Workbench.chat.stop()
            else
                runShortcut("focusComposer")
            break
        case "modelPicker":
            if (onCompare && !Workbench.compare.started) {
                compareView.focusModelField()
            } else {
                window.page = "chat"
                chatView.openModelPicker()
            }
            break
        case "search":
            sidebar.focusSearch()
            break
        case "compare":
            window.page = "compare"
            Workbench.compare.started ? compareView.focusComposer() : compareView.focusModelField()
            break
        case "settings":
            window.page = "settings"
            settingsPage.focusTabs()
            break
        case "regenerate":
            onCompare ? compareView.rerunAll() : chatView.regenerateLast()
            break
        case "copyAnswer":
            if (!onCompare)
                chatView.copyLastAnswer()
            break
        case "previousConversation":
        case "nextConversation":
            if (sidebar.step(action === "nextConversation" ? 1 : -1)) {
                window.page = "chat"
                chatView.focusComposer()
            }
            break
        case "attach":
            if (window.page !== "compare")
                window.page = "chat"
            onCompare ? compareView.attach() : chatView.attach()
            break
        case "shortcuts":
            shortcutSheet.open()
            break
        }
    }

    WorkbenchShortcuts {
        id: shortcuts
        onActivated: function(action) { window.runShortcut(action) }
    }

    ShortcutSheet {
        id: shortcutSheet
        objectName: "shortcutSheet"
        shortcuts: shortcuts
    }

    // Finished answers and failures, said to a screen reader.
    LiveRegion {
        id: announcer
        objectName: "announcer"
    }
    Connections {
        target: Workbench.chat
        function onAnswerFinished() { announcer.announce(chatView.lastAnswerAnnouncement()) }
    }
    Connections {
        target: Workbench.compare
        function onColumnFinished(index) { announcer.announce(compareView.columnAnnouncement(index)) }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            id: sidebar
            Layout.fillHeight: true
            Layout.preferredWidth: 270
            onSettingsRequested: window.page = "settings"
            onCompareRequested: window.page = "compare"
            onConversationChosen: window.page = "chat"
        }

        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            color: Theme.border
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: window.page === "settings" ? 1 : window.page === "firstrun" ? 2 : window.page === "compare" ? 3 : 0

            ChatView {
                id: chatView
                workbench: Workbench
            }
            SettingsPage {
                id: settingsPage
                workbench: Workbench
                toolsPage: Component {
                    ToolsSettings { workbench: Workbench }
                }
                onDone: window.page = "chat"
            }
            FirstRunPage {
                onDone: {
                    Workbench.settings.firstRunDone = true
                    window.page = "chat"
                }
                onAddKeyRequested: {
                    Workbench.settings.firstRunDone = true
                    window.page = "settings"
                }
            }
            CompareView {
                id: compareView
                workbench: Workbench
            }
        }
    }
}
